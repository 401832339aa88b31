package io.candlebus.strategy;

/** Averages values exponentially with smoothing 2 / (period + 1), seeded with the first period's mean. */
final class ExponentialMovingAverage implements MovingAverage {
    private final int period;
    private final double alpha;
    private int count;
    private double value;

    ExponentialMovingAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period: expected >= 1, was " + period);
        }
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    @Override
    public void add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value: expected a finite number, was " + x);
        }
        if (count < period) {
            // The seed is the running mean of the first period values.
            count++;
            value += (x - value) / count;
        } else {
            value += alpha * (x - value);
        }
    }

    @Override
    public boolean isReady() {
        return count >= period;
    }

    @Override
    public double value() {
        if (!isReady()) {
            throw new IllegalStateException("the average needs " + period + " values, has " + count);
        }
        return value;
    }

    @Override
    public int period() {
        return period;
    }
}
