package io.candlebus.sim.binance;

import java.util.regex.Pattern;

/**
 * Tells a well-formed Binance stream name from a malformed one. The venue answers a malformed name in
 * SUBSCRIBE with {@code {"error":{"code":2,"msg":"Invalid request: invalid stream"},"id":..}} (and may close
 * the connection), while a well-formed name of a stream that does not exist is accepted and stays silent.
 * Well-formed: a lower-case symbol ({@code [a-z0-9_.-]}, at most 40) and a known stream type, or one of
 * the all-market {@code !...} streams.
 */
final class StreamNames {
    private static final String INTERVAL = "(1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M)";
    private static final Pattern SYMBOL_STREAM = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}@("
            + "kline_" + INTERVAL + "(@\\+08:00)?"
            + "|continuousKline_" + INTERVAL
            + "|trade|aggTrade|ticker|miniTicker|bookTicker|avgPrice"
            + "|ticker_(1h|4h|1d)"
            + "|markPrice(@1s)?"
            + "|depth(5|10|20)?(@100ms|@250ms|@500ms|@1000ms)?)");
    private static final Pattern MARKET_STREAM = Pattern.compile(
            "!(miniTicker@arr|ticker@arr|bookTicker|markPrice@arr(@1s)?|forceOrder@arr|serverShutdown)");

    private StreamNames() {}

    /** Returns whether {@code name} has the form of a Binance market stream name. */
    static boolean wellFormed(String name) {
        return SYMBOL_STREAM.matcher(name).matches()
                || MARKET_STREAM.matcher(name).matches();
    }
}
