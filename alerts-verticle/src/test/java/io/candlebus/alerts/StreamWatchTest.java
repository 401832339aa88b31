package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamWatchTest {
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");

    static StreamStatus stream(Instrument i, StreamState state, long lastMessage, long bannedUntil) {
        return new StreamStatus(i, state, lastMessage, 0, 0, 0, 0, bannedUntil);
    }

    static Heartbeat feed(long time, StreamStatus... streams) {
        return new Heartbeat("n1", "market.binance.spot", "live", Map.of(), time, time, List.of(streams));
    }

    private final StreamWatch watch = new StreamWatch(10_000);

    @Test
    void staleThenRecoveredOncePerChange() {
        assertThat(watch.onHeartbeat(feed(100_000, stream(BTC, StreamState.LIVE, 99_000, 0))))
                .isEmpty();

        List<Alert> stale = watch.onHeartbeat(feed(120_000, stream(BTC, StreamState.LIVE, 99_000, 0)));
        assertThat(stale).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.STREAM_STALE);
            assertThat(a.subject()).isEqualTo("binance:spot:BTCUSDT");
            assertThat(a.detail()).contains("last message 21 s ago");
        });
        assertThat(watch.onHeartbeat(feed(121_000, stream(BTC, StreamState.LIVE, 99_000, 0))))
                .isEmpty();

        List<Alert> back = watch.onHeartbeat(feed(122_000, stream(BTC, StreamState.LIVE, 121_900, 0)));
        assertThat(back).extracting(Alert::kind).containsExactly(AlertKind.STREAM_RECOVERED);
        assertThat(back.get(0).detail()).contains("was stale");
    }

    @Test
    void bannedByStateOrBanTimeThenRecovered() {
        List<Alert> banned = watch.onHeartbeat(feed(100_000, stream(KRW, StreamState.BANNED, 99_900, 160_000)));
        assertThat(banned).extracting(Alert::kind).containsExactly(AlertKind.STREAM_BANNED);
        assertThat(banned.get(0).detail()).contains("REST banned for another 60 s");

        assertThat(watch.onHeartbeat(feed(200_000, stream(KRW, StreamState.LIVE, 199_000, 0))))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.STREAM_RECOVERED);
    }

    @Test
    void aStreamWithoutAMessageYetIsNotStaleAndAnUnsubscribedOneIsForgotten() {
        assertThat(watch.onHeartbeat(feed(100_000, stream(BTC, StreamState.CONNECTING, 0, 0))))
                .isEmpty();
        assertThat(watch.onHeartbeat(feed(100_000, stream(BTC, StreamState.LIVE, 1, 0))))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.STREAM_STALE);
        // Unsubscribed, then followed again and current: no "recovered" for a stream that was dropped.
        assertThat(watch.onHeartbeat(feed(101_000, stream(KRW, StreamState.LIVE, 100_900, 0))))
                .isEmpty();
        assertThat(watch.onHeartbeat(feed(102_000, stream(BTC, StreamState.LIVE, 101_900, 0))))
                .isEmpty();
    }

    @Test
    void heartbeatsWithoutStreamsAreIgnored() {
        assertThat(watch.onHeartbeat(new Heartbeat("n1", "strategy", "live", Map.of(), 0, 1)))
                .isEmpty();
    }
}
