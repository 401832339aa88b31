package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocketConnectOptions;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void withoutJitterDoublesUpToTheCapAndResets() {
        Backoff b = new Backoff(100, 1_000, bound -> bound - 1);

        assertThat(new long[] {b.next(), b.next(), b.next(), b.next(), b.next(), b.next()})
                .containsExactly(100, 200, 400, 800, 1_000, 1_000);
        for (int i = 0; i < 100; i++) {
            assertThat(b.next()).isEqualTo(1_000);
        }
        b.reset();
        assertThat(b.next()).isEqualTo(100);
        assertThat(b.next(5_000)).isEqualTo(5_000);
    }

    @Test
    void jitterKeepsEachDelayBetweenHalfAndAllOfItsStep() {
        Backoff lowest = new Backoff(100, 1_000, bound -> 0);
        assertThat(new long[] {lowest.next(), lowest.next(), lowest.next(), lowest.next(), lowest.next()})
                .containsExactly(50, 100, 200, 400, 500);

        Backoff b = new Backoff(100, 1_000);
        for (int i = 0; i < 1_000; i++) {
            long step = Math.min(1_000, 100L << Math.min(b.failures(), 30));
            assertThat(b.next()).isBetween(step / 2, step);
        }
    }

    @Test
    void connectionsDroppedTogetherDoNotRetryInLockstep() {
        Set<Long> firstDelays = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            firstDelays.add(new Backoff(1_000, 30_000).next());
        }
        // 50 draws from 501 values: all equal has probability 501^-49.
        assertThat(firstDelays).hasSizeGreaterThan(10);
    }

    @Test
    void websocketTargetsCarryHostPortTlsAndUri() {
        WebSocketConnectOptions wss =
                WsTarget.options("wss://stream.binance.com:9443/stream?streams=a@kline_1m/b@kline_1m");
        assertThat(wss.getHost()).isEqualTo("stream.binance.com");
        assertThat(wss.getPort()).isEqualTo(9443);
        assertThat(wss.isSsl()).isTrue();
        assertThat(wss.getURI()).isEqualTo("/stream?streams=a@kline_1m/b@kline_1m");

        WebSocketConnectOptions plain = WsTarget.options("ws://127.0.0.1:8080/bithumb/websocket/v1");
        assertThat(plain.getPort()).isEqualTo(8080);
        assertThat(plain.isSsl()).isFalse();
        assertThat(plain.getURI()).isEqualTo("/bithumb/websocket/v1");

        WebSocketConnectOptions defaults = WsTarget.options("wss://ws-api.bithumb.com/websocket/v1");
        assertThat(defaults.getPort()).isEqualTo(443);
        assertThat(WsTarget.options("ws://h").getURI()).isEqualTo("/");
        assertThat(WsTarget.options("ws://h").getPort()).isEqualTo(80);
    }
}
