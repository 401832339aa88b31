package io.candlebus.strategy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Configures the strategy verticle.
 *
 * @param period closes the Bollinger bands span (default 20, at least 2)
 * @param k band width in population standard deviations (default 2, finite and >= 0)
 * @param cooldownCandles candles after a signal that raise no further signal on the same instrument
 *     and interval (default 0)
 * @param publishLive whether live (intrabar) bands are published for candles in progress (default true)
 * @param liveThrottleMillis least time between two live bands of one instrument and interval, by the
 *     clock; live candles arriving sooner are skipped (default 0: every live candle, the aggregator
 *     already throttles them)
 */
public record StrategyConfig(int period, double k, int cooldownCandles, boolean publishLive, long liveThrottleMillis) {

    private static final Set<String> KEYS =
            Set.of("period", "k", "cooldownCandles", "publishLive", "liveThrottleMillis");

    public StrategyConfig {
        if (period < 2) {
            throw new ConfigException("period", "an integer >= 2", period);
        }
        if (!Double.isFinite(k) || k < 0) {
            throw new ConfigException("k", "a finite number >= 0", k);
        }
        if (cooldownCandles < 0) {
            throw new ConfigException("cooldownCandles", "an integer >= 0", cooldownCandles);
        }
        if (liveThrottleMillis < 0) {
            throw new ConfigException("liveThrottleMillis", "an integer >= 0", liveThrottleMillis);
        }
    }

    /** Returns the defaults: 20 periods, k = 2, no cooldown, live bands on, no extra throttle. */
    public static StrategyConfig defaults() {
        return new StrategyConfig(20, 2.0, 0, true, 0);
    }

    /**
     * Reads a config from {@code json}, starting from the defaults; {@code path} (e.g. {@code strategy})
     * prefixes the field names in errors. Throws {@link ConfigException} on a bad value or unknown key.
     */
    public static StrategyConfig fromJson(JsonObject json, String path) {
        StrategyConfig d = defaults();
        if (json == null) {
            return d;
        }
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(path + "." + key + ": unknown key, expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        return new StrategyConfig(
                (int) integer(json, path, "period", d.period(), 2, 10_000),
                number(json, path, "k", d.k()),
                (int) integer(json, path, "cooldownCandles", d.cooldownCandles(), 0, 1_000_000),
                bool(json, path, "publishLive", d.publishLive()),
                integer(json, path, "liveThrottleMillis", d.liveThrottleMillis(), 0, 86_400_000L));
    }

    private static long integer(JsonObject json, String path, String key, long fallback, long min, long max) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        String expected = "an integer from " + min + " to " + max;
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new ConfigException(path + "." + key, expected, value);
        }
        BigDecimal exact = new BigDecimal(n.toString());
        if (exact.stripTrailingZeros().scale() > 0
                || exact.compareTo(BigDecimal.valueOf(min)) < 0
                || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ConfigException(path + "." + key, expected, value);
        }
        return exact.longValueExact();
    }

    private static double number(JsonObject json, String path, String key, double fallback) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
            throw new ConfigException(path + "." + key, "a finite number >= 0", value);
        }
        return n.doubleValue();
    }

    private static boolean bool(JsonObject json, String path, String key, boolean fallback) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new ConfigException(path + "." + key, "true or false", value);
        }
        return b;
    }
}
