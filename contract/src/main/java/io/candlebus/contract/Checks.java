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
            throw new IllegalArgumentException(field + ": expected > 0, was " + value.toPlainString());
        }
        return value;
    }

    static BigDecimal nonNegative(BigDecimal value, String field) {
        present(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + ": expected >= 0, was " + value.toPlainString());
        }
        return value;
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
