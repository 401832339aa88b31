package io.candlebus.sim.upbit;

import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Serves Upbit's public websocket at {@code /upbit/websocket/v1}: binary frames of UTF-8 JSON, SNAPSHOT then
 * REALTIME trade messages in the requested format, {@code PING} answered with {@code {"status":"UP"}} (then every
 * 10 s of sim time), an idle close and a cap on requests per connection. Keeps a registry of open connections
 * for fault injection. All methods run on the simulator's event loop.
 */
public final class UpbitStreamServer {
    /** The websocket path. */
    public static final String PATH = "/upbit/websocket/v1";
    /** Upbit closes a connection after about 120 s without a client message. */
    public static final long IDLE_MILLIS = 120_000L;
    /** After a {@code PING}, {@code {"status":"UP"}} comes again every 10 s while the connection lives. */
    public static final long STATUS_EVERY_MILLIS = 10_000L;
    /** Data requests (subscriptions) one connection may send per sim second. */
    public static final int REQUESTS_PER_SECOND = 5;
    /** Data requests one connection may send per sim minute. */
    public static final int REQUESTS_PER_MINUTE = 100;

    private final Vertx vertx;
    private final SimMarket market;
    private final Pacing pacing;
    private final Set<UpbitConnection> connections = new LinkedHashSet<>();
    private long stalledUntil = Long.MIN_VALUE;
    private long badIds;

    /** Creates the server; connections are handed to {@link #handle}. */
    public UpbitStreamServer(Vertx vertx, SimMarket market, Pacing pacing) {
        this.vertx = vertx;
        this.market = market;
        this.pacing = pacing;
    }

    /** Returns whether {@code path} is the Upbit websocket path. */
    public static boolean accepts(String path) {
        return PATH.equals(path);
    }

    /** Takes over an accepted websocket. */
    public void handle(ServerWebSocket ws) {
        UpbitConnection connection = new UpbitConnection(vertx, this, ws, market, pacing);
        connections.add(connection);
        connection.start(() -> connections.remove(connection));
    }

    /** Returns the number of open connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops every message until sim time {@code until}; trades in the stall are never sent. */
    public void stallUntil(long until) {
        this.stalledUntil = until;
    }

    boolean isStalled(long now) {
        return now < stalledUntil;
    }

    /** Closes every open connection (close code 1001). */
    public void dropConnections() {
        for (UpbitConnection c : new ArrayList<>(connections)) {
            c.close((short) 1001, "dropped");
        }
    }

    /** Sends a bad message of {@code kind} on every open connection; see {@link BadInput}. */
    public void sendBadInput(BadInput kind, int oversizedBytes) {
        for (UpbitConnection c : new ArrayList<>(connections)) {
            c.sendBadInput(kind, oversizedBytes);
        }
    }

    /** Sends {@code text} as a binary frame on every open connection. */
    public void sendToAll(String text) {
        for (UpbitConnection c : new ArrayList<>(connections)) {
            c.sendBinary(text);
        }
    }

    /**
     * Returns a {@code sequential_id} for a trade at {@code time} that no real trade has: real ids count up
     * from {@code time * 10000}, these count down from {@code time * 10000 + 9999}.
     */
    long freshId(long time) {
        return time * 10_000L + 9_999L - (badIds++ % 5_000L);
    }
}
