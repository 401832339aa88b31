package io.candlebus.market.upbit;

import io.candlebus.contract.Exchange;
import io.candlebus.market.Endpoint;
import io.candlebus.market.FeedPart;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.venue.TradeStreamFeed;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;

/**
 * Follows Upbit (KRW market) trades of every followed market code over one websocket and joins them to
 * REST minute candles without gap or duplicate: the shared {@link TradeStreamFeed} of the Upbit v1 family
 * on {@link UpbitVenue}.
 */
public final class UpbitFeed extends TradeStreamFeed {
    /** The real Upbit hosts (Korea). */
    public static final Endpoint REAL_ENDPOINT =
            new Endpoint("https://api.upbit.com", "wss://api.upbit.com/websocket/v1");

    /** A feed of every followed code, on one connection. */
    public UpbitFeed(
            Vertx vertx, WebSocketClient wsClient, RestClient rest, Clock clock, MarketConfig config, FeedSink sink) {
        this(vertx, wsClient, rest, clock, config, sink, FeedPart.WHOLE);
    }

    /** A feed of the codes of part {@code part} ({@code market.feedConnections}), on a connection of its own. */
    public UpbitFeed(
            Vertx vertx,
            WebSocketClient wsClient,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            FeedPart part) {
        super(
                vertx,
                wsClient,
                rest,
                clock,
                config,
                sink,
                new UpbitVenue(vertx, rest, clock, config.endpoint(Exchange.UPBIT)),
                part);
    }
}
