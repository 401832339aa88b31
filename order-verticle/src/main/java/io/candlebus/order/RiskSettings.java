package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Risk settings beyond the per-instrument sizes: the fat-finger guard. A LIMIT order's price must lie within
 * {@code maxPriceDeviationPercent} of the instrument's last observed price (the close of the latest candle on
 * {@code candles.live} or {@code candles.closed}); with no price seen yet, LIMIT orders in it are refused.
 *
 * @param maxPriceDeviationPercent the largest distance of a LIMIT price from the last price, in percent of it
 *     (JSON key {@code order.maxPriceDeviationPercent}, default 10; above 0, at most 1000)
 */
public record RiskSettings(BigDecimal maxPriceDeviationPercent) {
    /** The default guard: 10 % either side of the last price. */
    public static final BigDecimal DEFAULT_MAX_PRICE_DEVIATION_PERCENT = BigDecimal.TEN;

    static final String KEY = "maxPriceDeviationPercent";
    private static final BigDecimal MAX = new BigDecimal(1000);

    public RiskSettings {
        if (maxPriceDeviationPercent == null
                || maxPriceDeviationPercent.signum() <= 0
                || maxPriceDeviationPercent.compareTo(MAX) > 0) {
            throw new ConfigException(
                    KEY,
                    "a decimal above 0 and at most 1000",
                    maxPriceDeviationPercent == null ? null : maxPriceDeviationPercent.toPlainString());
        }
    }

    /** Returns the defaults. */
    public static RiskSettings defaults() {
        return new RiskSettings(DEFAULT_MAX_PRICE_DEVIATION_PERCENT);
    }

    /** Reads the settings from the order config object {@code json}; {@code path} prefixes errors. */
    static RiskSettings fromJson(JsonObject json, String path) {
        Object value = json.getValue(KEY);
        if (value == null) {
            return defaults();
        }
        BigDecimal percent = null;
        if (value instanceof String || value instanceof Number) {
            try {
                percent = new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                // Reported below.
            }
        }
        if (percent == null || percent.precision() > 12 || percent.signum() <= 0 || percent.compareTo(MAX) > 0) {
            throw new ConfigException(path + "." + KEY, "a decimal above 0 and at most 1000", value);
        }
        return new RiskSettings(percent);
    }
}
