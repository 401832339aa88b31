package io.candlebus.strategy;

/**
 * Averages the last {@code period} values with a running sum. The sum is re-added from the window
 * every {@code period} values (O(1) amortised), so its rounding error never accumulates.
 */
final class SimpleMovingAverage implements MovingAverage {
    private final RollingWindow window;
    private double sum;
    private int sinceResum;

    SimpleMovingAverage(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period: expected >= 1, was " + period);
        }
        this.window = new RollingWindow(period);
    }

    @Override
    public void add(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value: expected a finite number, was " + value);
        }
        double evicted = window.add(value);
        sum += Double.isNaN(evicted) ? value : value - evicted;
        if (++sinceResum >= window.capacity()) {
            sinceResum = 0;
            double exact = 0;
            for (int i = 0; i < window.size(); i++) {
                exact += window.get(i);
            }
            sum = exact;
        }
    }

    @Override
    public boolean isReady() {
        return window.isFull();
    }

    @Override
    public double value() {
        if (!isReady()) {
            throw new IllegalStateException("the average needs " + window.capacity() + " values, has " + window.size());
        }
        return sum / window.size();
    }

    @Override
    public int period() {
        return window.capacity();
    }
}
