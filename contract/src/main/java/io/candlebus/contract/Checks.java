package io.candlebus.contract;

import java.math.BigDecimal;
import java.util.Objects;

/** Invariant checks shared by the message records; every error names the field and the value. */
final class Checks {
    private Checks() {}

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> field + ": expected a value, was null");
    }

    static BigDecimal positive(BigDecimal value, String field) {
        present(value, field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + ": expected > 0, was " + shown(value));
        }
        return value;
    }

    static BigDecimal nonNegative(BigDecimal value, String field) {
        present(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + ": expected >= 0, was " + shown(value));
        }
        return value;
    }

    /**
     * Returns {@code value} for an error message: plain when that is short, else its scientific form, cut at
     * 40 characters. {@code -1e999999999} printed plain would be a billion characters.
     */
    static String shown(BigDecimal value) {
        long scale = value.scale();
        String text = scale > -30 && scale < 30 ? value.toPlainString() : value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + ": expected >= 0, was " + value);
        }
        return value;
    }

    static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + ": expected a finite number, was " + value);
        }
        return value;
    }

    static String text(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": expected non-blank text, was '" + value + "'");
        }
        return value;
    }
}
