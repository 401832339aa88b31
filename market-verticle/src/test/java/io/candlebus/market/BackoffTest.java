package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCapAndResets() {
        Backoff b = new Backoff(100, 1_000);

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
