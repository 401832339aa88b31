package io.candlebus.alerts;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import java.net.URI;
import java.net.URISyntaxException;

/** The {@code alerts} section's own kinds of value, read through the shared {@link ConfigReader}. */
final class AlertsValues {
    private AlertsValues() {}

    /** Text or a JSON number (a Telegram chat id is either), as text; null when absent. */
    static String textOrNumber(ConfigReader r, String key) {
        Object v = r.value(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue()) {
            return Long.toString(n.longValue());
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw ConfigReader.invalid(r.at(key), "non-blank text or an integer", v);
        }
        return s.trim();
    }

    /**
     * An absolute http or https URL, without a trailing slash; null when absent. With {@code secret} the
     * value is never repeated in an error: webhook URLs carry their credential in the path.
     */
    static String url(ConfigReader r, String key, String fallback, boolean secret) {
        Object v = r.value(key);
        if (v == null) {
            return fallback;
        }
        String expected = "an absolute http:// or https:// URL";
        if (!(v instanceof String s) || s.isBlank()) {
            throw secret ? hidden(r.at(key), expected) : ConfigReader.invalid(r.at(key), expected, v);
        }
        try {
            URI uri = new URI(s.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new URISyntaxException(s, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw secret ? hidden(r.at(key), expected) : ConfigReader.invalid(r.at(key), expected, v);
        }
        String trimmed = s.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static ConfigException hidden(String path, String expected) {
        return new ConfigException(
                path + ": expected " + expected + ", was a value not shown (it may hold a credential)");
    }
}
