package io.candlebus.sim;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

    /** Returns the demo set-up: loopback, any free port, seed 42, real time, now, one day of history. */
    public static SimConfig defaults() {
        return new SimConfig(
                "127.0.0.1",
                0,
                42L,
                1.0,
                0L,
                1440,
                demoInstruments(),
                2_000L,
                250L,
                10L,
                ConnectionLimits.venues(),
                WireForms.real());
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

    /**
     * Returns two Upbit KRW markets, {@code upbit:spot:KRW-BTC} and {@code upbit:spot:KRW-ETH}, with Upbit's KRW
     * tick at these prices (1000) and its eight-decimal volumes; not part of {@link #demoInstruments()}, so a
     * set-up adds them where it follows Upbit. Their activity keeps a day's turnover in quote units (KRW at
     * eight decimals) a few times below {@code Long.MAX_VALUE}, which a day candle sums exactly.
     */
    public static List<SimInstrument> upbitDemoInstruments() {
        return List.of(
                SimInstrument.of("upbit:spot:KRW-BTC", "131050000", "1000", "0.00000001", 60)
                        .withMeanQuantity("0.003"),
                SimInstrument.of("upbit:spot:KRW-ETH", "4502000", "1000", "0.00000001", 45)
                        .withMeanQuantity("0.05"));
    }

    /** Returns this config listening on another port. */
    public SimConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    /** Returns this config with another seed. */
    public SimConfig withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** Returns this config running at another speed. */
    public SimConfig withSpeed(double newSpeed) {
        return toBuilder().speed(newSpeed).build();
    }

    /** Returns this config starting at another sim time (epoch ms; 0 = now). */
    public SimConfig withStartTime(long newStartTime) {
        return toBuilder().startTime(newStartTime).build();
    }

    /** Returns this config with another amount of history. */
    public SimConfig withHistoryMinutes(int minutes) {
        return toBuilder().historyMinutes(minutes).build();
    }

    /** Returns this config enforcing other websocket connection limits. */
    public SimConfig withConnectionLimits(ConnectionLimits limits) {
        return toBuilder().connectionLimits(limits).build();
    }

    /** Returns this config writing the given forms ({@link WireForms#alternate()} for the other ones). */
    public SimConfig withWireForms(WireForms forms) {
        return toBuilder().wireForms(forms).build();
    }

    /** Returns this config serving other instruments. */
    public SimConfig withInstruments(List<SimInstrument> newInstruments) {
        return toBuilder().instruments(newInstruments).build();
    }

    /**
     * Returns a builder holding this config's values: the one place that copies every component, so a
     * new setting is added to the record, its check, {@link #defaults()} and {@link SimConfigBuilder}.
     */
    public SimConfigBuilder toBuilder() {
        return new SimConfigBuilder(this);
    }

    /**
     * Reads a config from JSON, starting from {@link #defaults()}; {@code path} prefixes the field names
     * of errors. Unknown keys are errors.
     */
    public static SimConfig fromJson(JsonObject json, String path) {
        return SimConfigJson.read(json, path);
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
