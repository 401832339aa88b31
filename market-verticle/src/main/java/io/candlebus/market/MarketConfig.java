package io.candlebus.market;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configures the market verticle.
 *
 * @param instruments the instruments followed from the start (more can be added at runtime)
 * @param binance REST base and websocket base per Binance market (the websocket base gets
 *     {@code /stream?streams=...} appended; USDT-M needs the {@code /market} prefix)
 * @param bithumb Bithumb REST base and full websocket URL
 * @param intervals candle intervals published; must contain 1m, larger ones are built from closed 1m
 *     candles and must be whole minutes
 * @param warmupCandles closed candles of the largest interval fetched from REST at start (so bands have
 *     history at once); the 1m history fetched is {@code warmupCandles * largest / 1m} plus the current bucket
 * @param closeGraceMillis clock time after a minute boundary before a trade-built candle is closed in a
 *     quiet market (a trade after the boundary closes it earlier)
 * @param liveThrottleMillis real time between two {@code candles.live} messages of one stream
 * @param recorderTimeoutMillis real time the recorder has to acknowledge one candle before a retry
 * @param tickMillis real period of the timer that closes candles by the clock and drives the feeds
 * @param reconnectMinMillis first real delay before reconnecting or retrying REST; doubles per failure
 * @param reconnectMaxMillis largest real delay between reconnects or REST retries
 * @param pingMillis how often a keepalive is sent (Bithumb: text {@code PING}, Binance: a ping frame), in
 *     real and in clock time, whichever comes first; the answers prove the connection alive
 * @param recorderOutboxCapacity closed candles waiting for a recorder acknowledgement at most; more are
 *     dropped and counted
 * @param stallTimeoutMillis clock time without any frame (a message of any stream, a control reply, a
 *     server ping, a pong to our ping) on an open connection after which it is treated as dead and
 *     replaced (the gap is filled from REST); a quiet stream next to live ones never counts. On Binance a
 *     connection is also replaced after this long without a message while REST shows trades its streams
 *     did not push (the venue answers pings even while its streams are stuck). A quiet-market close by the
 *     clock also waits until the feed was heard this long after boundary + grace, so a stall is caught first
 * @param maxMessageBytes longest websocket text message accepted; a longer one is dropped and counted as
 *     bad input {@code oversized} without touching the connection
 * @param binanceRotateAfterMillis clock age at which a Binance connection is replaced make-before-break
 *     (before the venue's 24 h cut); 0 turns rotation off
 * @param binanceStreamsPerConnection Binance streams on one websocket connection at most; more instruments
 *     of a market are spread over further connections
 * @param binanceRestWeightLimit Binance REST request weight per minute the feed stays under, judged by the
 *     venue's {@code X-MBX-USED-WEIGHT-1M} answer header
 * @param maxInstruments instruments one node follows at most, configured and added at runtime together
 *     ({@code POST /subscriptions} over it is refused with 422)
 */
public record MarketConfig(
        List<Instrument> instruments,
        Map<Market, Endpoint> binance,
        Endpoint bithumb,
        List<Interval> intervals,
        int warmupCandles,
        long closeGraceMillis,
        long liveThrottleMillis,
        long recorderTimeoutMillis,
        long tickMillis,
        long reconnectMinMillis,
        long reconnectMaxMillis,
        long pingMillis,
        int recorderOutboxCapacity,
        long stallTimeoutMillis,
        long maxMessageBytes,
        long binanceRotateAfterMillis,
        int binanceStreamsPerConnection,
        int binanceRestWeightLimit,
        int maxInstruments) {

    /** The real venue hosts. */
    public static final Map<Market, Endpoint> BINANCE_ENDPOINTS = Map.of(
            Market.SPOT, new Endpoint("https://api.binance.com", "wss://stream.binance.com:9443"),
            Market.USDM, new Endpoint("https://fapi.binance.com", "wss://fstream.binance.com/market"),
            Market.COINM, new Endpoint("https://dapi.binance.com", "wss://dstream.binance.com"));

    /** The real Bithumb hosts. */
    public static final Endpoint BITHUMB_ENDPOINT =
            new Endpoint("https://api.bithumb.com", "wss://ws-api.bithumb.com/websocket/v1");

    private static final Set<String> KEYS = Set.of(
            "instruments",
            "binance",
            "bithumb",
            "intervals",
            "warmupCandles",
            "closeGraceMillis",
            "liveThrottleMillis",
            "recorderTimeoutMillis",
            "tickMillis",
            "reconnectMinMillis",
            "reconnectMaxMillis",
            "pingMillis",
            "recorderOutboxCapacity",
            "stallTimeoutMillis",
            "maxMessageBytes",
            "binanceRotateAfterMillis",
            "binanceStreamsPerConnection",
            "binanceRestWeightLimit",
            "maxInstruments");
    /** Most instruments a node may be configured to follow. */
    private static final int MAX_INSTRUMENTS_LIMIT = 10_000;
    /** Binance cuts every connection at 24 h, so a rotation must come before that. */
    private static final long MAX_ROTATE_MILLIS = 24L * 3_600_000;

    private static final Set<String> ENDPOINT_KEYS = Set.of("restUrl", "wsUrl");

    public MarketConfig {
        instruments = checkInstruments(instruments, "market.instruments");
        binance = checkBinance(binance, "market.binance");
        if (bithumb == null) {
            throw new ConfigException("market.bithumb", "an endpoint", null);
        }
        intervals = checkIntervals(intervals, "market.intervals");
        range(warmupCandles, 0, 10_000, "market.warmupCandles");
        range(closeGraceMillis, 0, 59_000, "market.closeGraceMillis");
        range(liveThrottleMillis, 0, 3_600_000, "market.liveThrottleMillis");
        range(recorderTimeoutMillis, 1, 3_600_000, "market.recorderTimeoutMillis");
        range(tickMillis, 1, 10_000, "market.tickMillis");
        range(reconnectMinMillis, 1, 3_600_000, "market.reconnectMinMillis");
        range(reconnectMaxMillis, reconnectMinMillis, 3_600_000, "market.reconnectMaxMillis");
        range(pingMillis, 1, 110_000, "market.pingMillis");
        range(recorderOutboxCapacity, 1, 10_000_000, "market.recorderOutboxCapacity");
        range(stallTimeoutMillis, 1_000, 3_600_000, "market.stallTimeoutMillis");
        range(maxMessageBytes, 1_024, 4_194_304, "market.maxMessageBytes");
        range(binanceRotateAfterMillis, 0, MAX_ROTATE_MILLIS, "market.binanceRotateAfterMillis");
        range(binanceStreamsPerConnection, 1, 1_024, "market.binanceStreamsPerConnection");
        range(binanceRestWeightLimit, 1, 6_000, "market.binanceRestWeightLimit");
        range(maxInstruments, 1, MAX_INSTRUMENTS_LIMIT, "market.maxInstruments");
        if (instruments.size() > maxInstruments) {
            throw new ConfigException(
                    "market.instruments",
                    "at most market.maxInstruments (" + maxInstruments + ") instruments",
                    instruments.size() + " instruments");
        }
    }

    /**
     * Returns the defaults: BTC on Binance spot, USDT-M and COIN-M and on Bithumb, the real hosts,
     * intervals 1m and 5m, 120 warm-up candles, 2 s close grace, 250 ms live throttle, 30 s recorder
     * timeout, a 100 ms tick, reconnects from 500 ms up to 30 s, a keepalive every 10 s, an outbox
     * of 100,000 candles, a connection silent for 30 s treated as stalled, messages up to 64 KiB,
     * Binance connections rotated after 23 h, 1024 streams per connection, a REST weight budget of
     * 1200 per minute (half the smallest market limit, futures' 2400, so other clients on the same IP fit)
     * and at most 200 instruments per node.
     */
    public static MarketConfig defaults() {
        return new MarketConfig(
                List.of(
                        Instrument.parse("binance:spot:BTCUSDT"),
                        Instrument.parse("binance:usdm:BTCUSDT"),
                        Instrument.parse("binance:coinm:BTCUSD_PERP"),
                        Instrument.parse("bithumb:spot:KRW-BTC")),
                BINANCE_ENDPOINTS,
                BITHUMB_ENDPOINT,
                List.of(Interval.M1, Interval.M5),
                120,
                2_000L,
                250L,
                30_000L,
                100L,
                500L,
                30_000L,
                10_000L,
                100_000,
                30_000L,
                65_536L,
                23L * 3_600_000,
                1_024,
                1_200,
                200);
    }

    /** Returns this config pointing at other venue endpoints (the simulator in tests and the demo). */
    public MarketConfig withEndpoints(Map<Market, Endpoint> newBinance, Endpoint newBithumb) {
        return new MarketConfig(
                instruments,
                newBinance,
                newBithumb,
                intervals,
                warmupCandles,
                closeGraceMillis,
                liveThrottleMillis,
                recorderTimeoutMillis,
                tickMillis,
                reconnectMinMillis,
                reconnectMaxMillis,
                pingMillis,
                recorderOutboxCapacity,
                stallTimeoutMillis,
                maxMessageBytes,
                binanceRotateAfterMillis,
                binanceStreamsPerConnection,
                binanceRestWeightLimit,
                maxInstruments);
    }

    /** Returns this config following other instruments from the start. */
    public MarketConfig withInstruments(List<Instrument> newInstruments) {
        return new MarketConfig(
                newInstruments,
                binance,
                bithumb,
                intervals,
                warmupCandles,
                closeGraceMillis,
                liveThrottleMillis,
                recorderTimeoutMillis,
                tickMillis,
                reconnectMinMillis,
                reconnectMaxMillis,
                pingMillis,
                recorderOutboxCapacity,
                stallTimeoutMillis,
                maxMessageBytes,
                binanceRotateAfterMillis,
                binanceStreamsPerConnection,
                binanceRestWeightLimit,
                maxInstruments);
    }

    /** Returns this config with other timings (tests speed these up against an accelerated clock). */
    public MarketConfig withTimings(long newCloseGraceMillis, long newTickMillis, long newReconnectMinMillis) {
        return new MarketConfig(
                instruments,
                binance,
                bithumb,
                intervals,
                warmupCandles,
                newCloseGraceMillis,
                liveThrottleMillis,
                recorderTimeoutMillis,
                newTickMillis,
                newReconnectMinMillis,
                Math.max(reconnectMaxMillis, newReconnectMinMillis),
                pingMillis,
                recorderOutboxCapacity,
                stallTimeoutMillis,
                maxMessageBytes,
                binanceRotateAfterMillis,
                binanceStreamsPerConnection,
                binanceRestWeightLimit,
                maxInstruments);
    }

    /**
     * Returns this config with other Binance connection settings (tests rotate early and split streams
     * over several connections).
     */
    public MarketConfig withBinanceConnections(long newRotateAfterMillis, int newStreamsPerConnection) {
        return new MarketConfig(
                instruments,
                binance,
                bithumb,
                intervals,
                warmupCandles,
                closeGraceMillis,
                liveThrottleMillis,
                recorderTimeoutMillis,
                tickMillis,
                reconnectMinMillis,
                reconnectMaxMillis,
                pingMillis,
                recorderOutboxCapacity,
                stallTimeoutMillis,
                maxMessageBytes,
                newRotateAfterMillis,
                newStreamsPerConnection,
                binanceRestWeightLimit,
                maxInstruments);
    }

    /** Returns the largest configured interval (1m if only 1m). */
    public Interval largestInterval() {
        return intervals.get(intervals.size() - 1);
    }

    /**
     * Reads a config from JSON, starting from {@link #defaults()}; {@code path} prefixes field names in
     * errors, e.g. {@code market.bithumb.wsUrl: expected a ws:// or wss:// URL, was 'foo'}.
     */
    public static MarketConfig fromJson(JsonObject json, String path) {
        MarketConfig d = defaults();
        if (json == null) {
            return d;
        }
        for (String key : json.fieldNames()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException(path + "." + key, "one of " + new TreeSet<>(KEYS), key);
            }
        }
        List<Instrument> instruments = json.containsKey("instruments")
                ? checkInstruments(
                        instrumentsFrom(json.getValue("instruments"), path + ".instruments"), path + ".instruments")
                : d.instruments();
        Map<Market, Endpoint> binance = json.containsKey("binance")
                ? binanceFrom(json.getValue("binance"), d.binance(), path + ".binance")
                : d.binance();
        Endpoint bithumb = json.containsKey("bithumb")
                ? endpointFrom(json.getValue("bithumb"), d.bithumb(), path + ".bithumb")
                : d.bithumb();
        List<Interval> intervals = json.containsKey("intervals")
                ? checkIntervals(intervalsFrom(json.getValue("intervals"), path + ".intervals"), path + ".intervals")
                : d.intervals();
        int warmup = (int) number(json, "warmupCandles", d.warmupCandles(), 0, 10_000, path);
        long grace = number(json, "closeGraceMillis", d.closeGraceMillis(), 0, 59_000, path);
        long throttle = number(json, "liveThrottleMillis", d.liveThrottleMillis(), 0, 3_600_000, path);
        long recorderTimeout = number(json, "recorderTimeoutMillis", d.recorderTimeoutMillis(), 1, 3_600_000, path);
        long tick = number(json, "tickMillis", d.tickMillis(), 1, 10_000, path);
        long reconnectMin = number(json, "reconnectMinMillis", d.reconnectMinMillis(), 1, 3_600_000, path);
        long reconnectMax = number(
                json,
                "reconnectMaxMillis",
                Math.max(d.reconnectMaxMillis(), reconnectMin),
                reconnectMin,
                3_600_000,
                path);
        long ping = number(json, "pingMillis", d.pingMillis(), 1, 110_000, path);
        int outbox = (int) number(json, "recorderOutboxCapacity", d.recorderOutboxCapacity(), 1, 10_000_000, path);
        long stall = number(json, "stallTimeoutMillis", d.stallTimeoutMillis(), 1_000, 3_600_000, path);
        long maxMessage = number(json, "maxMessageBytes", d.maxMessageBytes(), 1_024, 4_194_304, path);
        long rotate =
                number(json, "binanceRotateAfterMillis", d.binanceRotateAfterMillis(), 0, MAX_ROTATE_MILLIS, path);
        int streams =
                (int) number(json, "binanceStreamsPerConnection", d.binanceStreamsPerConnection(), 1, 1_024, path);
        int weight = (int) number(json, "binanceRestWeightLimit", d.binanceRestWeightLimit(), 1, 6_000, path);
        int maxInstruments = (int) number(json, "maxInstruments", d.maxInstruments(), 1, MAX_INSTRUMENTS_LIMIT, path);
        if (instruments.size() > maxInstruments) {
            throw new ConfigException(
                    path + ".instruments",
                    "at most " + path + ".maxInstruments (" + maxInstruments + ") instruments",
                    instruments.size() + " instruments");
        }
        return new MarketConfig(
                instruments,
                binance,
                bithumb,
                intervals,
                warmup,
                grace,
                throttle,
                recorderTimeout,
                tick,
                reconnectMin,
                reconnectMax,
                ping,
                outbox,
                stall,
                maxMessage,
                rotate,
                streams,
                weight,
                maxInstruments);
    }

    private static List<Instrument> instrumentsFrom(Object value, String path) {
        if (!(value instanceof JsonArray array)) {
            throw new ConfigException(path, "an array of instrument keys such as \"binance:spot:BTCUSDT\"", value);
        }
        List<Instrument> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            String itemPath = path + "[" + i + "]";
            try {
                if (item instanceof String key) {
                    out.add(Instrument.parse(key));
                } else if (item instanceof JsonObject o) {
                    out.add(Instrument.of(o.getString("exchange"), o.getString("market"), o.getString("symbol")));
                } else {
                    throw new ConfigException(itemPath, "an instrument key such as \"binance:spot:BTCUSDT\"", item);
                }
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                throw new ConfigException(itemPath + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Interval> intervalsFrom(Object value, String path) {
        if (!(value instanceof JsonArray array)) {
            throw new ConfigException(path, "an array of intervals such as [\"1m\", \"5m\"]", value);
        }
        List<Interval> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (!(item instanceof String code)) {
                throw new ConfigException(path + "[" + i + "]", "an interval such as \"5m\"", item);
            }
            try {
                out.add(Interval.parse(code));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + "[" + i + "]: " + e.getMessage());
            }
        }
        return out;
    }

    private static Map<Market, Endpoint> binanceFrom(Object value, Map<Market, Endpoint> defaults, String path) {
        if (!(value instanceof JsonObject json)) {
            throw new ConfigException(path, "an object with spot, usdm and/or coinm endpoints", value);
        }
        Map<Market, Endpoint> out = new EnumMap<>(defaults);
        for (String key : json.fieldNames()) {
            Market market;
            try {
                market = Market.parse(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + "." + key, "one of spot, usdm, coinm", key);
            }
            out.put(market, endpointFrom(json.getValue(key), defaults.get(market), path + "." + key));
        }
        return out;
    }

    private static Endpoint endpointFrom(Object value, Endpoint defaults, String path) {
        if (!(value instanceof JsonObject json)) {
            throw new ConfigException(path, "an object with restUrl and wsUrl", value);
        }
        for (String key : json.fieldNames()) {
            if (!ENDPOINT_KEYS.contains(key)) {
                throw new ConfigException(path + "." + key, "one of [restUrl, wsUrl]", key);
            }
        }
        Object rest = json.getValue("restUrl", defaults.restUrl());
        Object ws = json.getValue("wsUrl", defaults.wsUrl());
        if (!(rest instanceof String restUrl)) {
            throw new ConfigException(path + ".restUrl", "an http:// or https:// URL", rest);
        }
        if (!(ws instanceof String wsUrl)) {
            throw new ConfigException(path + ".wsUrl", "a ws:// or wss:// URL", ws);
        }
        return Endpoint.of(restUrl, wsUrl, path);
    }

    private static long number(JsonObject json, String key, long defaultValue, long min, long max, String path) {
        if (!json.containsKey(key)) {
            return defaultValue;
        }
        Object value = json.getValue(key);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new ConfigException(path + "." + key, "an integer in [" + min + ", " + max + "]", value);
        }
        long n = ((Number) value).longValue();
        range(n, min, max, path + "." + key);
        return n;
    }

    private static void range(long value, long min, long max, String path) {
        if (value < min || value > max) {
            throw new ConfigException(path, "an integer in [" + min + ", " + max + "]", value);
        }
    }

    private static List<Instrument> checkInstruments(List<Instrument> instruments, String path) {
        if (instruments == null) {
            throw new ConfigException(path, "a list of instruments", null);
        }
        Set<Instrument> seen = new HashSet<>();
        for (Instrument i : instruments) {
            if (i == null) {
                throw new ConfigException(path, "instruments, no nulls", "null");
            }
            if (!seen.add(i)) {
                throw new ConfigException(path, "each instrument once", i.key());
            }
        }
        return List.copyOf(instruments);
    }

    private static Map<Market, Endpoint> checkBinance(Map<Market, Endpoint> binance, String path) {
        if (binance == null) {
            throw new ConfigException(path, "endpoints for spot, usdm and coinm", null);
        }
        for (Market m : Market.values()) {
            if (binance.get(m) == null) {
                throw new ConfigException(path + "." + m.wireName(), "an endpoint", null);
            }
        }
        return Map.copyOf(binance);
    }

    private static List<Interval> checkIntervals(List<Interval> intervals, String path) {
        if (intervals == null) {
            throw new ConfigException(path, "a list of intervals containing 1m", null);
        }
        TreeSet<Interval> sorted = new TreeSet<>();
        for (Interval i : intervals) {
            if (i == null) {
                throw new ConfigException(path, "intervals, no nulls", "null");
            }
            if (i.millis() < Interval.M1.millis()) {
                throw new ConfigException(path, "intervals of whole minutes (built from 1m candles)", i.code());
            }
            sorted.add(i);
        }
        if (!sorted.contains(Interval.M1)) {
            throw new ConfigException(path, "a list containing 1m", intervals.toString());
        }
        return List.copyOf(sorted);
    }

    /** Returns whether {@code instrument} can be followed with this config (its venue market is configured). */
    public boolean supports(Instrument instrument) {
        return instrument.exchange() == Exchange.BITHUMB || binance.containsKey(instrument.market());
    }
}
