package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseHubTest {
    private static final String BTC = "binance:spot:BTCUSDT";
    private static final String KRW = "bithumb:spot:KRW-BTC";

    /** A client that records what it is sent; {@code full} plays a browser that stopped reading. */
    private static final class Page implements SseHub.Client {
        final List<String> frames = new ArrayList<>();
        boolean full;
        boolean closed;

        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public void write(String frame) {
            frames.add(frame);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aFrameHasTheEventNameOneDataLinePerLineAndEndsWithABlankLine() {
        assertThat(SseHub.frame("live", "[1,2]")).isEqualTo("event: live\ndata: [1,2]\n\n");
        assertThat(SseHub.frame("x", "a\nb\r\nc")).isEqualTo("event: x\ndata: a\ndata: b\ndata: c\n\n");
        assertThatThrownBy(() -> SseHub.frame("a\nb", "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event: expected a name without line breaks");
    }

    @Test
    void eachPageGetsOnlyItsInstrumentAndInterval() {
        SseHub hub = new SseHub(10);
        Page btc1m = new Page();
        Page btc5m = new Page();
        Page krw1m = new Page();
        hub.add(btc1m, BTC, "1m");
        hub.add(btc5m, BTC, "5m");
        hub.add(krw1m, KRW, "1m");

        hub.publish(BTC, "1m", "live", () -> "1");
        hub.publish(KRW, "1m", "live", () -> "2");
        hub.publish(BTC, null, "order", () -> "3");
        hub.publish("binance:spot:ETHUSDT", "1m", "live", () -> "4");

        assertThat(btc1m.frames).containsExactly("event: live\ndata: 1\n\n", "event: order\ndata: 3\n\n");
        assertThat(btc5m.frames).containsExactly("event: order\ndata: 3\n\n");
        assertThat(krw1m.frames).containsExactly("event: live\ndata: 2\n\n");
    }

    @Test
    void aPageWhoseQueueIsFullIsDroppedAndTheOthersGoOn() {
        SseHub hub = new SseHub(10);
        Page slow = new Page();
        Page fast = new Page();
        hub.add(slow, BTC, "1m");
        hub.add(fast, BTC, "1m");
        slow.full = true;

        hub.publish(BTC, "1m", "live", () -> "1");
        slow.full = false;
        hub.publish(BTC, "1m", "live", () -> "2");

        assertThat(slow.closed).isTrue();
        assertThat(slow.frames).isEmpty();
        assertThat(fast.frames).hasSize(2);
        assertThat(hub.clients()).isEqualTo(1);
        assertThat(hub.dropped()).isEqualTo(1);
    }

    @Test
    void pingsReachEveryPageAndDropTheStalledOnes() {
        SseHub hub = new SseHub(10);
        Page a = new Page();
        Page b = new Page();
        hub.add(a, BTC, "1m");
        hub.add(b, KRW, "5m");
        b.full = true;

        hub.ping();

        assertThat(a.frames).containsExactly(SseHub.PING);
        assertThat(b.closed).isTrue();
        assertThat(hub.clients()).isEqualTo(1);
    }

    @Test
    void pagesBeyondTheLimitAreRefusedAndADisconnectFreesASlot() {
        SseHub hub = new SseHub(2);
        Page a = new Page();
        assertThat(hub.add(a, BTC, "1m")).isTrue();
        assertThat(hub.add(new Page(), BTC, "1m")).isTrue();
        assertThat(hub.add(new Page(), KRW, "1m")).isFalse();

        hub.remove(a);
        hub.remove(a);

        assertThat(hub.clients()).isEqualTo(1);
        assertThat(hub.add(new Page(), KRW, "1m")).isTrue();
    }
}
