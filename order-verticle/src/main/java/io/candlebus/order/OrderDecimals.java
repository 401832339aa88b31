package io.candlebus.order;

import java.math.BigDecimal;

/**
 * Bounds the decimals an order may carry, before any arithmetic or formatting touches them: at most
 * {@link #MAX_INTEGER_DIGITS} digits before the point and {@link #MAX_FRACTION_DIGITS} after it (both
 * venues use far fewer). {@code 1e999999999} and {@code 1e-400} are refused in constant time; they once
 * blocked an event loop for half a minute when a position was computed and printed from them.
 */
final class OrderDecimals {
    static final int MAX_INTEGER_DIGITS = 20;
    static final int MAX_FRACTION_DIGITS = 18;

    private OrderDecimals() {}

    /** Returns {@code value}, or throws {@link IllegalArgumentException} naming {@code field} if out of bounds. */
    static BigDecimal bounded(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        // precision - scale counts the digits before the point; both are cheap even for 1E+999999999.
        long integerDigits = (long) value.precision() - value.scale();
        boolean ok = value.precision() <= MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + 2
                && integerDigits <= MAX_INTEGER_DIGITS
                && Math.max(0, value.stripTrailingZeros().scale()) <= MAX_FRACTION_DIGITS;
        if (!ok) {
            String shown = value.toString();
            throw new IllegalArgumentException(field + ": expected at most " + MAX_INTEGER_DIGITS
                    + " digits before the point and " + MAX_FRACTION_DIGITS + " after it, was "
                    + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown));
        }
        return value;
    }
}
