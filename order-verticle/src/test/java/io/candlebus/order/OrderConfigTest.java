package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderConfigTest {

    @Test
    void defaultsArePaperTradingSignalsWithBtcSizedOrders() {
        OrderConfig config = OrderConfig.defaults();
        assertThat(config.mode()).isEqualTo("paper");
        assertThat(config.tradeSignals()).isTrue();
        assertThat(config.maxOrdersPerMinute()).isEqualTo(10);
        assertThat(config.defaultSettings())
                .isEqualTo(new InstrumentSettings(
                        new BigDecimal("0.001"), new BigDecimal("0.01"), new BigDecimal("0.01")));
        assertThat(config.instruments()).isEmpty();
        assertThat(config.killSwitch()).isFalse();
        assertThat(OrderConfig.fromJson(new JsonObject(), "order")).isEqualTo(config);
        assertThat(OrderConfig.fromJson(null, "order")).isEqualTo(config);
    }

    @Test
    void jsonOverridesWhatItGivesAndInstrumentEntriesInheritTheDefaults() {
        OrderConfig config = OrderConfig.fromJson(
                new JsonObject(
                        """
                        {"mode": "paper", "tradeSignals": false, "maxOrdersPerMinute": 3,
                         "defaults": {"quantity": "0.002", "maxPosition": 0.1},
                         "instruments": {"bithumb:spot:KRW-XRP": {"quantity": "100", "maxOrderQuantity": "1000"}}}
                        """),
                "order");
        assertThat(config.tradeSignals()).isFalse();
        assertThat(config.maxOrdersPerMinute()).isEqualTo(3);
        assertThat(OrderConfig.fromJson(new JsonObject().put("killSwitch", true), "order")
                        .killSwitch())
                .isTrue();
        assertThat(config.settingsFor(BTCUSDT))
                .isEqualTo(
                        new InstrumentSettings(new BigDecimal("0.002"), new BigDecimal("0.01"), new BigDecimal("0.1")));
        assertThat(config.settingsFor(KRW_XRP))
                .isEqualTo(
                        new InstrumentSettings(new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("0.1")));
        assertThat(config.instruments()).containsOnlyKeys(KRW_XRP);
        assertThat(config.risk()).isEqualTo(RiskSettings.defaults());
    }

    @Test
    void theNotionalLimitIsPerInstrumentAndTheFatFingerGuardTopLevel() {
        OrderConfig config = OrderConfig.fromJson(
                new JsonObject(
                        """
                        {"maxPriceDeviationPercent": "2.5",
                         "instruments": {"bithumb:spot:KRW-XRP": {"quantity": "10", "maxOrderQuantity": "100",
                                                                  "maxNotional": "500000"}}}
                        """),
                "order");
        assertThat(config.risk().maxPriceDeviationPercent()).isEqualByComparingTo("2.5");
        assertThat(config.settingsFor(KRW_XRP).maxNotional()).isEqualByComparingTo("500000");
        assertThat(config.settingsFor(BTCUSDT).maxNotional()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"mode\": \"LIVE\"}|order.mode: expected 'paper' or 'live', was 'LIVE'",
                "{\"bithumb\": {\"restUrl\": \"ftp://x\"}}|order.bithumb.restUrl: expected an http:// or https:// URL"
                        + " such as https://api.bithumb.com, was 'ftp://x'",
                "{\"binance\": {\"spot\": {\"restUrl\": \"https://\"}}}|order.binance.spot.restUrl: expected an"
                        + " http:// or https:// URL such as https://api.bithumb.com, was 'https://'",
                "{\"binance\": {\"usdm\": {\"restUrl\": 5}}}|order.binance.usdm.restUrl: expected an http:// or"
                        + " https:// URL, was 5",
                "{\"binance\": {\"coinm\": {\"restUrl\": \"https://h/x?a=1\"}}}|order.binance.coinm.restUrl:"
                        + " expected an http:// or https:// URL such as https://api.bithumb.com, was 'https://h/x?a=1'",
                "{\"binance\": {\"margin\": {}}}|order.binance.margin: unknown key, expected one of coinm, spot, usdm",
                "{\"bithumb\": {\"wsUrl\": \"x\"}}|order.bithumb.wsUrl: unknown key, expected one of restUrl",
                "{\"journalDir\": \" \"}|order.journalDir: expected a directory path, was ' '",
                "{\"pollMillis\": 5}|order.pollMillis: expected an integer from 10 to 3600000, was 5",
                "{\"lookupDeadlineMillis\": -1}|order.lookupDeadlineMillis: expected an integer from 0 to 3600000,"
                        + " was -1",
                "{\"tradeSignals\": 1}|order.tradeSignals: expected true or false, was 1",
                "{\"killSwitch\": \"yes\"}|order.killSwitch: expected true or false, was 'yes'",
                "{\"maxOrdersPerMinute\": 0}|order.maxOrdersPerMinute: expected an integer from 1 to 2147483647, was 0",
                "{\"defaults\": {\"quantity\": \"abc\"}}|order.defaults.quantity: expected a decimal such as \"0.001\","
                        + " was 'abc'",
                "{\"defaults\": {\"quantity\": \"-1\"}}|order.defaults.quantity: expected a decimal > 0, was '-1'",
                "{\"defaults\": {\"maxPosition\": 0}}|order.defaults.maxPosition: expected a decimal > 0, was '0'",
                "{\"defaults\": {\"quantity\": \"0.1\"}}|order.defaults.quantity: expected at most maxOrderQuantity 0.01,"
                        + " was '0.1'",
                "{\"defaults\": {\"qty\": \"0.1\"}}|order.defaults.qty: unknown key, expected one of maxNotional,"
                        + " maxOrderQuantity, maxPosition, quantity",
                "{\"defaults\": {\"maxNotional\": \"0\"}}|order.defaults.maxNotional: expected a decimal > 0, was '0'",
                "{\"maxPriceDeviationPercent\": 0}|order.maxPriceDeviationPercent: expected a decimal above 0 and at"
                        + " most 1000, was 0",
                "{\"maxPriceDeviationPercent\": \"1e9\"}|order.maxPriceDeviationPercent: expected a decimal above 0"
                        + " and at most 1000, was '1e9'",
                "{\"defaults\": 5}|order.defaults: expected an object, was 5",
                "{\"instruments\": {\"binance:spot:BTCUSDT\": {\"quantity\": \"1\"}}}|order.instruments"
                        + ".binance:spot:BTCUSDT.quantity: expected at most maxOrderQuantity 0.01, was '1'",
                "{\"instruments\": {\"BTCUSDT\": {}}}|order.instruments.BTCUSDT: expected an instrument key such as"
                        + " binance:spot:BTCUSDT (instrument: expected exchange:market:SYMBOL such as binance:spot:BTCUSDT,"
                        + " was 'BTCUSDT')",
                "{\"broker\": \"x\"}|order.broker: unknown key, expected one of binance, bithumb, defaults,"
                        + " instruments, journalDir, killSwitch, lookupDeadlineMillis, maxOrdersPerMinute, maxPriceDeviationPercent, maxSignalAgeMillis, mode,"
                        + " paper, pollMillis, risk, tradeSignals",
                "{\"maxSignalAgeMillis\": -1}|order.maxSignalAgeMillis: expected an integer of at least 0, was -1"
            })
    void rejectsBadValuesNamingTheField(String json, String message) {
        assertThatThrownBy(() -> OrderConfig.fromJson(new JsonObject(json), "order"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void liveModeAndExplicitEndpointsParseAndUnsetEndpointsStayUnset() {
        OrderConfig config = OrderConfig.fromJson(
                new JsonObject(
                        """
                        {"mode": "live", "journalDir": "/tmp/j", "pollMillis": 250, "lookupDeadlineMillis": 0,
                         "bithumb": {"restUrl": "https://bithumb.example/"},
                         "binance": {"usdm": {"restUrl": "http://127.0.0.1:9/binance/usdm"}}}
                        """),
                "order");
        assertThat(config.live()).isTrue();
        assertThat(config.journalDir()).isEqualTo("/tmp/j");
        assertThat(config.pollMillis()).isEqualTo(250);
        assertThat(config.lookupDeadlineMillis()).isZero();
        assertThat(config.endpoints())
                .isEqualTo(
                        new OrderEndpoints("https://bithumb.example", null, "http://127.0.0.1:9/binance/usdm", null));
        assertThat(config.endpoints().orElse(OrderEndpoints.REAL))
                .isEqualTo(new OrderEndpoints(
                        "https://bithumb.example",
                        "https://api.binance.com",
                        "http://127.0.0.1:9/binance/usdm",
                        "https://dapi.binance.com"));
        assertThat(OrderConfig.defaults().live()).isFalse();
        assertThat(OrderConfig.defaults().endpoints()).isEqualTo(OrderEndpoints.UNSET);
    }

    @Test
    void theRecordRefusesAnUnknownMode() {
        OrderConfig d = OrderConfig.defaults();
        assertThatThrownBy(() -> new OrderConfig("real", true, 10, 60_000L, d.defaultSettings(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mode: expected 'paper' or 'live', was 'real'");
        assertThat(new OrderConfig("live", true, 10, 60_000L, d.defaultSettings(), Map.of()).live())
                .isTrue();
    }

    @Test
    void everyCopyKeepsTheOtherFieldsAndRunsTheChecks() {
        OrderConfig base = OrderConfig.fromJson(
                new JsonObject()
                        .put("mode", "live")
                        .put("tradeSignals", false)
                        .put("maxOrdersPerMinute", 3)
                        .put("journalDir", "/tmp/journal")
                        .put("pollMillis", 500)
                        .put("killSwitch", true)
                        .put("risk", new JsonObject().put("maxDailyLoss", new JsonObject().put("USDT", "50"))),
                "order");

        assertThat(base.toBuilder().build()).isEqualTo(base);
        assertThat(base.withMode(base.mode())
                        .withEndpoints(base.endpoints())
                        .withPaper(base.paper(), base.maxDailyLoss()))
                .isEqualTo(base);
        OrderConfig paper = base.withMode(OrderConfig.PAPER);
        assertThat(paper.live()).isFalse();
        assertThat(paper.toBuilder().mode(OrderConfig.LIVE).build()).isEqualTo(base);
        assertThatThrownBy(() -> base.toBuilder().pollMillis(5).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("pollMillis: expected an integer from 10 to 3600000, was 5");
    }
}
