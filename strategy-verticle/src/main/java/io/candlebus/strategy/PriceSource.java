package io.candlebus.strategy;

import io.candlebus.contract.Candle;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Says which price of a candle the indicators follow: its close, or the mean of its high and low
 * ({@code hl2}), of high, low and close ({@code hlc3}) or of all four prices ({@code ohlc4}).
 */
public enum PriceSource {
    CLOSE("close", 1),
    HL2("hl2", 2),
    HLC3("hlc3", 3),
    OHLC4("ohlc4", 4);

    private final String code;
    private final int count;

    PriceSource(String code, int count) {
        this.code = code;
        this.count = count;
    }

    /** Returns the name used in configuration, e.g. {@code hlc3}. */
    public String code() {
        return code;
    }

    /**
     * Returns the price of {@code candle} as a double. Each decimal price is rounded to a double once
     * and the mean is taken in double arithmetic: a few units in the last place, far below the bands'
     * 1e-9 bar, and cheap enough for a live value per trade.
     */
    public double of(Candle candle) {
        return switch (this) {
            case CLOSE -> candle.close().doubleValue();
            case HL2 -> (candle.high().doubleValue() + candle.low().doubleValue()) / 2;
            case HLC3 -> (candle.high().doubleValue()
                            + candle.low().doubleValue()
                            + candle.close().doubleValue())
                    / 3;
            case OHLC4 -> (candle.open().doubleValue()
                            + candle.high().doubleValue()
                            + candle.low().doubleValue()
                            + candle.close().doubleValue())
                    / 4;
        };
    }

    /**
     * Returns the exact sum of the prices this source averages, {@link #count()} times the price. Means
     * of these sums compare exactly as the means of the prices do, since the divisor is common.
     */
    BigDecimal exactSum(Candle candle) {
        return switch (this) {
            case CLOSE -> candle.close();
            case HL2 -> candle.high().add(candle.low());
            case HLC3 -> candle.high().add(candle.low()).add(candle.close());
            case OHLC4 -> candle.open().add(candle.high()).add(candle.low()).add(candle.close());
        };
    }

    /** Returns how many prices the source averages. */
    int count() {
        return count;
    }

    /** Parses a configuration name; the error lists the valid ones. */
    public static PriceSource parse(String code) {
        for (PriceSource source : values()) {
            if (source.code.equals(code)) {
                return source;
            }
        }
        throw new IllegalArgumentException("priceSource: expected one of " + codes() + ", was '" + code + "'");
    }

    /** Returns the configuration names, comma-separated. */
    static String codes() {
        return Arrays.stream(values()).map(PriceSource::code).collect(Collectors.joining(", "));
    }
}
