package io.candlebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.sim.Json;
import io.candlebus.sim.faults.BadInput;
import org.junit.jupiter.api.Test;

class BinanceBadInputTest {
    private static final String KLINE =
            "{\"e\":\"kline\",\"E\":1767225659987,\"s\":\"BTCUSDT\",\"k\":{\"t\":1767225600000,"
                    + "\"T\":1767225659999,\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":5,\"L\":9,\"o\":\"87310.01\",\"c\":\"87322.55\","
                    + "\"h\":\"87340.00\",\"l\":\"87301.12\",\"v\":\"12.40351\",\"n\":5,\"x\":false,\"q\":\"1083051.88\","
                    + "\"V\":\"6.90012\",\"Q\":\"602514.33\",\"B\":\"0\"}}";

    private static JsonNode k(BadInput kind) {
        return Json.parse(BinanceBadInput.kline(kind, KLINE)).get("k");
    }

    @Test
    void changesExactlyTheNamedField() {
        assertThat(k(BadInput.WRONG_TYPE).get("o").isObject()).isTrue();
        assertThat(k(BadInput.WRONG_TYPE).get("c").asText()).isEqualTo("87322.55");
        assertThat(k(BadInput.MISSING_FIELD).has("c")).isFalse();
        assertThat(k(BadInput.MISSING_FIELD).get("o").asText()).isEqualTo("87310.01");
        assertThat(k(BadInput.NAN_PRICE).get("c").asText()).isEqualTo("NaN");
        assertThat(k(BadInput.ZERO_PRICE).get("c").asText()).isEqualTo("0");
        assertThat(k(BadInput.NEGATIVE_PRICE).get("c").asText()).isEqualTo("-87322.55");
        assertThat(k(BadInput.NAN_SIZE).get("v").asText()).isEqualTo("NaN");
        assertThat(k(BadInput.NEGATIVE_SIZE).get("v").asText()).isEqualTo("-12.40351");
        assertThat(k(BadInput.HIGH_BELOW_LOW).get("h").asText()).isEqualTo("87300.12");
        assertThat(k(BadInput.HIGH_BELOW_LOW).get("l").asText()).isEqualTo("87301.12");
        JsonNode unknown = Json.parse(BinanceBadInput.kline(BadInput.UNKNOWN_SYMBOL, KLINE));
        assertThat(unknown.get("s").asText()).isEqualTo("NOSUCHCOIN");
        assertThat(unknown.get("k").get("s").asText()).isEqualTo("NOSUCHCOIN");
        assertThat(unknown.get("k").get("c").asText()).isEqualTo("87322.55");
    }

    @Test
    void leavesKindsThatAreNoChangedKlineToTheConnection() {
        assertThat(BinanceBadInput.kline(BadInput.MALFORMED_JSON, KLINE)).isNull();
        assertThat(BinanceBadInput.kline(BadInput.OVERSIZED, KLINE)).isNull();
        assertThat(BinanceBadInput.kline(BadInput.LATE_TRADE, KLINE)).isNull();
        assertThat(BinanceBadInput.kline(BadInput.ZERO_SIZE, KLINE)).isNull();
        assertThat(BinanceBadInput.unknownStream("btcusdt@kline_5m")).isEqualTo("nosuchcoin@kline_5m");
    }
}
