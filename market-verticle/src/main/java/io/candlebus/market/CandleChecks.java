package io.candlebus.market;

import java.math.BigDecimal;

/** Checks venue candle values before they become contract candles, so each problem has its own kind. */
public final class CandleChecks {
    /** 9999-12-31T23:59:59.999Z: later "times" are garbage, and adding an interval to them could overflow. */
    public static final long MAX_TIME = 253_402_300_799_999L;

    private CandleChecks() {}

    /** Fails with {@code bad-time} unless {@code epochMillis} lies in [1970, 9999]. */
    public static long time(long epochMillis, String path) throws BadInputException {
        if (epochMillis < 0 || epochMillis > MAX_TIME) {
            throw new BadInputException(
                    "bad-time", path + ": expected epoch milliseconds from 0 to " + MAX_TIME + ", was " + epochMillis);
        }
        return epochMillis;
    }

    /** Fails with {@code non-positive} unless {@code value > 0}. */
    public static BigDecimal positive(BigDecimal value, String path) throws BadInputException {
        if (value.signum() <= 0) {
            throw new BadInputException("non-positive", path + ": expected > 0, was " + value.toPlainString());
        }
        return value;
    }

    /** Fails with {@code negative} unless {@code value >= 0}. */
    public static BigDecimal nonNegative(BigDecimal value, String path) throws BadInputException {
        if (value.signum() < 0) {
            throw new BadInputException("negative", path + ": expected >= 0, was " + value.toPlainString());
        }
        return value;
    }

    /** Fails with {@code negative} unless {@code value >= 0}. */
    public static long nonNegative(long value, String path) throws BadInputException {
        if (value < 0) {
            throw new BadInputException("negative", path + ": expected >= 0, was " + value);
        }
        return value;
    }

    /** Checks that high >= low and that open and close lie within [low, high]. */
    public static void ohlc(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, String path)
            throws BadInputException {
        positive(open, path + ".open");
        positive(high, path + ".high");
        positive(low, path + ".low");
        positive(close, path + ".close");
        if (high.compareTo(low) < 0) {
            throw new BadInputException(
                    "high-below-low",
                    path + ": expected high >= low, was high=" + high.toPlainString() + ", low=" + low.toPlainString());
        }
        if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
            throw new BadInputException(
                    "out-of-range",
                    path + ": expected low <= open, close <= high, was open="
                            + open.toPlainString() + ", high=" + high.toPlainString() + ", low=" + low.toPlainString()
                            + ", close=" + close.toPlainString());
        }
    }
}
