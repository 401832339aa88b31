package io.candlebus.sim.bithumb.orders;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a Bithumb private request in the forms a client may have hashed: a JSON body
 * re-expressed as {@code k=v&...} in body key order (arrays as {@code k[]=v}), raw or percent-encoded,
 * and a query string as sent or percent-decoded (exchange-apis.md 2.4 leaves the encoding unconfirmed,
 * so the simulator accepts either).
 */
final class BithumbParams {
    private BithumbParams() {}

    /** Returns the strings a client may have hashed for {@code body}, an object. */
    static List<String> hashableForms(JsonNode body) {
        StringBuilder raw = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                for (JsonNode item : e.getValue()) {
                    append(raw, encoded, e.getKey() + "[]", item.asText());
                }
            } else {
                append(raw, encoded, e.getKey(), e.getValue().asText());
            }
        }
        return List.of(raw.toString(), encoded.toString());
    }

    /** Returns the strings a client may have hashed for a raw query string: as sent, decoded, encoded. */
    static List<String> hashableForms(String rawQuery) {
        StringBuilder decoded = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            append(decoded, encoded, key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return List.of(rawQuery, decoded.toString(), encoded.toString());
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    /** Returns the decoded parameters of a raw query string, first value of each name. */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(key, value);
        }
        return out;
    }

    /** Returns the body's field names, in order. */
    static List<String> names(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void append(StringBuilder raw, StringBuilder encoded, String key, String value) {
        if (raw.length() > 0) {
            raw.append('&');
            encoded.append('&');
        }
        raw.append(key).append('=').append(value);
        encoded.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
