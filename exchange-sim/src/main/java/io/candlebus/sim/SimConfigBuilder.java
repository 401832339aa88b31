package io.candlebus.sim;

import java.util.List;

/**
 * Changes some settings of a {@link SimConfig} and keeps the rest ({@link SimConfig#toBuilder()}); {@link #build()}
 * runs the record's checks, so a builder never yields an invalid config.
 */
public final class SimConfigBuilder {
    private String host;
    private int port;
    private long seed;
    private double speed;
    private long startTime;
    private int historyMinutes;
    private List<SimInstrument> instruments;
    private long spotPushMillis;
    private long futuresPushMillis;
    private long minRealTimerMillis;
    private ConnectionLimits connectionLimits;
    private WireForms wireForms;

    SimConfigBuilder(SimConfig c) {
        host = c.host();
        port = c.port();
        seed = c.seed();
        speed = c.speed();
        startTime = c.startTime();
        historyMinutes = c.historyMinutes();
        instruments = c.instruments();
        spotPushMillis = c.spotPushMillis();
        futuresPushMillis = c.futuresPushMillis();
        minRealTimerMillis = c.minRealTimerMillis();
        connectionLimits = c.connectionLimits();
        wireForms = c.wireForms();
    }

    /** Returns the config these values make; throws {@link io.candlebus.contract.ConfigException} as the record does. */
    public SimConfig build() {
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
                wireForms);
    }

    public SimConfigBuilder host(String value) {
        host = value;
        return this;
    }

    public SimConfigBuilder port(int value) {
        port = value;
        return this;
    }

    public SimConfigBuilder seed(long value) {
        seed = value;
        return this;
    }

    public SimConfigBuilder speed(double value) {
        speed = value;
        return this;
    }

    public SimConfigBuilder startTime(long value) {
        startTime = value;
        return this;
    }

    public SimConfigBuilder historyMinutes(int value) {
        historyMinutes = value;
        return this;
    }

    public SimConfigBuilder instruments(List<SimInstrument> value) {
        instruments = value;
        return this;
    }

    public SimConfigBuilder spotPushMillis(long value) {
        spotPushMillis = value;
        return this;
    }

    public SimConfigBuilder futuresPushMillis(long value) {
        futuresPushMillis = value;
        return this;
    }

    public SimConfigBuilder minRealTimerMillis(long value) {
        minRealTimerMillis = value;
        return this;
    }

    public SimConfigBuilder connectionLimits(ConnectionLimits value) {
        connectionLimits = value;
        return this;
    }

    public SimConfigBuilder wireForms(WireForms value) {
        wireForms = value;
        return this;
    }
}
