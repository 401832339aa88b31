package io.candlebus.strategy;

/**
 * Averages a series of closes, one closed candle at a time; the golden and dead cross rules compare
 * a short and a long one.
 */
public interface MovingAverage {

    /** Returns a simple moving average over the last {@code period} values, O(1) per value. */
    static MovingAverage simple(int period) {
        return new SimpleMovingAverage(period);
    }

    /**
     * Returns an exponential moving average with smoothing 2 / (period + 1), seeded with the simple
     * average of the first {@code period} values (TA-Lib's convention).
     */
    static MovingAverage exponential(int period) {
        return new ExponentialMovingAverage(period);
    }

    /** Adds the newest value. */
    void add(double value);

    /** Returns whether {@code period} values have been added, so {@link #value()} is defined. */
    boolean isReady();

    /** Returns the current average; requires {@link #isReady()}. */
    double value();

    /** Returns the number of values the average spans. */
    int period();
}
