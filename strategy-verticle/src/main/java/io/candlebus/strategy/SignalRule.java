package io.candlebus.strategy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names a rule that can raise signals at a closed candle; {@code docs/indicators-and-signals.md} gives
 * the exact definitions.
 */
public enum SignalRule {
    /** The close crosses a Bollinger band: {@code band_lower} (BUY) and {@code band_upper} (SELL). */
    BAND_CROSS("band_cross"),
    /**
     * The candle's low reaches the lower band ({@code band_lower_touch}, BUY) or its high the upper
     * band ({@code band_upper_touch}, SELL), once per run of touching candles.
     */
    BAND_TOUCH("band_touch"),
    /** The fast SMA crosses the slow one: {@code golden_cross} (BUY) and {@code dead_cross} (SELL). */
    SMA_CROSS("sma_cross");

    private final String code;

    SignalRule(String code) {
        this.code = code;
    }

    /** Returns the name used in configuration, e.g. {@code band_cross}. */
    public String code() {
        return code;
    }

    /** Parses a configuration name; the error lists the valid ones. */
    public static SignalRule parse(String code) {
        for (SignalRule rule : values()) {
            if (rule.code.equals(code)) {
                return rule;
            }
        }
        throw new IllegalArgumentException("rule: expected one of " + codes() + ", was '" + code + "'");
    }

    /** Returns the configuration names, comma-separated. */
    static String codes() {
        return Arrays.stream(values()).map(SignalRule::code).collect(Collectors.joining(", "));
    }
}
