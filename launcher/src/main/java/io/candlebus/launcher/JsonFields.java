package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed fields of one configuration object, naming the full path of anything wrong. */
final class JsonFields {
    private final JsonObject json;
    private final String path;

    JsonFields(JsonObject json, String path, Set<String> known) {
        this.json = json == null ? new JsonObject() : json;
        this.path = path;
        Set<String> unknown = new TreeSet<>(this.json.fieldNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    at(unknown.iterator().next()) + ": unknown key; expected one of " + new TreeSet<>(known));
        }
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String string(String key, String fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new ConfigException(at(key), "non-blank text", v);
        }
        return s;
    }

    int integer(String key, int fallback, int min, int max) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < min || n.intValue() > max) {
            throw new ConfigException(at(key), "an integer from " + min + " to " + max, v);
        }
        return n.intValue();
    }

    long longValue(String key, long fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || n.doubleValue() != n.longValue()) {
            throw new ConfigException(at(key), "an integer", v);
        }
        return n.longValue();
    }

    long longValue(String key, long fallback, long min, long max) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)
                || n.doubleValue() != n.longValue()
                || n.longValue() < min
                || n.longValue() > max) {
            throw new ConfigException(at(key), "an integer from " + min + " to " + max, v);
        }
        return n.longValue();
    }

    /** Reads a number above {@code minExclusive} and at most {@code max}. */
    double number(String key, double fallback, double minExclusive, double max) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || !(n.doubleValue() > minExclusive) || !(n.doubleValue() <= max)) {
            throw new ConfigException(
                    at(key), "a number above " + plain(minExclusive) + " and at most " + plain(max), v);
        }
        return n.doubleValue();
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    boolean bool(String key, boolean fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(at(key), "true or false", v);
        }
        return b;
    }

    List<String> strings(String key, List<String> fallback) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return List.of(s.split(","));
        }
        if (!(v instanceof JsonArray a)) {
            throw new ConfigException(at(key), "a list of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.getValue(i) instanceof String s)) {
                throw new ConfigException(at(key) + "[" + i + "]", "a string", a.getValue(i));
            }
            out.add(s.trim());
        }
        return out;
    }

    JsonObject object(String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return new JsonObject();
        }
        if (!(v instanceof JsonObject o)) {
            throw new ConfigException(at(key), "an object", v);
        }
        return o;
    }
}
