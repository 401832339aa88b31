package io.candlebus.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names a candle interval with Binance's strings. Every interval here has a fixed length and its
 * candles start at UTC epoch multiples of that length, so an open time is {@code floor(t / len) * len}.
 * Calendar intervals (1w, 1M) are deliberately absent: they are not epoch-aligned.
 */
public enum Interval {
    S1("1s", 1_000L),
    M1("1m", 60_000L),
    M3("3m", 3 * 60_000L),
    M5("5m", 5 * 60_000L),
    M15("15m", 15 * 60_000L),
    M30("30m", 30 * 60_000L),
    H1("1h", 3_600_000L),
    H2("2h", 2 * 3_600_000L),
    H4("4h", 4 * 3_600_000L),
    H6("6h", 6 * 3_600_000L),
    H8("8h", 8 * 3_600_000L),
    H12("12h", 12 * 3_600_000L),
    D1("1d", 86_400_000L);

    private final String code;
    private final long millis;

    Interval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    /** Returns Binance's name for the interval, e.g. {@code 1m}. */
    @JsonValue
    public String code() {
        return code;
    }

    /** Returns the interval's length in milliseconds. */
    public long millis() {
        return millis;
    }

    /** Returns the open time of the candle that contains {@code epochMillis}. */
    public long openTimeOf(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    /** Returns whether {@code epochMillis} is the open time of a candle of this interval. */
    public boolean isAligned(long epochMillis) {
        return Math.floorMod(epochMillis, millis) == 0;
    }

    /** Parses Binance's name of an interval; the error lists the supported ones. */
    @JsonCreator
    public static Interval parse(String code) {
        for (Interval i : values()) {
            if (i.code.equals(code)) {
                return i;
            }
        }
        throw new IllegalArgumentException("interval: expected one of "
                + Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", "))
                + ", was '" + code + "'");
    }

    @Override
    public String toString() {
        return code;
    }
}
