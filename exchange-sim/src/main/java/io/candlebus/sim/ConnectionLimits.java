package io.candlebus.sim;

import io.candlebus.contract.ConfigException;

/**
 * Holds the venues' websocket connection rules the simulator enforces: streams per Binance connection
 * and new connections per client address, per websocket host (each Binance market and Bithumb), within
 * a sliding window of real time.
 *
 * <p>Connection attempts are counted in real time, not sim time: they cost the server real work, and the
 * clients under test back off in real time. Counted in sim time at speed 600, Bithumb's 10 per second
 * would allow 10 handshakes every 1.7 ms of real time, which no client can exceed, so the rule would
 * never bite.
 *
 * @param streamsPerConnection streams one Binance connection may carry (URL and SUBSCRIBE together)
 * @param binanceConnections new connections per client address and Binance market within the window
 * @param binanceWindowMillis the real-time window of {@code binanceConnections}
 * @param bithumbConnections new Bithumb connections per client address within the window
 * @param bithumbWindowMillis the real-time window of {@code bithumbConnections}
 * @param closeOnInvalidStream whether a Binance connection is closed right after its SUBSCRIBE or
 *     UNSUBSCRIBE named a malformed stream (after the wrapped {@code invalid stream} error), as the venue
 *     may do; on by default
 */
public record ConnectionLimits(
        int streamsPerConnection,
        int binanceConnections,
        long binanceWindowMillis,
        int bithumbConnections,
        long bithumbWindowMillis,
        boolean closeOnInvalidStream) {

    public ConnectionLimits {
        if (streamsPerConnection < 1) {
            throw new ConfigException("sim.connectionLimits.streamsPerConnection", ">= 1", streamsPerConnection);
        }
        if (binanceConnections < 1 || bithumbConnections < 1) {
            throw new ConfigException(
                    "sim.connectionLimits.binanceConnections",
                    "connection caps >= 1",
                    binanceConnections + "/" + bithumbConnections);
        }
        if (binanceWindowMillis < 1 || bithumbWindowMillis < 1) {
            throw new ConfigException(
                    "sim.connectionLimits.binanceWindowMillis",
                    "windows >= 1 ms",
                    binanceWindowMillis + "/" + bithumbWindowMillis);
        }
    }

    /** Creates limits that close a connection after a malformed stream name. */
    public ConnectionLimits(
            int streamsPerConnection,
            int binanceConnections,
            long binanceWindowMillis,
            int bithumbConnections,
            long bithumbWindowMillis) {
        this(
                streamsPerConnection,
                binanceConnections,
                binanceWindowMillis,
                bithumbConnections,
                bithumbWindowMillis,
                true);
    }

    /**
     * Returns the venues' rules: 1024 streams, Binance 300 connections per 5 minutes, Bithumb 10 per
     * second, a connection closed after a malformed stream name.
     */
    public static ConnectionLimits venues() {
        return new ConnectionLimits(1024, 300, 300_000L, 10, 1_000L, true);
    }

    /**
     * Returns these limits with each window divided by {@code speed} (at least 1 ms): the same attempts
     * per window of sim time. A run that packs a day of faults into minutes of real time would otherwise
     * need many venue windows' worth of reconnects within one real window.
     */
    public ConnectionLimits inSimTime(double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed: expected > 0, was " + speed);
        }
        return new ConnectionLimits(
                streamsPerConnection,
                binanceConnections,
                Math.max(1L, (long) (binanceWindowMillis / speed)),
                bithumbConnections,
                Math.max(1L, (long) (bithumbWindowMillis / speed)),
                closeOnInvalidStream);
    }

    /** Returns these limits with another cap of streams per Binance connection. */
    public ConnectionLimits withStreamsPerConnection(int streams) {
        return new ConnectionLimits(
                streams,
                binanceConnections,
                binanceWindowMillis,
                bithumbConnections,
                bithumbWindowMillis,
                closeOnInvalidStream);
    }

    /** Returns these limits allowing {@code count} new connections per Binance market per {@code windowMillis}. */
    public ConnectionLimits withBinanceConnections(int count, long windowMillis) {
        return new ConnectionLimits(
                streamsPerConnection,
                count,
                windowMillis,
                bithumbConnections,
                bithumbWindowMillis,
                closeOnInvalidStream);
    }

    /** Returns these limits allowing {@code count} new Bithumb connections per {@code windowMillis}. */
    public ConnectionLimits withBithumbConnections(int count, long windowMillis) {
        return new ConnectionLimits(
                streamsPerConnection,
                binanceConnections,
                binanceWindowMillis,
                count,
                windowMillis,
                closeOnInvalidStream);
    }

    /** Returns these limits closing (or not) a Binance connection after a malformed stream name. */
    public ConnectionLimits withCloseOnInvalidStream(boolean close) {
        return new ConnectionLimits(
                streamsPerConnection,
                binanceConnections,
                binanceWindowMillis,
                bithumbConnections,
                bithumbWindowMillis,
                close);
    }
}
