package io.candlebus.sim.binance.orders;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a signed Binance request as sent: the raw query string and form body, the text
 * that was signed ({@code totalParams}: query then body, each without its {@code signature} pair), the
 * signature, and the decoded parameters, a query value winning over a body value of the same name.
 *
 * @param signedText the query followed by the body, without {@code signature}
 * @param signature the {@code signature} value, or null
 * @param params the decoded parameters
 */
record BinanceSignedRequest(String signedText, String signature, Map<String, String> params) {

    static BinanceSignedRequest of(String rawQuery, String rawBody) {
        List<String[]> query = pairs(rawQuery);
        List<String[]> body = pairs(rawBody);
        Map<String, String> params = new LinkedHashMap<>();
        String signature = null;
        for (List<String[]> source : List.of(query, body)) {
            for (String[] p : source) {
                String key = decode(p[0]);
                if ("signature".equals(key)) {
                    signature = signature == null ? decode(p[1]) : signature;
                } else {
                    params.putIfAbsent(key, decode(p[1]));
                }
            }
        }
        return new BinanceSignedRequest(unsigned(rawQuery) + unsigned(rawBody), signature, params);
    }

    /** Returns {@code raw} without its {@code signature=} pair, otherwise byte for byte. */
    private static String unsigned(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : raw.split("&", -1)) {
            if (!pair.startsWith("signature=")) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    private static List<String[]> pairs(String raw) {
        List<String[]> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.add(eq < 0 ? new String[] {pair, ""} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A malformed escape is kept as sent; the signature check or the parameter's own check refuses it.
            return text;
        }
    }
}
