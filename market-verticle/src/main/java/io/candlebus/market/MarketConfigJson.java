package io.candlebus.market;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a {@link MarketConfig} from its JSON form (the {@code market} section); unknown keys are refused. */
final class MarketConfigJson {
    private static final Set<String> KEYS = Set.of(
            "instruments",
            "binance",
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
            "maxInstruments",
            "candleShards",
            "feedConnections");
    private static final Set<String> ENDPOINT_KEYS = Set.of("restUrl", "wsUrl");
    /**
     * The flat keys the Binance settings had before they moved into {@code market.binance}: still read, as
     * {@code market.binance.<setting>}; giving both spellings of one setting is refused.
     */
    private static final Map<String, String> FLAT_BINANCE = Map.of(
            "binanceRotateAfterMillis", "rotateAfterMillis",
            "binanceStreamsPerConnection", "streamsPerConnection",
            "binanceRestWeightLimit", "restWeightLimit");

    private MarketConfigJson() {}

    /** See {@link MarketConfig#fromJson}. */
    static MarketConfig read(JsonObject json, String path) {
        MarketConfig d = MarketConfig.defaults();
        if (json == null) {
            return d;
        }
        Set<String> known = new TreeSet<>(KEYS);
        d.venues().keySet().forEach(e -> known.add(e.wireName()));
        ConfigReader.requireKnownKeys(json, path, known);
        List<Instrument> instruments = json.containsKey("instruments")
                ? MarketConfig.checkInstruments(
                        instrumentsFrom(json.getValue("instruments"), path + ".instruments"), path + ".instruments")
                : d.instruments();
        BinanceSettings binance = binanceFrom(json, d.binance(), path);
        Map<Exchange, Endpoint> venues = new EnumMap<>(d.venues());
        for (Exchange e : d.venues().keySet()) {
            if (json.containsKey(e.wireName())) {
                venues.put(e, endpointFrom(json.getValue(e.wireName()), d.endpoint(e), path + "." + e.wireName()));
            }
        }
        List<Interval> intervals = json.containsKey("intervals")
                ? MarketConfig.checkIntervals(
                        intervalsFrom(json.getValue("intervals"), path + ".intervals"), path + ".intervals")
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
        int maxInstruments =
                (int) number(json, "maxInstruments", d.maxInstruments(), 1, MarketConfig.MAX_INSTRUMENTS_LIMIT, path);
        int shards = (int) number(json, "candleShards", d.candleShards(), 0, MarketConfig.MAX_CANDLE_SHARDS, path);
        int connections =
                (int) number(json, "feedConnections", d.feedConnections(), 1, MarketConfig.MAX_FEED_CONNECTIONS, path);
        if (instruments.size() > maxInstruments) {
            throw new ConfigException(
                    path + ".instruments",
                    "at most " + path + ".maxInstruments (" + maxInstruments + ") instruments",
                    instruments.size() + " instruments");
        }
        return d.toBuilder()
                .instruments(instruments)
                .binance(binance)
                .venues(venues)
                .intervals(intervals)
                .warmupCandles(warmup)
                .closeGraceMillis(grace)
                .liveThrottleMillis(throttle)
                .recorderTimeoutMillis(recorderTimeout)
                .tickMillis(tick)
                .reconnectMinMillis(reconnectMin)
                .reconnectMaxMillis(reconnectMax)
                .pingMillis(ping)
                .recorderOutboxCapacity(outbox)
                .stallTimeoutMillis(stall)
                .maxMessageBytes(maxMessage)
                .maxInstruments(maxInstruments)
                .candleShards(shards)
                .feedConnections(connections)
                .build();
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

    /** Reads {@code market.binance} (endpoints per market and settings), and the settings' flat keys. */
    private static BinanceSettings binanceFrom(JsonObject market, BinanceSettings defaults, String path) {
        Object value = market.getValue("binance", new JsonObject());
        String binancePath = path + ".binance";
        if (!(value instanceof JsonObject json)) {
            throw new ConfigException(
                    binancePath, "an object with spot, usdm and/or coinm endpoints and Binance settings", value);
        }
        Map<Market, Endpoint> endpoints = new EnumMap<>(defaults.endpoints());
        for (String key : json.fieldNames()) {
            if (FLAT_BINANCE.containsValue(key)) {
                continue;
            }
            Market m;
            try {
                m = Market.parse(key);
            } catch (IllegalArgumentException e) {
                throw ConfigReader.unknownKey(
                        binancePath + "." + key,
                        List.of(
                                "spot",
                                "usdm",
                                "coinm",
                                "rotateAfterMillis",
                                "streamsPerConnection",
                                "restWeightLimit"));
            }
            endpoints.put(m, endpointFrom(json.getValue(key), defaults.endpoint(m), binancePath + "." + key));
        }
        long rotate = binanceSetting(
                market,
                json,
                "binanceRotateAfterMillis",
                defaults.rotateAfterMillis(),
                BinanceSettings.MAX_ROTATE_MILLIS,
                path);
        long streams = binanceSetting(
                market, json, "binanceStreamsPerConnection", defaults.streamsPerConnection(), 1_024, path);
        long weight = binanceSetting(market, json, "binanceRestWeightLimit", defaults.restWeightLimit(), 6_000, path);
        return new BinanceSettings(endpoints, rotate, (int) streams, (int) weight);
    }

    /** Reads a Binance setting from {@code market.binance.<key>} or its flat spelling {@code market.<flat>}. */
    private static long binanceSetting(
            JsonObject market, JsonObject binance, String flat, long defaultValue, long max, String path) {
        String key = FLAT_BINANCE.get(flat);
        long min = key.equals("rotateAfterMillis") ? 0 : 1;
        if (binance.containsKey(key)) {
            if (market.containsKey(flat)) {
                throw new ConfigException(
                        path + "." + flat,
                        "only one of " + path + "." + flat + " and " + path + ".binance." + key,
                        "both");
            }
            return number(binance, key, defaultValue, min, max, path + ".binance");
        }
        return number(market, flat, defaultValue, min, max, path);
    }

    private static Endpoint endpointFrom(Object value, Endpoint defaults, String path) {
        if (!(value instanceof JsonObject json)) {
            throw new ConfigException(path, "an object with restUrl and wsUrl", value);
        }
        ConfigReader.requireKnownKeys(json, path, ENDPOINT_KEYS);
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
            throw ConfigReader.invalid(path + "." + key, "an integer from " + min + " to " + max, value);
        }
        long n = ((Number) value).longValue();
        MarketConfig.range(n, min, max, path + "." + key);
        return n;
    }
}
