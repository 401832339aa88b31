package io.candlebus.market.bithumb;

import io.candlebus.market.FeedPart;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.venue.TradeStreamFeed;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;

/**
 * Follows Bithumb trades of every followed market code over one websocket and joins them to REST
 * minute candles without gap or duplicate: the shared {@link TradeStreamFeed} of the Upbit v1 family on
 * {@link BithumbVenue}.
 */
public final class BithumbFeed extends TradeStreamFeed {
    /** A feed of every followed code, on one connection. */
    public BithumbFeed(
            Vertx vertx, WebSocketClient wsClient, RestClient rest, Clock clock, MarketConfig config, FeedSink sink) {
        this(vertx, wsClient, rest, clock, config, sink, FeedPart.WHOLE);
    }

    /** A feed of the codes of part {@code part} ({@code market.feedConnections}), on a connection of its own. */
    public BithumbFeed(
            Vertx vertx,
            WebSocketClient wsClient,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            FeedPart part) {
        super(vertx, wsClient, rest, clock, config, sink, new BithumbVenue(rest, config.bithumb()), part);
    }
}
