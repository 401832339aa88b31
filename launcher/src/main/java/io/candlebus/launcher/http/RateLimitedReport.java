package io.candlebus.launcher.http;

/**
 * Counts events and says when to report them: at the first event, then at most once per interval, with the
 * number of events since the last report. Not thread-safe: one event loop owns it.
 */
final class RateLimitedReport {
    private final long intervalMillis;
    private long lastReport = Long.MIN_VALUE;
    private long pending;

    RateLimitedReport(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    /** Counts one event at {@code nowMillis}; returns the events to report now (this one included), or 0. */
    long record(long nowMillis) {
        pending++;
        if (lastReport != Long.MIN_VALUE && nowMillis - lastReport < intervalMillis) {
            return 0;
        }
        lastReport = nowMillis;
        long count = pending;
        pending = 0;
        return count;
    }
}
