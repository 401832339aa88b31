package io.candlebus.order.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.order.OrderConfig;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PaperSettingsTest {

    @Test
    void defaultsAreTheVenuesStandardFeesAndFiveBpsSlippage() {
        PaperSettings d = OrderConfig.defaults().paper();
        assertThat(d.feesOf("binance:spot")).isEqualTo(new Fees(new BigDecimal("0.001"), new BigDecimal("0.001")));
        assertThat(d.feesOf("binance:usdm").taker()).isEqualByComparingTo("0.0005");
        assertThat(d.feesOf("bithumb:spot").maker()).isEqualByComparingTo("0.0025");
        assertThat(d.slippageBps()).isEqualByComparingTo("5");
        assertThat(d.leverage()).isEqualByComparingTo("1");
        assertThat(d.marketWaitMillis()).isEqualTo(5_000);
        assertThat(d.balances().get("binance:spot")).containsEntry("USDT", new BigDecimal("10000"));
        assertThat(OrderConfig.defaults().maxDailyLoss().on()).isFalse();
    }

    @Test
    void readsOverridesFromTheOrderConfig() {
        OrderConfig config = OrderConfig.fromJson(
                new JsonObject(
                        """
                        {"paper": {"balances": {"binance:spot": {"USDT": "500", "BTC": "0.01"}},
                                   "fees": {"bithumb:spot": {"maker": "0.0004"}},
                                   "slippageBps": 2.5, "leverage": "3", "marketWaitMillis": 2000},
                         "risk": {"maxDailyLoss": {"USDT": "50"}}}
                        """),
                "order");
        PaperSettings paper = config.paper();
        assertThat(paper.balances().get("binance:spot")).containsEntry("BTC", new BigDecimal("0.01"));
        assertThat(paper.balances().get("bithumb:spot")).containsEntry("KRW", new BigDecimal("10000000"));
        assertThat(paper.feesOf("bithumb:spot"))
                .isEqualTo(new Fees(new BigDecimal("0.0004"), new BigDecimal("0.0025")));
        assertThat(paper.slippageBps()).isEqualByComparingTo("2.5");
        assertThat(paper.leverage()).isEqualByComparingTo("3");
        assertThat(paper.marketWaitMillis()).isEqualTo(2000);
        assertThat(config.maxDailyLoss().maxLossByAsset()).containsEntry("USDT", new BigDecimal("50"));
        assertThat(config.withMode("live").paper()).isEqualTo(paper);
    }

    @Test
    void badValuesNameTheField() {
        assertBad(
                "{\"paper\": {\"balances\": {\"binance:margin\": {}}}}",
                "order.paper.balances.binance:margin: unknown key");
        assertBad(
                "{\"paper\": {\"balances\": {\"binance:spot\": {\"USDT\": \"-1\"}}}}",
                "order.paper.balances.binance:spot.USDT");
        assertBad("{\"paper\": {\"fees\": {\"binance:spot\": {\"taker\": \"1.5\"}}}}", "order.paper.fees.binance:spot");
        assertBad("{\"paper\": {\"slippageBps\": 5000}}", "order.paper.slippageBps");
        assertBad("{\"paper\": {\"leverage\": 0}}", "order.paper.leverage");
        assertBad("{\"paper\": {\"marketWaitMillis\": -1}}", "order.paper.marketWaitMillis");
        assertBad("{\"paper\": {\"fills\": 1}}", "order.paper.fills: unknown key");
        assertBad("{\"risk\": {\"maxDailyLoss\": {\"USDT\": \"0\"}}}", "order.risk.maxDailyLoss.USDT");
        assertBad("{\"risk\": {\"maxDailyLoss\": 100}}", "order.risk.maxDailyLoss");
        assertBad("{\"risk\": {\"maxDailyLosses\": {}}}", "order.risk.maxDailyLosses: unknown key");
    }

    private static void assertBad(String json, String field) {
        assertThatThrownBy(() -> OrderConfig.fromJson(new JsonObject(json), "order"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(field);
    }
}
