package io.candlebus.market;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.vertx.core.json.JsonObject;
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
 * @param binance the Binance settings: endpoints per market, connection rotation and size, REST weight
 *     budget ({@link BinanceSettings})
 * @param venues REST base and full websocket URL of every other venue with one endpoint (Bithumb, Upbit),
 *     keyed by exchange; {@link Venues} names the venues and their real hosts
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
 * @param maxInstruments instruments one node follows at most, configured and added at runtime together
 *     ({@code POST /subscriptions} over it is refused with 422)
 * @param candleShards candle aggregation shards ({@code CandleVerticle}s, each on its own event loop, each owning
 *     the instruments {@link io.candlebus.contract.FeedShards#shardOf} gives it); 0, the default, means the node's
 *     event-loop count. Feeds route by it too: every node of a cluster that runs feeds or candles must resolve it
 *     to the same number (set it explicitly when their core counts differ)
 * @param feedConnections websocket connections, each its own feed verticle on its own event loop, over which the
 *     followed codes of a trade-stream venue (Bithumb, Upbit) are spread ({@link FeedParts}: a hash of the names
 *     mod N, so each has its own share of the parsing); 1, the default, is one connection per venue. The venue's
 *     connection-attempt cap is shared out between them. Candle shards route by it too: every node of a cluster
 *     running feeds or candles must set the same
 */
public record MarketConfig(
        List<Instrument> instruments,
        BinanceSettings binance,
        Map<Exchange, Endpoint> venues,
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
        int maxInstruments,
        int candleShards,
        int feedConnections) {

    /** The real venue hosts. */
    public static final Map<Market, Endpoint> BINANCE_ENDPOINTS = Map.of(
            Market.SPOT, new Endpoint("https://api.binance.com", "wss://stream.binance.com:9443"),
            Market.USDM, new Endpoint("https://fapi.binance.com", "wss://fstream.binance.com/market"),
            Market.COINM, new Endpoint("https://dapi.binance.com", "wss://dstream.binance.com"));

    /** The real Bithumb hosts. */
    public static final Endpoint BITHUMB_ENDPOINT =
            new Endpoint("https://api.bithumb.com", "wss://ws-api.bithumb.com/websocket/v1");

    /** Most instruments a node may be configured to follow. */
    static final int MAX_INSTRUMENTS_LIMIT = 10_000;
    /** Most candle shards a node may run. */
    static final int MAX_CANDLE_SHARDS = 256;
    /** Most connections a trade-stream venue's codes may be spread over ({@code market.feedConnections}). */
    public static final int MAX_FEED_CONNECTIONS = 16;

    public MarketConfig {
        instruments = checkInstruments(instruments, "market.instruments");
        if (binance == null) {
            throw new ConfigException("market.binance", "Binance settings", null);
        }
        venues = checkVenues(venues);
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
        range(maxInstruments, 1, MAX_INSTRUMENTS_LIMIT, "market.maxInstruments");
        range(candleShards, 0, MAX_CANDLE_SHARDS, "market.candleShards");
        range(feedConnections, 1, MAX_FEED_CONNECTIONS, "market.feedConnections");
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
                BinanceSettings.defaults(),
                Venues.defaultEndpoints(),
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
                200,
                0,
                1);
    }

    /** Returns this config pointing at other venue endpoints (the simulator in tests and the demo). */
    public MarketConfig withEndpoints(Map<Market, Endpoint> newBinance, Endpoint newBithumb) {
        return toBuilder()
                .binance(binance.withEndpoints(newBinance))
                .venues(with(venues, Exchange.BITHUMB, newBithumb))
                .build();
    }

    /** Returns this config pointing a venue with one endpoint elsewhere (the simulator in tests and the demo). */
    public MarketConfig withEndpoint(Exchange exchange, Endpoint endpoint) {
        return toBuilder().venues(with(venues, exchange, endpoint)).build();
    }

    /** Returns this config following other instruments from the start. */
    public MarketConfig withInstruments(List<Instrument> newInstruments) {
        return toBuilder().instruments(newInstruments).build();
    }

    /** Returns this config with other timings (tests speed these up against an accelerated clock). */
    public MarketConfig withTimings(long newCloseGraceMillis, long newTickMillis, long newReconnectMinMillis) {
        return toBuilder()
                .closeGraceMillis(newCloseGraceMillis)
                .tickMillis(newTickMillis)
                .reconnectMinMillis(newReconnectMinMillis)
                .reconnectMaxMillis(Math.max(reconnectMaxMillis, newReconnectMinMillis))
                .build();
    }

    /**
     * Returns this config with other Binance connection settings (tests rotate early and split streams
     * over several connections).
     */
    public MarketConfig withBinanceConnections(long newRotateAfterMillis, int newStreamsPerConnection) {
        return toBuilder()
                .binance(binance.withConnections(newRotateAfterMillis, newStreamsPerConnection))
                .build();
    }

    /** Returns this config with {@code shards} candle shards (0: the event-loop count). */
    public MarketConfig withCandleShards(int shards) {
        return toBuilder().candleShards(shards).build();
    }

    /** Returns this config spreading each trade-stream venue's codes over {@code connections} connections. */
    public MarketConfig withFeedConnections(int connections) {
        return toBuilder().feedConnections(connections).build();
    }

    /**
     * Returns a builder holding this config's values: the one place that copies every component, so a
     * new setting is added to the record, its check, {@link #defaults()} and {@link MarketConfigBuilder}.
     */
    public MarketConfigBuilder toBuilder() {
        return new MarketConfigBuilder(this);
    }

    /** Returns the candle shard count in effect: {@code candleShards}, or the event-loop count if 0. */
    public int effectiveCandleShards() {
        return candleShards > 0 ? candleShards : io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    }

    /** Returns the endpoint of a venue with one endpoint ({@link Venues}), null for Binance. */
    public Endpoint endpoint(Exchange exchange) {
        return venues.get(exchange);
    }

    /** Returns the Bithumb endpoint. */
    public Endpoint bithumb() {
        return venues.get(Exchange.BITHUMB);
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
        return MarketConfigJson.read(json, path);
    }

    static void range(long value, long min, long max, String path) {
        if (value < min || value > max) {
            throw ConfigReader.invalid(path, "an integer from " + min + " to " + max, value);
        }
    }

    static List<Instrument> checkInstruments(List<Instrument> instruments, String path) {
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

    /** Checks that every registered venue with one endpoint has one, and no other exchange does. */
    static Map<Exchange, Endpoint> checkVenues(Map<Exchange, Endpoint> venues) {
        if (venues == null) {
            throw new ConfigException("market.venues", "an endpoint per venue", null);
        }
        Map<Exchange, Endpoint> defaults = Venues.defaultEndpoints();
        for (Exchange e : defaults.keySet()) {
            if (venues.get(e) == null) {
                throw new ConfigException("market." + e.wireName(), "an endpoint", null);
            }
        }
        for (Exchange e : venues.keySet()) {
            if (!defaults.containsKey(e)) {
                throw new ConfigException("market." + e.wireName(), "one of " + defaults.keySet(), e.wireName());
            }
        }
        return Map.copyOf(venues);
    }

    private static Map<Exchange, Endpoint> with(Map<Exchange, Endpoint> venues, Exchange exchange, Endpoint e) {
        Map<Exchange, Endpoint> out = new EnumMap<>(venues);
        out.put(exchange, e);
        return out;
    }

    static List<Interval> checkIntervals(List<Interval> intervals, String path) {
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
        return Venues.supports(instrument);
    }
}
