package io.candlebus.sim.upbit;

import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.v1family.V1Connection;
import io.candlebus.sim.v1family.V1StreamServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;

/**
 * Serves Upbit's public websocket at {@code /upbit/websocket/v1}: binary frames of UTF-8 JSON, SNAPSHOT then
 * REALTIME trade messages in the requested format, {@code PING} answered with {@code {"status":"UP"}} (then every
 * 10 s of sim time), an idle close and a cap on requests per connection ({@link V1StreamServer}). All methods
 * run on the simulator's event loop.
 */
public final class UpbitStreamServer extends V1StreamServer {
    /** The websocket path. */
    public static final String PATH = "/upbit/websocket/v1";
    /** After a {@code PING}, {@code {"status":"UP"}} comes again every 10 s while the connection lives. */
    public static final long STATUS_EVERY_MILLIS = 10_000L;
    /** Data requests (subscriptions) one connection may send per sim second. */
    public static final int REQUESTS_PER_SECOND = 5;
    /** Data requests one connection may send per sim minute. */
    public static final int REQUESTS_PER_MINUTE = 100;

    /** Creates the server; connections are handed to {@link #handle}. */
    public UpbitStreamServer(Vertx vertx, SimMarket market, Pacing pacing) {
        super(vertx, market, pacing);
    }

    /** Returns whether {@code path} is the Upbit websocket path. */
    public static boolean accepts(String path) {
        return PATH.equals(path);
    }

    @Override
    protected V1Connection connect(ServerWebSocket ws) {
        return new UpbitConnection(this, ws);
    }
}
