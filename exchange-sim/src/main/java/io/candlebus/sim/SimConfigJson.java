package io.candlebus.sim;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.ConfigReader;
import io.candlebus.contract.Instrument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a {@link SimConfig} from its JSON form: the field names of the records, unknown keys refused. */
final class SimConfigJson {
    private static final Set<String> KEYS = Set.of(
            "host",
            "port",
            "seed",
            "speed",
            "startTime",
            "historyMinutes",
            "instruments",
            "spotPushMillis",
            "futuresPushMillis",
            "minRealTimerMillis",
            "connectionLimits",
            "wireForms");
    private static final Set<String> LIMIT_KEYS = Set.of(
            "streamsPerConnection",
            "binanceConnections",
            "binanceWindowMillis",
            "bithumbConnections",
            "bithumbWindowMillis",
            "closeOnInvalidStream");
    private static final Set<String> INSTRUMENT_KEYS = Set.of(
            "instrument",
            "startPrice",
            "tickSize",
            "lotSize",
            "tradesPerMinute",
            "contractSize",
            "emptyMinuteProbability",
            "meanQuantity",
            "quiet");

    private SimConfigJson() {}

    /** See {@link SimConfig#fromJson}. */
    static SimConfig read(JsonObject json, String path) {
        SimConfig d = SimConfig.defaults();
        if (json == null) {
            return d;
        }
        unknownKeys(json, KEYS, path);
        try {
            List<SimInstrument> instruments = d.instruments();
            if (json.containsKey("instruments")) {
                JsonArray array = json.getJsonArray("instruments");
                instruments = new ArrayList<>();
                for (int i = 0; i < array.size(); i++) {
                    instruments.add(instrumentFromJson(array.getJsonObject(i), path + ".instruments[" + i + "]"));
                }
            }
            return d.toBuilder()
                    .host(json.getString("host", d.host()))
                    .port(json.getInteger("port", d.port()))
                    .seed(json.getLong("seed", d.seed()))
                    .speed(json.getDouble("speed", d.speed()))
                    .startTime(json.getLong("startTime", d.startTime()))
                    .historyMinutes(json.getInteger("historyMinutes", d.historyMinutes()))
                    .instruments(instruments)
                    .spotPushMillis(json.getLong("spotPushMillis", d.spotPushMillis()))
                    .futuresPushMillis(json.getLong("futuresPushMillis", d.futuresPushMillis()))
                    .minRealTimerMillis(json.getLong("minRealTimerMillis", d.minRealTimerMillis()))
                    .connectionLimits(
                            limitsFromJson(json.getJsonObject("connectionLimits"), d.connectionLimits(), path))
                    .wireForms(WireForms.fromJson(json.getJsonObject("wireForms"), d.wireForms(), path + ".wireForms"))
                    .build();
        } catch (ClassCastException e) {
            throw new ConfigException(path, "fields of the documented types", json.encode());
        } catch (ConfigException e) {
            throw e.getMessage().startsWith("sim.")
                    ? new ConfigException(path + e.getMessage().substring(3))
                    : e;
        }
    }

    private static ConnectionLimits limitsFromJson(JsonObject json, ConnectionLimits d, String path) {
        if (json == null) {
            return d;
        }
        unknownKeys(json, LIMIT_KEYS, path + ".connectionLimits");
        return new ConnectionLimits(
                json.getInteger("streamsPerConnection", d.streamsPerConnection()),
                json.getInteger("binanceConnections", d.binanceConnections()),
                json.getLong("binanceWindowMillis", d.binanceWindowMillis()),
                json.getInteger("bithumbConnections", d.bithumbConnections()),
                json.getLong("bithumbWindowMillis", d.bithumbWindowMillis()),
                json.getBoolean("closeOnInvalidStream", d.closeOnInvalidStream()));
    }

    private static SimInstrument instrumentFromJson(JsonObject json, String path) {
        if (json == null) {
            throw new ConfigException(path, "an object", null);
        }
        unknownKeys(json, INSTRUMENT_KEYS, path);
        try {
            Instrument instrument = Instrument.parse(json.getString("instrument"));
            String contract = json.getString("contractSize");
            SimInstrument base = contract == null
                    ? SimInstrument.of(
                            instrument.key(),
                            json.getString("startPrice"),
                            json.getString("tickSize"),
                            json.getString("lotSize"),
                            json.getDouble("tradesPerMinute", 60.0))
                    : SimInstrument.inverse(
                            instrument.key(),
                            json.getString("startPrice"),
                            json.getString("tickSize"),
                            contract,
                            json.getDouble("tradesPerMinute", 60.0));
            if (json.containsKey("meanQuantity")) {
                base = base.withMeanQuantity(json.getString("meanQuantity"));
            }
            return base.withEmptyMinuteProbability(
                            json.getDouble("emptyMinuteProbability", SimInstrument.DEFAULT_EMPTY_MINUTE_PROBABILITY))
                    .withQuiet(json.getBoolean("quiet", false));
        } catch (NullPointerException | IllegalArgumentException | ClassCastException e) {
            throw new ConfigException(
                    path,
                    "instrument, startPrice, tickSize, lotSize (decimal strings) and valid values (" + e.getMessage()
                            + ")",
                    json.encode());
        }
    }

    private static void unknownKeys(JsonObject json, Set<String> known, String path) {
        ConfigReader.requireKnownKeys(json, path, known);
    }
}
