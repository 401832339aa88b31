package io.candlebus.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the typed fields of one object of a JSON configuration, for every module, so that every error has
 * one wording and names the field by its full path:
 *
 * <ul>
 *   <li>an unknown key: {@code market.foo: unknown key, expected one of instruments, intervals, ...}
 *       ({@link #unknownKey});
 *   <li>a wrong type or a value out of range: {@code http.port: expected an integer from 0 to 65535, was
 *       'x'}, where the expected part says the type and, when there is one, the range ({@link #invalid}).
 * </ul>
 *
 * An absent key (or JSON null) yields the fallback.
 */
public final class ConfigReader {
    private final JsonObject json;
    private final String path;

    /**
     * Reads {@code json} (absent: an empty object) at {@code path} (empty: the root); throws on its first key,
     * in sorted order, that is not in {@code known}.
     */
    public ConfigReader(JsonObject json, String path, Collection<String> known) {
        this(json, path);
        requireKnownKeys(this.json, path, known);
    }

    private ConfigReader(JsonObject json, String path) {
        this.json = json == null ? new JsonObject() : json;
        this.path = path;
    }

    /** Reads an object whose keys are data (instrument keys, asset names), so any key is taken. */
    public static ConfigReader anyKeys(JsonObject json, String path) {
        return new ConfigReader(json, path);
    }

    /** Throws {@link #unknownKey} for the first key of {@code json}, in sorted order, not in {@code known}. */
    public static void requireKnownKeys(JsonObject json, String path, Collection<String> known) {
        Set<String> unknown = new TreeSet<>(json.fieldNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw unknownKey(join(path, unknown.iterator().next()), known);
        }
    }

    /** The one error for an unknown key at {@code keyPath}: names it and lists the {@code known} keys. */
    public static ConfigException unknownKey(String keyPath, Collection<String> known) {
        return new ConfigException(PrintableText.of(keyPath) + ": unknown key, expected one of "
                + String.join(", ", new TreeSet<>(known)));
    }

    /**
     * The one error for a value of the wrong type or out of range at {@code fieldPath}: {@code expected} says
     * what a good value is (type, and range if any), {@code was} is the value found (text is quoted).
     */
    public static ConfigException invalid(String fieldPath, String expected, Object was) {
        return new ConfigException(fieldPath, expected, was instanceof String s ? PrintableText.of(s) : was);
    }

    /** Returns the full path of {@code key} in this object. */
    public String at(String key) {
        return join(path, key);
    }

    /** Returns the path of this object (empty at the root). */
    public String path() {
        return path;
    }

    /** Whether {@code key} holds a value other than null. */
    public boolean has(String key) {
        return json.getValue(key) != null;
    }

    /** Returns the raw value of {@code key} (null when absent), for a reading this class does not offer. */
    public Object value(String key) {
        return json.getValue(key);
    }

    /** Returns non-blank text. */
    public String string(String key, String fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw invalid(at(key), "non-blank text", v);
        }
        return s;
    }

    /** Returns an integer from {@code min} to {@code max}. */
    public int integer(String key, int fallback, int min, int max) {
        return (int) longValue(key, fallback, min, max);
    }

    /** Returns any integer a {@code long} holds. */
    public long longValue(String key, long fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        BigDecimal exact = integral(v);
        if (exact == null || exact.toBigInteger().bitLength() > 63) {
            throw invalid(at(key), "an integer", v);
        }
        return exact.longValueExact();
    }

    /** Returns an integer from {@code min} to {@code max}. */
    public long longValue(String key, long fallback, long min, long max) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        BigDecimal exact = integral(v);
        if (exact == null
                || exact.compareTo(BigDecimal.valueOf(min)) < 0
                || exact.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(at(key), "an integer from " + min + " to " + max, v);
        }
        return exact.longValueExact();
    }

    /** Returns an integer of at least {@code min}. */
    public long longAtLeast(String key, long fallback, long min) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        BigDecimal exact = integral(v);
        if (exact == null
                || exact.compareTo(BigDecimal.valueOf(min)) < 0
                || exact.toBigInteger().bitLength() > 63) {
            throw invalid(at(key), "an integer of at least " + min, v);
        }
        return exact.longValueExact();
    }

    /** Returns a number above {@code minExclusive} and at most {@code max}. */
    public double number(String key, double fallback, double minExclusive, double max) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() > minExclusive) || !(n.doubleValue() <= max)) {
            throw invalid(at(key), "a number above " + plain(minExclusive) + " and at most " + plain(max), v);
        }
        return n.doubleValue();
    }

    /** Returns a finite number of at least {@code min}. */
    public double numberAtLeast(String key, double fallback, double min) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || !(n.doubleValue() >= min)) {
            throw invalid(at(key), "a finite number of at least " + plain(min), v);
        }
        return n.doubleValue();
    }

    /** Returns an exact decimal, written as a JSON number or as text ({@code "0.001"}). */
    public BigDecimal decimal(String key, BigDecimal fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String || v instanceof Number) {
            try {
                return new BigDecimal(v.toString());
            } catch (NumberFormatException e) {
                // Reported below with the field's path.
            }
        }
        throw invalid(at(key), "a decimal such as \"0.001\"", v);
    }

    public boolean bool(String key, boolean fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw invalid(at(key), "true or false", v);
        }
        return b;
    }

    /** Returns a list of strings, written as a JSON array of strings or as one comma-separated text. */
    public List<String> strings(String key, List<String> fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return List.of(s.split(","));
        }
        if (!(v instanceof JsonArray a)) {
            throw invalid(at(key), "a list of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof String s)) {
                throw invalid(at(key) + "[" + i + "]", "a string", a.getValue(i));
            }
            out.add(s.trim());
        }
        return out;
    }

    /** Returns a JSON object (absent: an empty one). */
    public JsonObject object(String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return new JsonObject();
        }
        if (!(v instanceof JsonObject o)) {
            throw invalid(at(key), "an object", v);
        }
        return o;
    }

    /** Returns a reader of the object at {@code key} (absent: an empty one) with its own known keys. */
    public ConfigReader child(String key, Collection<String> known) {
        return new ConfigReader(object(key), at(key), known);
    }

    /** The value as an exact integer, or null if it is not a finite integral JSON number. */
    private static BigDecimal integral(Object v) {
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return null;
        }
        BigDecimal exact = new BigDecimal(n.toString());
        return exact.stripTrailingZeros().scale() > 0 ? null : exact;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
