package io.candlebus.sim.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpbitRequestTest {
    @Test
    void readsTicketTypesFlagsInEitherCaseAndFormat() throws Exception {
        UpbitRequest r =
                UpbitRequest.parse("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\",\"KRW-BTC\","
                        + "\"KRW-ETH\"],\"is_only_realtime\":true},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"],"
                        + "\"isOnlySnapshot\":true},{\"format\":\"SIMPLE_LIST\"}]");
        assertThat(r.ticket()).isEqualTo("t");
        assertThat(r.format()).isEqualTo(UpbitFormat.SIMPLE_LIST);
        UpbitRequest.TypeRequest trade = r.types().get("trade");
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
        assertThatThrownBy(() -> UpbitRequest.parse(text))
                .isInstanceOfSatisfying(UpbitRequest.RequestException.class, e -> assertThat(e.name())
                        .isEqualTo(name));
    }
}
