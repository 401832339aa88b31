package io.candlebus.market.binance;

import io.candlebus.contract.Interval;

/**
 * Judges a Binance connection by the link, not by one stream: it is alive while ANY frame arrives (a
 * message of any stream, a control reply, a server ping, a pong to the feed's own ping), so a quiet
 * stream next to busy ones, or a connection of only quiet streams that answers pings, is never
 * reconnected. It is dead after {@code stallTimeout} without any frame, or after {@code stallTimeout}
 * without a message while REST shows trades in minutes its streams never pushed (the venue's websocket
 * layer answers pings even while its streams are stuck).
 *
 * <p>Separately, a silent stream's closed minutes are confirmed from REST once they ended
 * {@link #QUIET_CONFIRM_MILLIS} ago and nothing of the stream arrived for that long (in clock and in real
 * time): a pair that pushes only on change never sends the {@code x:true} of a minute without trades,
 * and its candles must still close.
 */
final class Liveness {
    /** Clock time after a minute's end before a silent stream's minute is confirmed from REST. */
    static final long QUIET_CONFIRM_MILLIS = 10_000L;
    /** Real time a stream must have been silent at least: an accelerated clock makes 10 s a few ms. */
    static final long QUIET_CONFIRM_REAL_NANOS = 1_000_000_000L;

    private Liveness() {}

    /**
     * Returns why a connection is dead, or null if it is alive.
     *
     * @param aliveSince clock time of the last frame of any kind (or the opening)
     * @param dataSince clock time of the last message (or the opening)
     * @param missedTradesAt clock time REST last showed trades the connection's streams did not push
     */
    static String deadReason(long now, long aliveSince, long dataSince, long missedTradesAt, long stallTimeout) {
        if (now - aliveSince > stallTimeout) {
            return "nothing heard for " + (now - aliveSince) + " ms, no message, ping or pong (stalled)";
        }
        if (now - dataSince > stallTimeout && missedTradesAt > dataSince) {
            return "no message for " + (now - dataSince) + " ms while REST shows trades its streams did not push"
                    + " (stalled)";
        }
        return null;
    }

    /**
     * Returns the end (exclusive open time) of the minutes of a silent stream to confirm from REST now, or
     * {@code coveredUntil} if none are due.
     *
     * @param coveredUntil every closed minute before it is published
     * @param silentSince clock time of the stream's last message, or its connection's opening if later
     * @param silentNanos real time of the same
     */
    static long confirmUpTo(long now, long nanos, long coveredUntil, long silentSince, long silentNanos) {
        long due = Interval.M1.openTimeOf(now - QUIET_CONFIRM_MILLIS);
        if (due <= coveredUntil) {
            return coveredUntil;
        }
        if (now - silentSince < QUIET_CONFIRM_MILLIS || nanos - silentNanos < QUIET_CONFIRM_REAL_NANOS) {
            return coveredUntil;
        }
        return due;
    }
}
