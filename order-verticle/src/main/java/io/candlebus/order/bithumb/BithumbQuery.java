package io.candlebus.order.bithumb;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Builds the query string Bithumb hashes into a JWT's {@code query_hash}: {@code k1=v1&k2=v2} in the
 * parameters' own order, an array as {@code k[]=v1&k[]=v2}. For a POST it is the JSON body re-expressed
 * in the body's key order; for a GET or DELETE it is the query string sent. Nothing is percent-encoded:
 * the string hashed is the string sent (our parameters are plain ASCII codes, numbers and ids).
 */
public final class BithumbQuery {
    private BithumbQuery() {}

    /**
     * Returns {@code params} as Bithumb's query string, in iteration order (a {@link JsonObject} keeps
     * insertion order). Values are strings, numbers, booleans or arrays of them.
     */
    public static String of(JsonObject params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : params) {
            Object value = e.getValue();
            if (value instanceof JsonArray array) {
                for (Object item : array) {
                    append(out, e.getKey() + "[]", item);
                }
            } else {
                append(out, e.getKey(), value);
            }
        }
        return out.toString();
    }

    /** Returns the lowercase hex SHA-512 of {@code queryString} (UTF-8): the JWT's {@code query_hash}. */
    public static String hash(String queryString) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-512").digest(queryString.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-512", e);
        }
    }

    private static void append(StringBuilder out, String key, Object value) {
        if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
            throw new IllegalArgumentException(
                    key + ": expected a string, number or boolean, was " + (value == null ? "null" : "a nested value"));
        }
        if (out.length() > 0) {
            out.append('&');
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        out.append(key).append('=').append(text);
    }
}
