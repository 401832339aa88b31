package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderWatchTest {
    private final RecorderWatch watch = new RecorderWatch(100);

    private static Heartbeat recorder(String state, long failures, long refused, long buffered) {
        return new Heartbeat(
                "rec-1",
                "recorder",
                state,
                Map.of("failures", failures, "refused", refused, "buffered", buffered, "written", 5L),
                0,
                1);
    }

    private static Heartbeat aggregator(long pending, long dropped) {
        return new Heartbeat(
                "main-1",
                "market.aggregator",
                "live",
                Map.of("recorderPending", pending, "recorderDropped", dropped, "recorderRetries", 3L),
                0,
                1);
    }

    @Test
    void failingThenRecovered() {
        assertThat(watch.onHeartbeat(recorder("live", 0, 0, 0))).isEmpty();
        assertThat(watch.onHeartbeat(recorder("recovering", 1, 0, 10)))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(AlertKind.RECORDER_FAILING);
                    assertThat(a.subject()).isEqualTo("rec-1/recorder");
                    assertThat(a.detail()).contains("1 new write failure(s)");
                });
        assertThat(watch.onHeartbeat(recorder("recovering", 1, 0, 10))).isEmpty();
        assertThat(watch.onHeartbeat(recorder("live", 1, 0, 0)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.RECORDER_RECOVERED);
    }

    @Test
    void behindByBacklogOrRefusals() {
        assertThat(watch.onHeartbeat(recorder("live", 0, 0, 0))).isEmpty();
        assertThat(watch.onHeartbeat(recorder("live", 0, 0, 100)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.RECORDER_BEHIND);
        assertThat(watch.onHeartbeat(recorder("live", 0, 0, 0)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.RECORDER_RECOVERED);
        assertThat(watch.onHeartbeat(recorder("live", 0, 4, 0)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.RECORDER_BEHIND);
    }

    @Test
    void everyCandleShardOutboxIsWatchedOnItsOwn() {
        Heartbeat shard = new Heartbeat(
                "main-1",
                "market.aggregator.3",
                "live",
                Map.of("recorderPending", 150L, "recorderDropped", 0L, "recorderRetries", 3L),
                0,
                1);
        assertThat(watch.onHeartbeat(shard)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.RECORDER_BEHIND);
            assertThat(a.subject()).isEqualTo("main-1/market.aggregator.3");
        });
        assertThat(watch.onHeartbeat(
                        new Heartbeat("main-1", "market.aggregatorx", "live", Map.of("recorderPending", 150L), 0, 1)))
                .isEmpty();
    }

    @Test
    void theMarketOutboxShowsRecordingBehindEvenWithoutARecorder() {
        assertThat(watch.onHeartbeat(aggregator(0, 0))).isEmpty();
        assertThat(watch.onHeartbeat(aggregator(150, 0))).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.RECORDER_BEHIND);
            assertThat(a.subject()).isEqualTo("main-1/market.aggregator");
            assertThat(a.detail()).contains("150 candles waiting");
        });
        assertThat(watch.onHeartbeat(aggregator(10, 0)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.RECORDER_RECOVERED);
        assertThat(watch.onHeartbeat(aggregator(10, 2)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.RECORDER_BEHIND);
    }

    @Test
    void aRestartedRecorderWhoseCountersResetIsNotARise() {
        watch.onHeartbeat(recorder("live", 3, 2, 0));
        assertThat(watch.onHeartbeat(recorder("live", 0, 0, 0))).isEmpty();
    }
}
