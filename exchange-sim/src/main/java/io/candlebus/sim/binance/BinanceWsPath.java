package io.candlebus.sim.binance;

import io.candlebus.contract.Market;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a Binance websocket request path: {@code /binance/<market>[/market|/public]/ws[/<stream>...]}
 * or {@code .../stream?streams=a/b}. USDT-M klines only flow under {@code /market}; the bare and
 * {@code /public} USDT-M paths connect but stay silent, as the real split endpoints do.
 *
 * @param rules the market's rules
 * @param silent whether kline streams on this connection never deliver
 * @param combined whether events are wrapped as {@code {"stream":...,"data":...}}
 * @param streams the streams named in the URL
 */
record BinanceWsPath(BinanceRules rules, boolean silent, boolean combined, List<String> streams) {
    private static final String PREFIX = "/binance/";

    BinanceWsPath {
        streams = List.copyOf(streams);
    }

    /** Returns the parsed path, or null if the path is not a Binance stream endpoint. */
    static BinanceWsPath parse(String path, String query) {
        if (path == null || !path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        Market market;
        try {
            market = Market.parse(rest.substring(0, slash));
        } catch (IllegalArgumentException e) {
            return null;
        }
        rest = rest.substring(slash + 1);
        boolean silent = false;
        if (market == Market.USDM) {
            if (rest.startsWith("market/")) {
                rest = rest.substring("market/".length());
            } else {
                silent = true;
                if (rest.startsWith("public/")) {
                    rest = rest.substring("public/".length());
                }
            }
        }
        BinanceRules rules = BinanceRules.of(market);
        if (rest.equals("ws") || rest.equals("ws/")) {
            return new BinanceWsPath(rules, silent, false, List.of());
        }
        if (rest.startsWith("ws/")) {
            return new BinanceWsPath(rules, silent, false, split(rest.substring(3)));
        }
        if (rest.equals("stream") || rest.equals("stream/")) {
            return new BinanceWsPath(rules, silent, true, split(streamsParam(query)));
        }
        return null;
    }

    private static String streamsParam(String query) {
        if (query == null) {
            return "";
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("streams=")) {
                return URLDecoder.decode(pair.substring("streams=".length()), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("/")) {
            if (!s.isEmpty() && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
