package io.candlebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinanceControlTest {
    private final StreamSubscriptions subs = new StreamSubscriptions(false, List.of("btcusdt@kline_1m"), 3);

    @Test
    void subscribeAndListReplyWithTheDocumentedShapes() {
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\"],\"id\":1}", subs, false))
                .isEqualTo("{\"result\":null,\"id\":1}");
        assertThat(BinanceControl.handle("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"q3\"}", subs, false))
                .isEqualTo("{\"result\":[\"btcusdt@kline_1m\",\"ethusdt@kline_1m\"],\"id\":\"q3\"}");
        assertThat(BinanceControl.handle(
                        "{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@kline_1m\"],\"id\":null}", subs, false))
                .isEqualTo("{\"result\":null,\"id\":null}");
        assertThat(subs.list()).containsExactly("ethusdt@kline_1m");
    }

    @Test
    void aSubscribePassingTheStreamCapIsRefusedAndSubscribesNothing() {
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"a@kline_1m\",\"b@kline_1m\",\"c@kline_1m\"],\"id\":9}",
                        subs,
                        false))
                .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: too many streams: expected at most 3"
                        + " per connection, was 4\"},\"id\":9}");
        assertThat(subs.list()).containsExactly("btcusdt@kline_1m");
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"a@kline_1m\",\"btcusdt@kline_1m\"],\"id\":10}",
                        subs,
                        false))
                .isEqualTo("{\"result\":null,\"id\":10}");
        assertThat(subs.list()).containsExactly("btcusdt@kline_1m", "a@kline_1m");
    }

    @Test
    void propertiesFollowBinance() {
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":4}", subs, false))
                .isEqualTo("{\"result\":null,\"id\":4}");
        assertThat(subs.combined()).isTrue();
        assertThat(BinanceControl.handle(
                        "{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":5}", subs, false))
                .isEqualTo("{\"result\":true,\"id\":5}");
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",1],\"id\":6}", subs, false))
                .isEqualTo("{\"error\":{\"code\":1,\"msg\":\"Invalid value type: expected Boolean\"},\"id\":6}");
        assertThat(BinanceControl.handle("{\"method\":\"GET_PROPERTY\",\"params\":[\"other\"],\"id\":7}", subs, false))
                .isEqualTo("{\"error\":{\"code\":0,\"msg\":\"Unknown property\"},\"id\":7}");
    }

    @Test
    void badRequestsGetErrorCodes() {
        assertThat(BinanceControl.handle("{\"method\":", subs, false))
                .startsWith("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON: ");
        assertThat(BinanceControl.handle("{\"method\":\"NOPE\",\"id\":1}", subs, false))
                .startsWith("{\"error\":{\"code\":2,");
        assertThat(BinanceControl.handle("{\"method\":\"SUBSCRIBE\",\"params\":\"x\",\"id\":1}", subs, false))
                .startsWith("{\"error\":{\"code\":2,");
        assertThat(BinanceControl.handle("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"a-b\"}", subs, false))
                .startsWith("{\"error\":{\"code\":2,");
        assertThat(BinanceControl.handle("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"abc\"}", subs, true))
                .isEqualTo(
                        "{\"error\":{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\"},"
                                + "\"id\":null}");
        assertThat(BinanceControl.handle("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":-1}", subs, true))
                .startsWith("{\"error\":{\"code\":2,");
    }

    @Test
    void errorsAreFlatWhenTheWireFormsAskForIt() {
        assertThat(BinanceControl.handle(
                        "{\"method\":\"GET_PROPERTY\",\"params\":[\"other\"],\"id\":\"q7\"}", subs, false, false))
                .isEqualTo("{\"code\":0,\"msg\":\"Unknown property\",\"id\":\"q7\"}");
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"a@kline_1m\",\"b@kline_1m\",\"c@kline_1m\"],\"id\":9}",
                        subs,
                        false,
                        false))
                .isEqualTo("{\"code\":2,\"msg\":\"Invalid request: too many streams: expected at most 3"
                        + " per connection, was 4\",\"id\":9}");
        assertThat(BinanceControl.handle("{\"method\":", subs, false, false)).startsWith("{\"code\":3,");
        assertThat(BinanceControl.handle("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}", subs, false, false))
                .isEqualTo("{\"result\":[\"btcusdt@kline_1m\"],\"id\":2}");
    }

    @Test
    void aMalformedStreamNameIsRefusedWithTheWrappedErrorAndReported() {
        int[] reported = {0};
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\",\"bad$coin@kline_1m\"],\"id\":2}",
                        subs,
                        false,
                        () -> reported[0]++))
                .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":2}");
        assertThat(reported[0]).isEqualTo(1);
        assertThat(subs.list()).as("nothing of a refused request is subscribed").containsExactly("btcusdt@kline_1m");
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_7m\"],\"id\":3}",
                        subs,
                        false,
                        () -> reported[0]++))
                .startsWith("{\"error\":{\"code\":2,");
        assertThat(reported[0]).isEqualTo(2);
    }

    @Test
    void aWellFormedNameOfAStreamThatDoesNotExistIsAccepted() {
        int[] reported = {0};
        assertThat(BinanceControl.handle(
                        "{\"method\":\"SUBSCRIBE\",\"params\":[\"nosuchcoin@kline_1m\"],\"id\":4}",
                        subs,
                        false,
                        () -> reported[0]++))
                .isEqualTo("{\"result\":null,\"id\":4}");
        assertThat(reported[0]).isZero();
    }

    @Test
    void streamNamesFollowTheVenueGrammar() {
        assertThat(StreamNames.wellFormed("btcusdt@kline_1m")).isTrue();
        assertThat(StreamNames.wellFormed("btcusd_perp@kline_1m")).isTrue();
        assertThat(StreamNames.wellFormed("btcusdt@kline_1m@+08:00")).isTrue();
        assertThat(StreamNames.wellFormed("btcusdt@aggTrade")).isTrue();
        assertThat(StreamNames.wellFormed("!miniTicker@arr")).isTrue();
        assertThat(StreamNames.wellFormed("BTCUSDT@kline_1m")).as("upper case").isFalse();
        assertThat(StreamNames.wellFormed("btcusdt@kline_7m"))
                .as("no such interval")
                .isFalse();
        assertThat(StreamNames.wellFormed("btcusdt@klines_1m"))
                .as("no such type")
                .isFalse();
        assertThat(StreamNames.wellFormed("btc usdt@kline_1m")).as("space").isFalse();
        assertThat(StreamNames.wellFormed("btcusdt")).as("no type").isFalse();
    }
}
