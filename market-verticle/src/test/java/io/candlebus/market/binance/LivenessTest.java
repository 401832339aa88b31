package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LivenessTest {
    private static final long STALL = 30_000L;
    private static final long MIN = 60_000L;
    private static final long T = 1_767_225_600_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    @Test
    void aConnectionThatAnswersPingsIsAliveWhateverItsStreamsDo() {
        // No message for 5 minutes, but a pong (or a server ping) a second ago.
        assertThat(Liveness.deadReason(T, T - 1_000, T - 5 * MIN, Long.MIN_VALUE, STALL))
                .isNull();
    }

    @Test
    void aConnectionSilentOnEveryFrameIsDead() {
        assertThat(Liveness.deadReason(T, T - STALL - 1, T - STALL - 1, Long.MIN_VALUE, STALL))
                .contains("nothing heard")
                .contains("stalled");
        assertThat(Liveness.deadReason(T, T - STALL, T - STALL, Long.MIN_VALUE, STALL))
                .as("exactly the timeout")
                .isNull();
    }

    @Test
    void streamsStuckWhileRestShowsTradesMakeTheConnectionDeadDespitePongs() {
        long dataSince = T - STALL - 1;
        assertThat(Liveness.deadReason(T, T - 1_000, dataSince, dataSince + 1, STALL))
                .contains("REST shows trades");
        assertThat(Liveness.deadReason(T, T - 1_000, dataSince, dataSince - 1, STALL))
                .as("evidence older than the last message proves nothing")
                .isNull();
        assertThat(Liveness.deadReason(T, T - 1_000, T - 1_000, T, STALL))
                .as("a message within the timeout keeps it alive")
                .isNull();
    }

    @Test
    void aSilentStreamConfirmsItsEndedMinutesAfterTheDelay() {
        long covered = T;
        long now = T + MIN + Liveness.QUIET_CONFIRM_MILLIS;
        long nanos = 10 * SECOND_NANOS;
        // Silent since before the minute ended, in clock and real time: [T, T+1m) is due.
        assertThat(Liveness.confirmUpTo(now, nanos, covered, T + 30_000, 0)).isEqualTo(T + MIN);
        // The delay after the minute's end has not passed yet.
        assertThat(Liveness.confirmUpTo(now - 1, nanos, covered, T + 30_000, 0)).isEqualTo(covered);
        // A kline arrived recently: its stream is not silent, the gap logic handles a missed x:true.
        assertThat(Liveness.confirmUpTo(now, nanos, covered, now - 1_000, 0)).isEqualTo(covered);
        // Silent long enough on the clock, but not in real time (an accelerated clock).
        assertThat(Liveness.confirmUpTo(now, nanos, covered, T + 30_000, nanos - SECOND_NANOS / 2))
                .isEqualTo(covered);
        // Several minutes at once.
        assertThat(Liveness.confirmUpTo(now + 3 * MIN, nanos, covered, T, 0)).isEqualTo(T + 4 * MIN);
    }
}
