package io.candlebus.sim;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configures the exchange simulator: where it listens, the seed and speed of its market, how much
 * history exists before the start, which instruments trade, and the push cadences of its streams.
 *
 * @param host the address to bind, loopback by default
 * @param port the port to bind, 0 for any free port
 * @param seed the seed every instrument's trade sequence derives from
 * @param speed how many times faster than real time the sim clock runs (1 = real time)
 * @param startTime the sim time (epoch ms) at start; 0 means the real current time
 * @param historyMinutes how many whole minutes of trades exist before the start
 * @param instruments the instruments the simulator serves
 * @param spotPushMillis the sim-time cadence of Binance spot kline pushes
 * @param futuresPushMillis the sim-time cadence of Binance futures kline pushes (sent only if changed)
 * @param minRealTimerMillis the smallest real-time period of any simulator timer
 * @param connectionLimits the venues' websocket connection rules
 * @param wireForms which form of a field the venues send in two ways is written ({@link WireForms#real()}
 *     by default: string Bithumb trade ids, {@code ""} delisting dates, wrapped Binance websocket errors)
 */
public record SimConfig(
        String host,
        int port,
        long seed,
        double speed,
        long startTime,
        int historyMinutes,
        List<SimInstrument> instruments,
        long spotPushMillis,
        long futuresPushMillis,
        long minRealTimerMillis,
        ConnectionLimits connectionLimits,
        WireForms wireForms) {

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

    public SimConfig {
        Objects.requireNonNull(host, "simConfig.host: expected a host, was null");
        if (port < 0 || port > 65_535) {
            throw new ConfigException("sim.port", "0..65535", port);
        }
        if (!(speed > 0 && speed <= 100_000)) {
            throw new ConfigException("sim.speed", "a number in (0, 100000]", speed);
        }
        if (startTime < 0) {
            throw new ConfigException("sim.startTime", "epoch ms >= 0 (0 = now)", startTime);
        }
        if (historyMinutes < 0 || historyMinutes > 400 * 1440) {
            throw new ConfigException("sim.historyMinutes", "0..576000", historyMinutes);
        }
        instruments = List.copyOf(instruments);
        if (instruments.isEmpty()) {
            throw new ConfigException("sim.instruments", "at least one instrument", "[]");
        }
        Set<Instrument> seen = new HashSet<>();
        for (SimInstrument i : instruments) {
            if (!seen.add(i.instrument())) {
                throw new ConfigException(
                        "sim.instruments",
                        "each instrument once",
                        i.instrument().key());
            }
        }
        if (spotPushMillis < 1 || futuresPushMillis < 1) {
            throw new ConfigException(
                    "sim.spotPushMillis", "push cadences >= 1 ms", spotPushMillis + "/" + futuresPushMillis);
        }
        if (minRealTimerMillis < 1) {
            throw new ConfigException("sim.minRealTimerMillis", ">= 1", minRealTimerMillis);
        }
        Objects.requireNonNull(connectionLimits, "simConfig.connectionLimits: expected limits, was null");
        Objects.requireNonNull(wireForms, "simConfig.wireForms: expected forms, was null");
    }

    /** Creates a config with the venues' connection limits ({@link ConnectionLimits#venues()}). */
    public SimConfig(
            String host,
            int port,
            long seed,
            double speed,
            long startTime,
            int historyMinutes,
            List<SimInstrument> instruments,
            long spotPushMillis,
            long futuresPushMillis,
            long minRealTimerMillis) {
        this(
                host,
                port,
                seed,
                speed,
                startTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                ConnectionLimits.venues(),
                WireForms.real());
    }

    /** Returns the demo set-up: loopback, any free port, seed 42, real time, now, one day of history. */
    public static SimConfig defaults() {
        return new SimConfig("127.0.0.1", 0, 42L, 1.0, 0L, 1440, demoInstruments(), 2_000L, 250L, 10L);
    }

    /** Returns the demo set-up, the same as {@link #defaults()}. */
    public static SimConfig demo() {
        return defaults();
    }

    /** Returns the six demo instruments: Binance spot, USDT-M and COIN-M, and two Bithumb markets. */
    public static List<SimInstrument> demoInstruments() {
        return List.of(
                SimInstrument.of("binance:spot:BTCUSDT", "87000.00", "0.01", "0.00001", 120)
                        .withMeanQuantity("0.01"),
                SimInstrument.of("binance:spot:ETHUSDT", "3000.00", "0.01", "0.0001", 90)
                        .withMeanQuantity("0.2"),
                SimInstrument.of("binance:usdm:BTCUSDT", "87010.0", "0.1", "0.001", 150)
                        .withMeanQuantity("0.02"),
                SimInstrument.inverse("binance:coinm:BTCUSD_PERP", "87020.0", "0.1", "100", 40),
                SimInstrument.of("bithumb:spot:KRW-BTC", "131000000", "1000", "0.0001", 60)
                        .withMeanQuantity("0.005"),
                SimInstrument.of("bithumb:spot:KRW-ETH", "4500000", "1000", "0.0001", 30)
                        .withMeanQuantity("0.1"));
    }

    /** Returns this config listening on another port. */
    public SimConfig withPort(int newPort) {
        return new SimConfig(
                host,
                newPort,
                seed,
                speed,
                startTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                wireForms);
    }

    /** Returns this config with another seed. */
    public SimConfig withSeed(long newSeed) {
        return new SimConfig(
                host,
                port,
                newSeed,
                speed,
                startTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                wireForms);
    }

    /** Returns this config running at another speed. */
    public SimConfig withSpeed(double newSpeed) {
        return new SimConfig(
                host,
                port,
                seed,
                newSpeed,
                startTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                wireForms);
    }

    /** Returns this config starting at another sim time (epoch ms; 0 = now). */
    public SimConfig withStartTime(long newStartTime) {
        return new SimConfig(
                host,
                port,
                seed,
                speed,
                newStartTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                wireForms);
    }

    /** Returns this config with another amount of history. */
    public SimConfig withHistoryMinutes(int minutes) {
        return new SimConfig(
                host,
                port,
                seed,
                speed,
                startTime,
                minutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                wireForms);
    }

    /** Returns this config enforcing other websocket connection limits. */
    public SimConfig withConnectionLimits(ConnectionLimits limits) {
        return new SimConfig(
                host,
                port,
                seed,
                speed,
                startTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                limits,
                wireForms);
    }

    /** Returns this config writing the given forms ({@link WireForms#alternate()} for the other ones). */
    public SimConfig withWireForms(WireForms forms) {
        return new SimConfig(
                host,
                port,
                seed,
                speed,
                startTime,
                historyMinutes,
                instruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                forms);
    }

    /** Returns this config serving other instruments. */
    public SimConfig withInstruments(List<SimInstrument> newInstruments) {
        return new SimConfig(
                host,
                port,
                seed,
                speed,
                startTime,
                historyMinutes,
                newInstruments,
                spotPushMillis,
                futuresPushMillis,
                minRealTimerMillis,
                connectionLimits,
                wireForms);
    }

    /**
     * Reads a config from JSON, starting from {@link #defaults()}; {@code path} prefixes the field names
     * of errors. Unknown keys are errors.
     */
    public static SimConfig fromJson(JsonObject json, String path) {
        SimConfig d = defaults();
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
            return new SimConfig(
                    json.getString("host", d.host()),
                    json.getInteger("port", d.port()),
                    json.getLong("seed", d.seed()),
                    json.getDouble("speed", d.speed()),
                    json.getLong("startTime", d.startTime()),
                    json.getInteger("historyMinutes", d.historyMinutes()),
                    instruments,
                    json.getLong("spotPushMillis", d.spotPushMillis()),
                    json.getLong("futuresPushMillis", d.futuresPushMillis()),
                    json.getLong("minRealTimerMillis", d.minRealTimerMillis()),
                    limitsFromJson(json.getJsonObject("connectionLimits"), d.connectionLimits(), path),
                    WireForms.fromJson(json.getJsonObject("wireForms"), d.wireForms(), path + ".wireForms"));
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
        for (String key : json.fieldNames()) {
            if (!known.contains(key)) {
                throw new ConfigException(path + "." + key, "one of " + new TreeSet<>(known), key);
            }
        }
    }

    /** Returns the simulated instrument for {@code instrument}, or null if the simulator does not serve it. */
    public SimInstrument instrument(Instrument instrument) {
        for (SimInstrument i : instruments) {
            if (i.instrument().equals(instrument)) {
                return i;
            }
        }
        return null;
    }
}
