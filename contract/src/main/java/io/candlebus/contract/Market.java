package io.candlebus.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Names a market of a venue: spot, Binance USDT-M futures or Binance COIN-M futures. */
public enum Market {
    SPOT,
    USDM,
    COINM;

    // Cached: the name is read on every trade (instrument keys, ordering), and lower-casing allocates.
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** Returns the lower-case wire name, as used in instrument keys and partition paths. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name such as {@code usdm}; the error names what was expected. */
    @JsonCreator
    public static Market parse(String text) {
        for (Market m : values()) {
            if (m.wireName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("market: expected one of spot, usdm, coinm, was '" + text + "'");
    }
}
