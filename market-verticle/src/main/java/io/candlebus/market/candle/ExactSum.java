package io.candlebus.market.candle;

import java.math.BigDecimal;

/**
 * Sums decimals exactly, with the result {@link BigDecimal#add} would give: the same value and the same
 * scale (the largest scale added, at least 0, as when summing from {@link BigDecimal#ZERO}).
 *
 * <p>Why not just BigDecimal: every trade adds three or four decimals, and a BigDecimal per addition
 * dominated aggregation. Venue prices and quantities have few digits and a scale that rarely changes, so
 * the sum is kept as an unscaled {@code long} at one scale: a term with fewer decimals is scaled up to
 * the sum's scale, a term with more scales the sum up. The first time a term or the sum does not fit a
 * long, the sum becomes a BigDecimal for good, so the result is exact whatever the input.
 */
final class ExactSum {
    /** 10^0 to 10^18, every power of ten a long holds. */
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private long unscaled;
    private int scale;
    /** The sum once it left the long range (then {@code unscaled} and {@code scale} are unused). */
    private BigDecimal big;
    /** {@link #value()} until the next addition: live candles read the sums more often than they change. */
    private BigDecimal value = BigDecimal.ZERO;

    /** Returns whether {@code d}'s unscaled value fits a long, so {@link #unscaledOf} may be used. */
    static boolean fitsLong(BigDecimal d) {
        // 18 digits are below 10^18 < 2^63; a 19-digit value may fit too, but is rare enough for BigDecimal.
        return d.precision() <= 18;
    }

    /** Returns {@code d}'s unscaled value; requires {@link #fitsLong}. */
    static long unscaledOf(BigDecimal d) {
        // Moving the point by the scale gives an integer with the same digits: one short-lived BigDecimal
        // (none at scale 0), where unscaledValue() would allocate a BigInteger and its int array.
        return d.movePointRight(d.scale()).longValueExact();
    }

    /** Adds {@code term}. */
    void add(BigDecimal term) {
        if (big == null && fitsLong(term)) {
            add(unscaledOf(term), term.scale());
        } else {
            addBig(term);
        }
    }

    /** Adds {@code termUnscaled} * 10^-{@code termScale}. */
    void add(long termUnscaled, int termScale) {
        if (big != null) {
            addBig(BigDecimal.valueOf(termUnscaled, termScale));
            return;
        }
        try {
            long sum = unscaled;
            int sumScale = scale;
            long term = termUnscaled;
            if (termScale > sumScale) {
                sum = scaleUp(sum, (long) termScale - sumScale);
                sumScale = termScale;
            } else if (termScale < sumScale) {
                term = scaleUp(term, (long) sumScale - termScale);
            }
            unscaled = Math.addExact(sum, term);
            scale = sumScale;
        } catch (ArithmeticException overflow) {
            big = BigDecimal.valueOf(unscaled, scale);
            addBig(BigDecimal.valueOf(termUnscaled, termScale));
            return;
        }
        value = null;
    }

    /** Returns the sum. */
    BigDecimal value() {
        if (value == null) {
            value = BigDecimal.valueOf(unscaled, scale);
        }
        return value;
    }

    private void addBig(BigDecimal term) {
        if (big == null) {
            big = value();
        }
        big = big.add(term);
        value = big;
    }

    private static long scaleUp(long x, long digits) {
        if (x == 0) {
            return 0;
        }
        if (digits >= POW10.length) {
            throw new ArithmeticException("overflow");
        }
        return Math.multiplyExact(x, POW10[(int) digits]);
    }
}
