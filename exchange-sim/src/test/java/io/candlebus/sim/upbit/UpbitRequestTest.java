package io.candlebus.sim.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.sim.v1family.V1Request;
import org.junit.jupiter.api.Test;

class UpbitRequestTest {
    @Test
    void readsTicketTypesFlagsInEitherCaseAndFormat() throws Exception {
        V1Request r = V1Request.parse(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\",\"KRW-BTC\","
                        + "\"KRW-ETH\"],\"is_only_realtime\":true},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"],"
                        + "\"isOnlySnapshot\":true},{\"format\":\"SIMPLE_LIST\"}]",
                UpbitConnection.DIALECT);
        assertThat(r.ticket()).isEqualTo("t");
        assertThat(UpbitFormat.named(r.format())).isEqualTo(UpbitFormat.SIMPLE_LIST);
        V1Request.TypeRequest trade = r.types().get("trade");
        assertThat(trade.codes()).containsExactly("KRW-BTC", "KRW-ETH");
        assertThat(trade.snapshot()).isFalse();
        assertThat(trade.realtime()).isTrue();
        assertThat(r.types().get("ticker").realtime()).isFalse();
    }

    @Test
    void refusalsCarryUpbitsErrorNames() {
        assertName("{\"ticket\":\"t\"}", "WRONG_FORMAT");
        assertName("[{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]}]", "NO_TICKET");
        assertName("[{\"ticket\":\"t\"},{\"format\":\"DEFAULT\"}]", "NO_TYPE");
        assertName("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[]}]", "NO_CODES");
        assertName("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"btc\"]}]", "INVALID_PARAM");
        assertName(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"XML\"}]",
                "INVALID_PARAM");
        assertName(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_snapshot\":true,"
                        + "\"is_only_realtime\":true}]",
                "INVALID_PARAM");
        assertName(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_snapshot\":\"yes\"}]",
                "WRONG_FORMAT");
    }

    private static void assertName(String text, String name) {
        assertThatThrownBy(() -> V1Request.parse(text, UpbitConnection.DIALECT))
                .isInstanceOfSatisfying(V1Request.RequestException.class, e -> assertThat(e.name())
                        .isEqualTo(name));
    }

    @Test
    void namesWhatUpbitExpects() {
        assertMessage(
                "[{\"ticket\":\"t\"},{\"type\":\"candle\",\"codes\":[\"KRW-BTC\"]}]",
                "type: expected trade, ticker or orderbook, was 'candle'");
        assertMessage(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"XML\"}]",
                "format: expected DEFAULT, SIMPLE, JSON_LIST or SIMPLE_LIST, was 'XML'");
        assertMessage(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":1}]",
                "is_only_realtime: expected true or false, was '1'");
    }

    private static void assertMessage(String text, String message) {
        assertThatThrownBy(() -> V1Request.parse(text, UpbitConnection.DIALECT)).hasMessage(message);
    }
}
