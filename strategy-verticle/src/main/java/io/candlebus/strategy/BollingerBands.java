package io.candlebus.strategy;

/**
 * Computes Bollinger bands (simple moving average of closes plus and minus {@code k} population
 * standard deviations) over the last {@code period} closed candles, in O(1) per closed candle.
 *
 * <p>Why this algorithm: the textbook running sum and sum of squares cancels catastrophically (at
 * prices near 1e8 the squares are near 1e16, where a double's last bit is worth 2, while the
 * variance of a quiet market is a few thousand), and its rounding errors never leave the sums. So
 * every value is taken relative to a shift, a recent close; near the data {@code x - shift} is
 * exact (Sterbenz) and small. The mean and the sum of squared deviations (M2) of these differences
 * follow the sliding Welford update, which only ever multiplies deviations, never raw squares. To
 * keep rounding from accumulating over millions of candles, every {@code period} updates the shift
 * moves to the newest close and mean and M2 are re-derived from the window by the corrected
 * two-pass formula: O(period) work every period updates, O(1) amortised, and the error never
 * builds up for more than {@code period} steps.
 *
 * <p>Not thread-safe: one owner (the strategy verticle's event loop) feeds it.
 */
public final class BollingerBands {
    private final int period;
    private final double k;
    private final RollingWindow window;
    private double shift;
    private double mean;
    private double m2;
    private int sinceResync;

    /** Creates bands over {@code period} closes (at least 2) at {@code k} deviations (finite, >= 0). */
    public BollingerBands(int period, double k) {
        if (period < 2) {
            throw new IllegalArgumentException("period: expected >= 2, was " + period);
        }
        if (!Double.isFinite(k) || k < 0) {
            throw new IllegalArgumentException("k: expected a finite number >= 0, was " + k);
        }
        this.period = period;
        this.k = k;
        this.window = new RollingWindow(period);
    }

    /**
     * Adds the close of a candle that has closed (or the price its {@link PriceSource} takes); the
     * oldest close leaves a full window.
     */
    public void add(double close) {
        requireFinite(close);
        if (window.size() == 0) {
            shift = close;
        }
        double d = close - shift;
        if (window.isFull()) {
            double old = window.oldest() - shift;
            double newMean = mean + (d - old) / period;
            m2 += (d - old) * (d - newMean + old - mean);
            mean = newMean;
        } else {
            double delta = d - mean;
            mean += delta / (window.size() + 1);
            m2 += delta * (d - mean);
        }
        window.add(close);
        if (++sinceResync >= period) {
            resync();
        }
    }

    /** Returns whether {@code period} closes have been added, so {@link #current()} is defined. */
    public boolean isReady() {
        return window.isFull();
    }

    /** Returns whether a live value is defined: at least {@code period - 1} closes are known. */
    public boolean isLiveReady() {
        return window.size() >= period - 1;
    }

    /** Returns how many closes the window holds (at most {@code period}). */
    public int count() {
        return window.size();
    }

    /** Returns the number of closes the bands span. */
    public int period() {
        return period;
    }

    /** Returns the width of the bands in standard deviations. */
    public double k() {
        return k;
    }

    /** Returns the bands over the last {@code period} closes; requires {@link #isReady()}. */
    public BandValue current() {
        if (!isReady()) {
            throw new IllegalStateException("bands need " + period + " closes, have " + window.size());
        }
        return value(mean, m2);
    }

    /**
     * Returns the bands as if {@code close}, the close of the candle in progress, were the newest
     * close: over the last {@code period - 1} closes and {@code close}. Leaves this object unchanged.
     * Requires {@link #isLiveReady()}.
     */
    public BandValue live(double close) {
        requireFinite(close);
        if (!isLiveReady()) {
            throw new IllegalStateException("live bands need " + (period - 1) + " closes, have " + window.size());
        }
        double d = close - shift;
        if (window.isFull()) {
            double old = window.oldest() - shift;
            double liveMean = mean + (d - old) / period;
            return value(liveMean, m2 + (d - old) * (d - liveMean + old - mean));
        }
        double delta = d - mean;
        double liveMean = mean + delta / period;
        return value(liveMean, m2 + delta * (d - liveMean));
    }

    private BandValue value(double meanOfDifferences, double sumOfSquares) {
        double middle = shift + meanOfDifferences;
        double sd = Math.sqrt(Math.max(sumOfSquares, 0) / period);
        return new BandValue(middle, sd, middle + k * sd, middle - k * sd);
    }

    /** Moves the shift to the newest close and re-derives mean and M2 exactly enough from the window. */
    private void resync() {
        sinceResync = 0;
        int n = window.size();
        shift = window.newest();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += window.get(i) - shift;
        }
        double m = sum / n;
        double squares = 0;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double e = (window.get(i) - shift) - m;
            squares += e * e;
            residual += e;
        }
        mean = m;
        // Corrected two-pass: the residual removes the error left in m by rounding.
        m2 = squares - residual * residual / n;
    }

    private static void requireFinite(double close) {
        if (!Double.isFinite(close)) {
            throw new IllegalArgumentException("close: expected a finite number, was " + close);
        }
    }
}
