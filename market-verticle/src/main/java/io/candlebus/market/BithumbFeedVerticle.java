package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Market;
import io.candlebus.market.bithumb.BithumbFeed;
import io.vertx.core.Context;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;

/** The feed verticle of Bithumb ({@link BithumbFeed}), on its own event loop. */
public final class BithumbFeedVerticle extends FeedVerticle {
    private BithumbFeed bithumb;

    public BithumbFeedVerticle(MarketConfig config, Clock clock, String node) {
        super(config, clock, node, FeedShards.feedId(Exchange.BITHUMB, Market.SPOT));
    }

    @Override
    protected Feed newFeed(WebSocketClient ws, RestClient rest, FeedSink sink) {
        bithumb = new BithumbFeed(vertx, ws, rest, clock, config, sink);
        return bithumb;
    }

    /**
     * Handles one websocket message as the published connection's frame handler does; call it on {@link #context()}.
     * The bench enters here, so that it measures the very path of a frame in a node.
     */
    public void onFrame(byte[] utf8) {
        bithumb.onFrame(utf8);
    }

    /** Returns the context this verticle runs on, for a caller outside it to run {@link #onFrame} there. */
    public Context context() {
        return context;
    }
}
