package io.candlebus.sim.binance;

import io.candlebus.contract.Market;
import io.candlebus.sim.ConnectionStats;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.WireForms;
import io.candlebus.sim.WsHost;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Serves Binance market streams for spot, USDT-M and COIN-M: raw {@code /ws/<stream>} and combined
 * {@code /stream?streams=} connections, kline pushes at each market's cadence ending every kline with
 * {@code x:true}, live control messages, server pings and the message cap. Keeps a registry of open
 * connections for fault injection. All methods run on the simulator's event loop.
 */
public final class BinanceStreamServer {
    /** Binance closes every stream connection after 24 hours. */
    public static final long DEFAULT_LIFETIME_MILLIS = 24L * 3_600_000L;

    private final Vertx vertx;
    private final SimMarket market;
    private final SimConfig config;
    private final Pacing pacing;
    private final ConnectionStats stats;
    private final Set<BinanceConnection> connections = new LinkedHashSet<>();
    private long lifetimeMillis = DEFAULT_LIFETIME_MILLIS;
    private long stalledUntil = Long.MIN_VALUE;
    private volatile int maxStreams;
    private volatile boolean closeOnInvalidStream;

    /** Creates the server; connections are handed to {@link #handle}. */
    public BinanceStreamServer(Vertx vertx, SimMarket market, SimConfig config, Pacing pacing, ConnectionStats stats) {
        this.vertx = vertx;
        this.market = market;
        this.config = config;
        this.pacing = pacing;
        this.stats = stats;
        this.maxStreams = config.connectionLimits().streamsPerConnection();
        this.closeOnInvalidStream = config.connectionLimits().closeOnInvalidStream();
    }

    /** Returns the forms replies are written in. */
    WireForms wireForms() {
        return config.wireForms();
    }

    /** Returns whether {@code path} is a Binance stream endpoint this server accepts. */
    public static boolean accepts(String path, String query) {
        return BinanceWsPath.parse(path, query) != null;
    }

    /** Returns the market of a Binance stream endpoint, or null if {@code path} is none. */
    public static Market market(String path, String query) {
        BinanceWsPath parsed = BinanceWsPath.parse(path, query);
        return parsed == null ? null : parsed.rules().market();
    }

    /** Returns how many streams a Binance stream URL names (0 if it is not one). */
    public static int streamCount(String path, String query) {
        BinanceWsPath parsed = BinanceWsPath.parse(path, query);
        return parsed == null ? 0 : parsed.streams().size();
    }

    int maxStreams() {
        return maxStreams;
    }

    /** Sets how many streams connections opened from now on may carry. */
    public void maxStreams(int streams) {
        this.maxStreams = streams;
    }

    void closedForMessageRate(Market m) {
        stats.closedForMessageRate(WsHost.binance(m));
    }

    /** Returns whether a connection is closed after refusing a malformed stream name. */
    boolean closeOnInvalidStream() {
        return closeOnInvalidStream;
    }

    /** Sets whether connections are closed after a malformed stream name from now on. */
    public void closeOnInvalidStream(boolean close) {
        this.closeOnInvalidStream = close;
    }

    void closedForInvalidStream(Market m) {
        stats.closedForInvalidStream(WsHost.binance(m));
    }

    /** Takes over an accepted websocket whose path {@link #accepts} approved. */
    public void handle(ServerWebSocket ws) {
        BinanceWsPath path = BinanceWsPath.parse(ws.path(), ws.query());
        if (path == null) {
            ws.close((short) 1008, "Unknown path");
            return;
        }
        BinanceConnection connection = new BinanceConnection(vertx, this, ws, path, market, pacing);
        connections.add(connection);
        long push = path.rules().isFutures() ? config.futuresPushMillis() : config.spotPushMillis();
        connection.start(push, lifetimeMillis, () -> connections.remove(connection));
    }

    /** Returns the number of open connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Sets the sim-time lifetime after which new connections are closed (Binance: 24 h). */
    public void lifetimeMillis(long millis) {
        this.lifetimeMillis = millis;
    }

    /** Stops every push and ping until sim time {@code until}; what falls in the stall is never sent. */
    public void stallUntil(long until) {
        this.stalledUntil = until;
    }

    boolean isStalled(long now) {
        return now < stalledUntil;
    }

    /**
     * Sends {@code serverShutdown} on every spot connection and closes them {@code graceSimMillis} later;
     * futures connections are not told (Binance sends the event on spot only).
     */
    public void serverShutdown(long graceSimMillis) {
        for (BinanceConnection c : new ArrayList<>(connections)) {
            if (c.isSpot()) {
                c.serverShutdown(graceSimMillis);
            }
        }
    }

    /** Closes every open connection (close code 1001, as when a server goes away). */
    public void dropConnections() {
        for (BinanceConnection c : new ArrayList<>(connections)) {
            c.close((short) 1001, "dropped");
        }
    }

    /** Sends a bad message of {@code kind} on every open connection; see {@link BadInput}. */
    public void sendBadInput(BadInput kind, int oversizedBytes) {
        for (BinanceConnection c : new ArrayList<>(connections)) {
            c.sendBadInput(kind, oversizedBytes);
        }
    }

    /** Sends {@code text} (for example invalid JSON) on every open connection. */
    public void sendToAll(String text) {
        for (BinanceConnection c : new ArrayList<>(connections)) {
            c.sendText(text);
        }
    }
}
