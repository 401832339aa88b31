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
        assertThat(config.settingsFor(BTCUSDT))
                .isEqualTo(
                        new InstrumentSettings(new BigDecimal("0.002"), new BigDecimal("0.01"), new BigDecimal("0.1")));
        assertThat(config.settingsFor(KRW_XRP))
                .isEqualTo(
                        new InstrumentSettings(new BigDecimal("100"), new BigDecimal("1000"), new BigDecimal("0.1")));
        assertThat(config.instruments()).containsOnlyKeys(KRW_XRP);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"mode\": \"live\"}|order.mode: expected 'paper' (live brokers come in a later issue), was 'live'",
                "{\"tradeSignals\": 1}|order.tradeSignals: expected true or false, was 1",
                "{\"maxOrdersPerMinute\": 0}|order.maxOrdersPerMinute: expected an integer from 1 to 2147483647, was 0",
                "{\"defaults\": {\"quantity\": \"abc\"}}|order.defaults.quantity: expected a decimal such as \"0.001\","
                        + " was 'abc'",
                "{\"defaults\": {\"quantity\": \"-1\"}}|order.defaults.quantity: expected a decimal > 0, was '-1'",
                "{\"defaults\": {\"maxPosition\": 0}}|order.defaults.maxPosition: expected a decimal > 0, was '0'",
                "{\"defaults\": {\"quantity\": \"0.1\"}}|order.defaults.quantity: expected at most maxOrderQuantity 0.01,"
                        + " was '0.1'",
                "{\"defaults\": {\"qty\": \"0.1\"}}|order.defaults.qty: unknown key, expected one of maxOrderQuantity,"
                        + " maxPosition, quantity",
                "{\"defaults\": 5}|order.defaults: expected a JSON object, was 5",
                "{\"instruments\": {\"binance:spot:BTCUSDT\": {\"quantity\": \"1\"}}}|order.instruments"
                        + ".binance:spot:BTCUSDT.quantity: expected at most maxOrderQuantity 0.01, was '1'",
                "{\"instruments\": {\"BTCUSDT\": {}}}|order.instruments.BTCUSDT: expected an instrument key such as"
                        + " binance:spot:BTCUSDT (instrument: expected exchange:market:SYMBOL such as binance:spot:BTCUSDT,"
                        + " was 'BTCUSDT')",
                "{\"broker\": \"x\"}|order.broker: unknown key, expected one of defaults, instruments,"
                        + " maxOrdersPerMinute, maxSignalAgeMillis, mode, tradeSignals",
                "{\"maxSignalAgeMillis\": -1}|order.maxSignalAgeMillis: expected an integer >= 0, was -1"
            })
    void rejectsBadValuesNamingTheField(String json, String message) {
        assertThatThrownBy(() -> OrderConfig.fromJson(new JsonObject(json), "order"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void theRecordItselfRefusesLiveMode() {
        OrderConfig d = OrderConfig.defaults();
        assertThatThrownBy(() -> new OrderConfig("live", true, 10, 60_000L, d.defaultSettings(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("live brokers come in a later issue");
    }
}
