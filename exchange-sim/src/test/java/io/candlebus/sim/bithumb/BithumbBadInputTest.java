package io.candlebus.sim.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.sim.Json;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.v1family.V1BadInput;
import org.junit.jupiter.api.Test;

class BithumbBadInputTest {
    private static final String TRADE = "{\"type\":\"trade\",\"code\":\"KRW-BTC\",\"trade_price\":131250000,"
            + "\"trade_volume\":0.0021,\"ask_bid\":\"BID\",\"prev_closing_price\":130900000,\"change\":\"RISE\","
            + "\"change_price\":350000,\"trade_date\":\"2026-01-01\",\"trade_time\":\"09:00:00\","
            + "\"trade_timestamp\":1767225600123,\"timestamp\":1767225600190,"
            + "\"sequential_id\":17672256001239999,\"stream_type\":\"REALTIME\"}";

    private static JsonNode trade(BadInput kind) {
        return Json.parse(V1BadInput.trade(kind, TRADE, false));
    }

    @Test
    void changesExactlyTheNamedFieldAndKeepsExactDecimals() {
        assertThat(trade(BadInput.WRONG_TYPE).get("trade_price").isObject()).isTrue();
        assertThat(trade(BadInput.MISSING_FIELD).has("trade_price")).isFalse();
        assertThat(trade(BadInput.MISSING_FIELD).get("trade_volume").decimalValue())
                .isEqualByComparingTo("0.0021");
        assertThat(trade(BadInput.NAN_PRICE).get("trade_price").asText()).isEqualTo("NaN");
        assertThat(trade(BadInput.ZERO_PRICE).get("trade_price").decimalValue()).isZero();
        assertThat(trade(BadInput.NEGATIVE_PRICE).get("trade_price").decimalValue())
                .isEqualByComparingTo("-131250000");
        assertThat(trade(BadInput.NAN_SIZE).get("trade_volume").asText()).isEqualTo("NaN");
        assertThat(trade(BadInput.ZERO_SIZE).get("trade_volume").decimalValue()).isZero();
        assertThat(trade(BadInput.NEGATIVE_SIZE).get("trade_volume").decimalValue())
                .isEqualByComparingTo("-0.0021");
        assertThat(trade(BadInput.UNKNOWN_SYMBOL).get("code").asText()).isEqualTo("KRW-NOSUCHCOIN");
        assertThat(trade(BadInput.UNKNOWN_SYMBOL).get("sequential_id").asLong()).isEqualTo(17672256001239999L);
    }

    @Test
    void leavesKindsThatAreNoChangedTradeToTheConnection() {
        assertThat(V1BadInput.trade(BadInput.HIGH_BELOW_LOW, TRADE, false)).isNull();
        assertThat(V1BadInput.trade(BadInput.LATE_TRADE, TRADE, false)).isNull();
        assertThat(V1BadInput.trade(BadInput.OVERSIZED, TRADE, false)).isNull();
    }
}
