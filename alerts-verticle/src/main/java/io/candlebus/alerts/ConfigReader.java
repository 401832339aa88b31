package io.candlebus.alerts;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed fields of one object of the {@code alerts} section, naming the full path of anything wrong. */
final class ConfigReader {
    private final JsonObject json;
    private final String path;

    ConfigReader(JsonObject json, String path, Set<String> known) {
        this.json = json == null ? new JsonObject() : json;
        this.path = path;
        Set<String> unknown = new TreeSet<>(this.json.fieldNames());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    at(unknown.iterator().next()), "one of the keys " + new TreeSet<>(known), "an unknown key");
        }
    }

    String at(String key) {
        return path + "." + key;
    }

    long integer(String key, long fallback, long min, long max) {
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

    /** Text or a JSON number (a Telegram chat id is either), as text; null when absent. */
    String textOrNumber(String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            return Long.toString(n.longValue());
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new ConfigException(at(key), "non-blank text or an integer", v);
        }
        return s.trim();
    }

    /**
     * An absolute http or https URL, without a trailing slash; null when absent. With {@code secret} the
     * value is never repeated in an error: webhook URLs carry their credential in the path.
     */
    String url(String key, String fallback, boolean secret) {
        Object v = json.getValue(key);
        if (v == null) {
            return fallback;
        }
        String shown = secret ? "a value not shown (it may hold a credential)" : String.valueOf(v);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new ConfigException(at(key) + ": expected an absolute http:// or https:// URL, was " + shown);
        }
        try {
            URI uri = new URI(s.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new URISyntaxException(s, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(at(key) + ": expected an absolute http:// or https:// URL, was " + shown);
        }
        String trimmed = s.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    List<String> strings(String key) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
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
            out.add(s);
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
