package io.candlebus.market;

import java.math.BigDecimal;

/**
 * Reads the plain number texts venues send ({@code 131250000}, {@code 0.00012345}, {@code -12}) straight
 * from a message's ASCII bytes, without a String or a BigInteger in between. Anything else (an
 * exponent, a leading {@code +}, {@code 5.} or {@code .5}, more than 18 digits, any other character) is
 * reported as not plain, and the caller takes the general path in {@link JsonFields}, which decides such
 * texts exactly as before: this class only makes the common case cheap, it never widens what is accepted.
 */
public final class PlainNumbers {
    /** What {@link #integer} returns for a text that is not a plain integer. */
    public static final long NOT_PLAIN = Long.MIN_VALUE;

    /** 18 digits always fit a long, so the digits accumulate without an overflow check. */
    private static final int MAX_DIGITS = 18;

    private PlainNumbers() {}

    /**
     * Returns the exact decimal of {@code -?[0-9]+(\.[0-9]+)?} with at most 18 digits, keeping its scale
     * ({@code 9.0} stays {@code 9.0}), or null for any other text.
     */
    public static BigDecimal decimal(byte[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && chars[i] == '-';
        if (negative) {
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int integerDigits = 0;
        int scale = 0;
        boolean point = false;
        for (; i < end; i++) {
            int c = chars[i];
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
                if (point) {
                    scale++;
                } else {
                    integerDigits++;
                }
            } else if (c == '.' && !point && integerDigits > 0) {
                point = true;
            } else {
                return null;
            }
        }
        if (integerDigits == 0 || (point && scale == 0)) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }

    /**
     * Returns the value of {@code -?[0-9]{1,19}} when it lies within ±{@link Long#MAX_VALUE} (Bithumb's
     * trade ids already have 18 digits), or {@link #NOT_PLAIN} for any other text.
     */
    public static long integer(byte[] chars, int offset, int length) {
        int end = offset + length;
        int i = offset;
        boolean negative = i < end && chars[i] == '-';
        if (negative) {
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > MAX_DIGITS + 1) {
            return NOT_PLAIN;
        }
        long value = 0;
        for (; i < end; i++) {
            int c = chars[i];
            if (c < '0' || c > '9') {
                return NOT_PLAIN;
            }
            int d = c - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                return NOT_PLAIN;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }
}
