package io.candlebus.sim.bithumb;

import io.candlebus.sim.WireForms;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.v1family.V1Connection;
import io.candlebus.sim.v1family.V1StreamServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * Serves Bithumb's public websocket at {@code /bithumb/websocket/v1}: binary frames of UTF-8 JSON,
 * SNAPSHOT then REALTIME trade and ticker messages, {@code PING} answered with {@code {"status":"UP"}}
 * and an idle close ({@link V1StreamServer}). All methods run on the simulator's event loop.
 */
public final class BithumbStreamServer extends V1StreamServer {
    /** The websocket path. */
    public static final String PATH = "/bithumb/websocket/v1";

    private final WireForms forms;

    /** Creates the server writing {@code forms}; connections are handed to {@link #handle}. */
    public BithumbStreamServer(Vertx vertx, SimMarket market, Pacing pacing, WireForms forms) {
        super(vertx, market, pacing);
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

    @Override
    protected V1Connection connect(ServerWebSocket ws) {
        return new BithumbConnection(this, ws);
    }
}
