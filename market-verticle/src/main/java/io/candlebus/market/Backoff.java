package io.candlebus.market;

/** Computes capped exponential delays: min, 2 min, 4 min, ... up to max; reset after a success. */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private int failures;

    public Backoff(long minMillis, long maxMillis) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException(
                    "backoff: expected 1 <= min <= max, was min=" + minMillis + ", max=" + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
    }

    /** Returns the delay before the next attempt and counts a failure. */
    public long next() {
        long delay = failures >= 30 ? maxMillis : Math.min(maxMillis, minMillis << failures);
        failures++;
        return delay;
    }

    /** Returns the delay before the next attempt, at least {@code floorMillis} (a venue's Retry-After). */
    public long next(long floorMillis) {
        return Math.max(next(), floorMillis);
    }

    /** Forgets the failures after a success. */
    public void reset() {
        failures = 0;
    }

    /** Returns the failures since the last reset. */
    public int failures() {
        return failures;
    }
}
