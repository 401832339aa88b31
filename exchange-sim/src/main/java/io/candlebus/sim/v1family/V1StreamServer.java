package io.candlebus.sim.v1family;

import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Serves the public websocket of one venue of the Upbit v1 family: keeps the registry of open connections for
 * fault injection (drops, stalls, bad input, raw frames) and the ids of injected trades. A venue's server says
 * only how a connection of its own is made. All methods run on the simulator's event loop.
 */
public abstract class V1StreamServer {
    /** Both venues close a connection after about 120 s without a client message. */
    public static final long IDLE_MILLIS = 120_000L;

    private final Vertx vertx;
    private final SimMarket market;
    private final Pacing pacing;
    private final Set<V1Connection> connections = new LinkedHashSet<>();
    private long stalledUntil = Long.MIN_VALUE;
    private long badIds;

    protected V1StreamServer(Vertx vertx, SimMarket market, Pacing pacing) {
        this.vertx = vertx;
        this.market = market;
        this.pacing = pacing;
    }

    /** Returns a connection of this venue over {@code ws}, not yet started. */
    protected abstract V1Connection connect(ServerWebSocket ws);

    /** Takes over an accepted websocket. */
    public void handle(ServerWebSocket ws) {
        V1Connection connection = connect(ws);
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

    /** Closes every open connection (close code 1001). */
    public void dropConnections() {
        for (V1Connection c : new ArrayList<>(connections)) {
            c.close((short) 1001, "dropped");
        }
    }

    /** Sends a bad message of {@code kind} on every open connection; see {@link BadInput}. */
    public void sendBadInput(BadInput kind, int oversizedBytes) {
        for (V1Connection c : new ArrayList<>(connections)) {
            c.sendBadInput(kind, oversizedBytes);
        }
    }

    /** Sends {@code text} as a binary frame on every open connection. */
    public void sendToAll(String text) {
        for (V1Connection c : new ArrayList<>(connections)) {
            c.sendBinary(text);
        }
    }

    Vertx vertx() {
        return vertx;
    }

    SimMarket market() {
        return market;
    }

    Pacing pacing() {
        return pacing;
    }

    boolean isStalled(long now) {
        return now < stalledUntil;
    }

    /**
     * Returns a {@code sequential_id} for a trade at {@code time} that no real trade has: real ids count up
     * from {@code time * 10000}, these count down from {@code time * 10000 + 9999}.
     */
    long freshId(long time) {
        return time * 10_000L + 9_999L - (badIds++ % 5_000L);
    }
}
