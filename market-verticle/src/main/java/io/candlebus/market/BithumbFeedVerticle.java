package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Market;
import io.candlebus.market.bithumb.BithumbFeed;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;

/** The feed verticle of Bithumb ({@link BithumbFeed}), on its own event loop. */
public final class BithumbFeedVerticle extends FeedVerticle {
    public BithumbFeedVerticle(MarketConfig config, Clock clock, String node) {
        super(config, clock, node, FeedShards.feedId(Exchange.BITHUMB, Market.SPOT));
    }

    @Override
    protected Feed newFeed(WebSocketClient ws, RestClient rest, FeedSink sink) {
        return new BithumbFeed(vertx, ws, rest, clock, config, sink);
    }
}
