package io.candlebus.strategy;

import java.math.BigDecimal;
import java.math.MathContext;

/** Computes Bollinger bands the slow, obvious way in BigDecimal: the reference the fast code must match. */
final class ExactBands {
    private static final MathContext MC = MathContext.DECIMAL128;

    private ExactBands() {}

    /**
     * Returns the bands (as doubles) over {@code closes[from .. from + n)} with the population deviation.
     * Sums and products of doubles are exact in BigDecimal, so the variance, (n * sum(x^2) - sum(x)^2) /
     * n^2, is exact up to the one final division; only that and the square root round (to 34 digits).
     */
    static BandValue over(double[] closes, int from, int n, double k) {
        BigDecimal[] prices = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            prices[i] = new BigDecimal(closes[from + i]);
        }
        return over(prices, 0, n, k);
    }

    /**
     * Returns the bands over {@code prices[from .. from + n)}, decimal prices such as the exact mean of
     * a candle's high, low and close; exact as above but for the rounding of the prices themselves.
     */
    static BandValue over(BigDecimal[] prices, int from, int n, double k) {
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumOfSquares = BigDecimal.ZERO;
        for (int i = from; i < from + n; i++) {
            BigDecimal x = prices[i];
            sum = sum.add(x);
            sumOfSquares = sumOfSquares.add(x.multiply(x));
        }
        BigDecimal mean = sum.divide(count, MC);
        BigDecimal variance =
                count.multiply(sumOfSquares).subtract(sum.multiply(sum)).divide(count.multiply(count), MC);
        BigDecimal sd = variance.sqrt(MC);
        BigDecimal width = new BigDecimal(k).multiply(sd, MC);
        return new BandValue(
                mean.doubleValue(),
                sd.doubleValue(),
                mean.add(width, MC).doubleValue(),
                mean.subtract(width, MC).doubleValue());
    }

    /** Returns |actual - expected| / |expected|, or |actual| when expected is 0. */
    static double relativeError(double actual, double expected) {
        double diff = Math.abs(actual - expected);
        return expected == 0 ? diff : diff / Math.abs(expected);
    }
}
