package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Market;
import io.candlebus.market.binance.BinanceFeed;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;

/** The feed verticle of one Binance market ({@link BinanceFeed}): one per market, each on its own event loop. */
public final class BinanceFeedVerticle extends FeedVerticle {
    private final Market market;

    public BinanceFeedVerticle(MarketConfig config, Clock clock, String node, Market market) {
        super(config, clock, node, FeedShards.feedId(Exchange.BINANCE, market));
        this.market = market;
    }

    @Override
    protected Feed newFeed(WebSocketClient ws, RestClient rest, FeedSink sink) {
        return new BinanceFeed(vertx, ws, rest, clock, config, market, sink);
    }
}
