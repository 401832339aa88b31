package io.candlebus.market;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
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

/** Reads a {@link MarketConfig} from its JSON form (the {@code market} section); unknown keys are refused. */
final class MarketConfigJson {
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
            "maxInstruments",
            "candleShards");
    private static final Set<String> ENDPOINT_KEYS = Set.of("restUrl", "wsUrl");

    private MarketConfigJson() {}

    /** See {@link MarketConfig#fromJson}. */
    static MarketConfig read(JsonObject json, String path) {
        MarketConfig d = MarketConfig.defaults();
        if (json == null) {
            return d;
        }
        ConfigReader.requireKnownKeys(json, path, KEYS);
        List<Instrument> instruments = json.containsKey("instruments")
                ? MarketConfig.checkInstruments(
                        instrumentsFrom(json.getValue("instruments"), path + ".instruments"), path + ".instruments")
                : d.instruments();
        Map<Market, Endpoint> binance = json.containsKey("binance")
                ? binanceFrom(json.getValue("binance"), d.binance(), path + ".binance")
                : d.binance();
        Endpoint bithumb = json.containsKey("bithumb")
                ? endpointFrom(json.getValue("bithumb"), d.bithumb(), path + ".bithumb")
                : d.bithumb();
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
        long rotate = number(
                json,
                "binanceRotateAfterMillis",
                d.binanceRotateAfterMillis(),
                0,
                MarketConfig.MAX_ROTATE_MILLIS,
                path);
        int streams =
                (int) number(json, "binanceStreamsPerConnection", d.binanceStreamsPerConnection(), 1, 1_024, path);
        int weight = (int) number(json, "binanceRestWeightLimit", d.binanceRestWeightLimit(), 1, 6_000, path);
        int maxInstruments =
                (int) number(json, "maxInstruments", d.maxInstruments(), 1, MarketConfig.MAX_INSTRUMENTS_LIMIT, path);
        int shards = (int) number(json, "candleShards", d.candleShards(), 0, MarketConfig.MAX_CANDLE_SHARDS, path);
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
                maxInstruments,
                shards);
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
                throw ConfigReader.unknownKey(path + "." + key, List.of("spot", "usdm", "coinm"));
            }
            out.put(market, endpointFrom(json.getValue(key), defaults.get(market), path + "." + key));
        }
        return out;
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
