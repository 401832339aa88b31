package io.candlebus.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Names the venues candlebus follows. */
public enum Exchange {
    BINANCE,
    BITHUMB,
    UPBIT;

    // Cached: the name is read on every trade (instrument keys, ordering), and lower-casing allocates.
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Returns the lower-case wire name, as used in instrument keys and partition paths. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name such as {@code binance}; the error names what was expected. */
    @JsonCreator
    public static Exchange parse(String text) {
        for (Exchange e : values()) {
            if (e.wireName().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("exchange: expected one of binance, bithumb, upbit, was '" + text + "'");
    }
}
