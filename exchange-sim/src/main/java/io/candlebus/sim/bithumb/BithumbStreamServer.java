package io.candlebus.sim.bithumb;

import io.candlebus.sim.WireForms;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Serves Bithumb's public websocket at {@code /bithumb/websocket/v1}: binary frames of UTF-8 JSON,
 * SNAPSHOT then REALTIME trade and ticker messages, {@code PING} answered with {@code {"status":"UP"}}
 * and an idle close. Keeps a registry of open connections for fault injection. All methods run on
 * the simulator's event loop.
 */
public final class BithumbStreamServer {
    /** The websocket path. */
    public static final String PATH = "/bithumb/websocket/v1";
    /** Bithumb closes a connection after about 120 s without a client message. */
    public static final long IDLE_MILLIS = 120_000L;

    private final Vertx vertx;
    private final SimMarket market;
    private final Pacing pacing;
    private final WireForms forms;
    private final Set<BithumbConnection> connections = new LinkedHashSet<>();
    private long stalledUntil = Long.MIN_VALUE;
    private long badIds;

    /** Creates the server writing {@code forms}; connections are handed to {@link #handle}. */
    public BithumbStreamServer(Vertx vertx, SimMarket market, Pacing pacing, WireForms forms) {
        this.vertx = vertx;
        this.market = market;
        this.pacing = pacing;
        this.forms = forms;
    }

    /** Returns the forms messages are written in. */
    WireForms forms() {
        return forms;
    }

    /** Returns whether {@code path} is the Bithumb websocket path. */
    public static boolean accepts(String path) {
        return PATH.equals(path);
    }

    /** Takes over an accepted websocket. */
    public void handle(ServerWebSocket ws) {
        BithumbConnection connection = new BithumbConnection(vertx, this, ws, market, pacing, IDLE_MILLIS);
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
        for (BithumbConnection c : new ArrayList<>(connections)) {
            c.close((short) 1001, "dropped");
        }
    }

    /** Sends a bad message of {@code kind} on every open connection; see {@link BadInput}. */
    public void sendBadInput(BadInput kind, int oversizedBytes) {
        for (BithumbConnection c : new ArrayList<>(connections)) {
            c.sendBadInput(kind, oversizedBytes);
        }
    }

    /**
     * Returns a {@code sequential_id} for a trade at {@code time} that no real trade has: real ids count up
     * from {@code time * 10000}, these count down from {@code time * 10000 + 9999}.
     */
    long freshId(long time) {
        return time * 10_000L + 9_999L - (badIds++ % 5_000L);
    }

    /** Sends {@code text} as a binary frame on every open connection. */
    public void sendToAll(String text) {
        for (BithumbConnection c : new ArrayList<>(connections)) {
            c.sendBinary(text);
        }
    }
}
