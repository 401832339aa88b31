package io.candlebus.market;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The HTTP and websocket clients the feeds of a node share (a Vert.x client serves callers on any context, each on
 * its own event loop). Made once by the deployer before the feed parts start: a client made inside a verticle's start
 * may take an event loop from Vert.x's round robin while the parts of one deployment are still being given theirs, so
 * that two parts end up on one loop and another loop idles.
 */
public record FeedClients(WebClient web, WebSocketClient ws) {

    /** Makes the clients a feed uses: 5 s to connect over REST, 10 s for a websocket, frames up to 1 MiB. */
    public static FeedClients create(Vertx vertx) {
        return new FeedClients(
                WebClient.create(
                        vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("candlebus")),
                vertx.createWebSocketClient(new WebSocketClientOptions()
                        .setMaxMessageSize(4 << 20)
                        .setMaxFrameSize(1 << 20)
                        .setConnectTimeout(10_000)));
    }

    /** Closes both clients. */
    public Future<Void> close() {
        return ws.close().eventually(() -> {
            web.close();
            return Future.succeededFuture();
        });
    }
}
