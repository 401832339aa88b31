package io.candlebus.sim.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.sim.v1family.V1Request;
import org.junit.jupiter.api.Test;

class BithumbRequestTest {
    private static V1Request.RequestException refusal(String text) {
        try {
            V1Request.parse(text, BithumbConnection.DIALECT);
        } catch (V1Request.RequestException e) {
            return e;
        }
        throw new AssertionError("expected a refusal of " + text);
    }

    private static String errorName(String text) {
        return refusal(text).name();
    }

    @Test
    void parsesTicketTypesAndFlags() throws Exception {
        V1Request r = V1Request.parse(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},"
                        + "{\"type\":\"ticker\",\"codes\":[\"KRW-ETH\"],\"isOnlyRealtime\":true},{\"format\":\"DEFAULT\"}]",
                BithumbConnection.DIALECT);
        assertThat(r.ticket()).isEqualTo("t");
        assertThat(r.types().keySet()).containsExactly("trade", "ticker");
        assertThat(r.types().get("trade"))
                .isEqualTo(new V1Request.TypeRequest("trade", java.util.List.of("KRW-BTC"), true, true));
        assertThat(r.types().get("ticker").snapshot()).isFalse();
        assertThat(V1Request.parse(
                                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],"
                                        + "\"is_only_snapshot\":true}]",
                                BithumbConnection.DIALECT)
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

    @Test
    void readsBithumbsDialectOfTheSharedRequest() throws Exception {
        V1Request both = V1Request.parse(
                "[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"isOnlySnapshot\":true,"
                        + "\"isOnlyRealtime\":true}]",
                BithumbConnection.DIALECT);
        assertThat(both.types().get("trade").snapshot()).isFalse();
        assertThat(both.types().get("trade").realtime()).isFalse();
        assertThat(message("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"SIMPLE\"}]"))
                .isEqualTo("format: expected DEFAULT (SIMPLE is not simulated), was 'SIMPLE'");
        assertThat(message("[{\"ticket\":\"t\"},{\"type\":\"candle\",\"codes\":[\"KRW-BTC\"]}]"))
                .isEqualTo("type: expected ticker, trade or orderbook, was 'candle'");
        assertThat(message("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_realtime\":1}]"))
                .isEqualTo("isOnlyRealtime: expected true or false, was '1'");
    }

    private static String message(String text) {
        return refusal(text).getMessage();
    }
}
