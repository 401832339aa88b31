package io.candlebus.market;

import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * Computes capped exponential delays with jitter: attempt n waits between half and all of
 * {@code min * 2^n}, capped at max; reset after a success.
 *
 * <p>The jitter spreads the reconnects of many connections (or of many candlebus nodes behind one IP)
 * that a venue dropped at the same instant, so they do not come back in lockstep and meet the venue's
 * connection-attempt limit together. Keeping at least half of the delay keeps the growth exponential.
 */
public final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    /** Returns a uniformly drawn value in {@code [0, bound)} for a positive bound. */
    private final LongUnaryOperator random;

    private int failures;

    public Backoff(long minMillis, long maxMillis) {
        this(minMillis, maxMillis, new SplittableRandom()::nextLong);
    }

    /** A backoff drawing its jitter from {@code random} (a value in {@code [0, bound)}); for tests. */
    Backoff(long minMillis, long maxMillis, LongUnaryOperator random) {
        if (minMillis < 1 || maxMillis < minMillis) {
            throw new IllegalArgumentException(
                    "backoff: expected 1 <= min <= max, was min=" + minMillis + ", max=" + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    /** Returns the delay before the next attempt and counts a failure. */
    public long next() {
        long ceiling = failures >= 30 ? maxMillis : Math.min(maxMillis, minMillis << failures);
        failures++;
        long half = ceiling / 2;
        return ceiling - half + random.applyAsLong(half + 1);
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
