package io.candlebus.strategy;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Keeps a fast and a slow simple moving average of exact decimal prices, so the sign of fast - slow
 * is exact. In doubles, averages that are equal in exact arithmetic (a flat market: Binance fills
 * quiet minutes with candles at the previous close) can differ in the last bit and fake a cross.
 *
 * <p>Both sums slide over one ring of the last {@code slow} values: O(1) decimal additions per value,
 * with no rounding at all, so nothing can drift. The values may be sums of {@code divisor} prices
 * (see {@link PriceSource}); the sign is unaffected and {@link #fast()} and {@link #slow()} divide it
 * out.
 */
final class ExactSmaPair {
    private static final MathContext DISPLAY = new MathContext(10);

    private final int fast;
    private final int slow;
    private final BigDecimal fastDivisor;
    private final BigDecimal slowDivisor;
    private final BigDecimal[] ring;
    private int start;
    private int size;
    private BigDecimal fastSum = BigDecimal.ZERO;
    private BigDecimal slowSum = BigDecimal.ZERO;

    /** Averages over {@code fast} and {@code slow} values (1 <= fast < slow), each {@code divisor} prices. */
    ExactSmaPair(int fast, int slow, int divisor) {
        if (fast < 1 || slow <= fast) {
            throw new IllegalArgumentException(
                    "periods: expected 1 <= fast < slow, was fast=" + fast + ", slow=" + slow);
        }
        if (divisor < 1) {
            throw new IllegalArgumentException("divisor: expected >= 1, was " + divisor);
        }
        this.fast = fast;
        this.slow = slow;
        this.fastDivisor = BigDecimal.valueOf((long) fast * divisor);
        this.slowDivisor = BigDecimal.valueOf((long) slow * divisor);
        this.ring = new BigDecimal[slow];
    }

    /** Adds the newest value. */
    void add(BigDecimal value) {
        if (size >= fast) {
            // The value `fast` places back leaves the fast window; read it before the ring moves.
            fastSum = fastSum.subtract(ring[(start + size - fast) % slow]);
        }
        fastSum = fastSum.add(value);
        if (size == slow) {
            slowSum = slowSum.subtract(ring[start]);
            ring[start] = value;
            start = (start + 1) % slow;
        } else {
            ring[(start + size) % slow] = value;
            size++;
        }
        slowSum = slowSum.add(value);
    }

    /** Returns whether {@code slow} values have been added, so both averages are defined. */
    boolean isReady() {
        return size == slow;
    }

    /** Returns the sign of fast - slow (-1, 0 or 1), exactly; requires {@link #isReady()}. */
    int sign() {
        requireReady();
        // fastSum / fast - slowSum / slow has the sign of fastSum * slow - slowSum * fast.
        return fastSum.multiply(BigDecimal.valueOf(slow)).compareTo(slowSum.multiply(BigDecimal.valueOf(fast)));
    }

    /** Returns the fast average to 10 significant digits, for messages; requires {@link #isReady()}. */
    BigDecimal fast() {
        requireReady();
        return fastSum.divide(fastDivisor, DISPLAY).stripTrailingZeros();
    }

    /** Returns the slow average to 10 significant digits, for messages; requires {@link #isReady()}. */
    BigDecimal slow() {
        requireReady();
        return slowSum.divide(slowDivisor, DISPLAY).stripTrailingZeros();
    }

    int fastPeriod() {
        return fast;
    }

    int slowPeriod() {
        return slow;
    }

    private void requireReady() {
        if (!isReady()) {
            throw new IllegalStateException("the averages need " + slow + " values, have " + size);
        }
    }
}
