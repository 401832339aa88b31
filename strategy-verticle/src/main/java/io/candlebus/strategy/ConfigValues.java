package io.candlebus.strategy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/** Reads typed values out of a config object, naming the full path of the field in every error. */
final class ConfigValues {
    private ConfigValues() {}

    /** Throws on the first key of {@code json} not in {@code keys}. */
    static void requireKnownKeys(JsonObject json, String path, Set<String> keys) {
        for (String key : json.fieldNames()) {
            if (!keys.contains(key)) {
                throw new ConfigException(path + "." + key + ": unknown key, expected one of "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }

    static long integer(JsonObject json, String path, String key, long fallback, long min, long max) {
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

    static double number(JsonObject json, String path, String key, double fallback) {
        Object value = json.getValue(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
            throw new ConfigException(path + "." + key, "a finite number >= 0", value);
        }
        return n.doubleValue();
    }

    static boolean bool(JsonObject json, String path, String key, boolean fallback) {
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
