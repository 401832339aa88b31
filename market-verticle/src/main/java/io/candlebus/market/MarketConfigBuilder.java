package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.util.List;
import java.util.Map;

/**
 * Changes some settings of a {@link MarketConfig} and keeps the rest ({@link MarketConfig#toBuilder()}); {@link
 * #build()} runs the record's checks, so a builder never yields an invalid config.
 */
public final class MarketConfigBuilder {
    private List<Instrument> instruments;
    private BinanceSettings binance;
    private Map<Exchange, Endpoint> venues;
    private List<Interval> intervals;
    private int warmupCandles;
    private long closeGraceMillis;
    private long liveThrottleMillis;
    private long recorderTimeoutMillis;
    private long tickMillis;
    private long reconnectMinMillis;
    private long reconnectMaxMillis;
    private long pingMillis;
    private int recorderOutboxCapacity;
    private long stallTimeoutMillis;
    private long maxMessageBytes;
    private int maxInstruments;
    private int candleShards;
    private int feedConnections;

    MarketConfigBuilder(MarketConfig c) {
        instruments = c.instruments();
        binance = c.binance();
        venues = c.venues();
        intervals = c.intervals();
        warmupCandles = c.warmupCandles();
        closeGraceMillis = c.closeGraceMillis();
        liveThrottleMillis = c.liveThrottleMillis();
        recorderTimeoutMillis = c.recorderTimeoutMillis();
        tickMillis = c.tickMillis();
        reconnectMinMillis = c.reconnectMinMillis();
        reconnectMaxMillis = c.reconnectMaxMillis();
        pingMillis = c.pingMillis();
        recorderOutboxCapacity = c.recorderOutboxCapacity();
        stallTimeoutMillis = c.stallTimeoutMillis();
        maxMessageBytes = c.maxMessageBytes();
        maxInstruments = c.maxInstruments();
        candleShards = c.candleShards();
        feedConnections = c.feedConnections();
    }

    /** Returns the config these values make; throws {@link io.candlebus.contract.ConfigException} as the record does. */
    public MarketConfig build() {
        return new MarketConfig(
                instruments,
                binance,
                venues,
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
                maxInstruments,
                candleShards,
                feedConnections);
    }

    public MarketConfigBuilder instruments(List<Instrument> value) {
        instruments = value;
        return this;
    }

    public MarketConfigBuilder binance(BinanceSettings value) {
        binance = value;
        return this;
    }

    public MarketConfigBuilder venues(Map<Exchange, Endpoint> value) {
        venues = value;
        return this;
    }

    public MarketConfigBuilder intervals(List<Interval> value) {
        intervals = value;
        return this;
    }

    public MarketConfigBuilder warmupCandles(int value) {
        warmupCandles = value;
        return this;
    }

    public MarketConfigBuilder closeGraceMillis(long value) {
        closeGraceMillis = value;
        return this;
    }

    public MarketConfigBuilder liveThrottleMillis(long value) {
        liveThrottleMillis = value;
        return this;
    }

    public MarketConfigBuilder recorderTimeoutMillis(long value) {
        recorderTimeoutMillis = value;
        return this;
    }

    public MarketConfigBuilder tickMillis(long value) {
        tickMillis = value;
        return this;
    }

    public MarketConfigBuilder reconnectMinMillis(long value) {
        reconnectMinMillis = value;
        return this;
    }

    public MarketConfigBuilder reconnectMaxMillis(long value) {
        reconnectMaxMillis = value;
        return this;
    }

    public MarketConfigBuilder pingMillis(long value) {
        pingMillis = value;
        return this;
    }

    public MarketConfigBuilder recorderOutboxCapacity(int value) {
        recorderOutboxCapacity = value;
        return this;
    }

    public MarketConfigBuilder stallTimeoutMillis(long value) {
        stallTimeoutMillis = value;
        return this;
    }

    public MarketConfigBuilder maxMessageBytes(long value) {
        maxMessageBytes = value;
        return this;
    }

    public MarketConfigBuilder maxInstruments(int value) {
        maxInstruments = value;
        return this;
    }

    public MarketConfigBuilder candleShards(int value) {
        candleShards = value;
        return this;
    }

    public MarketConfigBuilder feedConnections(int value) {
        feedConnections = value;
        return this;
    }
}
