package io.candlebus.sim.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BithumbRequestTest {
    private static String errorName(String text) {
        try {
            BithumbRequest.parse(text);
        } catch (BithumbRequest.RequestException e) {
            return e.name();
        }
        throw new AssertionError("expected a refusal of " + text);
    }

    @Test
    void parsesTicketTypesAndFlags() throws Exception {
        BithumbRequest r = BithumbRequest.parse("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},"
                + "{\"type\":\"ticker\",\"codes\":[\"KRW-ETH\"],\"isOnlyRealtime\":true},{\"format\":\"DEFAULT\"}]");
        assertThat(r.ticket()).isEqualTo("t");
        assertThat(r.types().keySet()).containsExactly("trade", "ticker");
        assertThat(r.types().get("trade"))
                .isEqualTo(new BithumbRequest.TypeRequest("trade", java.util.List.of("KRW-BTC"), true, true));
        assertThat(r.types().get("ticker").snapshot()).isFalse();
        assertThat(BithumbRequest.parse("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],"
                                + "\"is_only_snapshot\":true}]")
                        .types()
                        .get("trade")
                        .realtime())
                .isFalse();
    }

    @Test
    void refusesWhatBithumbRefuses() {
        assertThat(errorName("PING!")).isEqualTo("WRONG_FORMAT");
        assertThat(errorName("{\"ticket\":\"t\"}")).isEqualTo("WRONG_FORMAT");
        assertThat(errorName("[{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]}]")).isEqualTo("NO_TICKET");
        assertThat(errorName("[{\"ticket\":\"t\"}]")).isEqualTo("NO_TYPE");
        assertThat(errorName("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[]}]"))
                .isEqualTo("NO_CODES");
        assertThat(errorName("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"krw-btc\"]}]"))
                .isEqualTo("INVALID_PARAM");
        assertThat(errorName("[{\"ticket\":\"t\"},{\"type\":\"candle\",\"codes\":[\"KRW-BTC\"]}]"))
                .isEqualTo("INVALID_PARAM");
        assertThat(errorName(
                        "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":\"yes\"}]"))
                .isEqualTo("WRONG_FORMAT");
    }
}
