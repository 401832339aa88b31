package io.candlebus.market;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.market.binance.BinanceFeed;
import io.candlebus.market.bithumb.BithumbFeed;
import io.candlebus.market.upbit.UpbitFeed;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The venues the market verticle follows, one registration row each: which markets a venue has (one
 * feed per venue market) and how its feed is built. The market code consults this table instead of
 * branching on the exchange; adding an exchange adds one row (see {@code docs/adding-an-exchange.md}).
 */
public final class Venues {
    /** Builds the feed of one venue market. */
    @FunctionalInterface
    public interface FeedFactory {
        Feed create(
                Vertx vertx,
                WebSocketClient wsClient,
                RestClient rest,
                Clock clock,
                MarketConfig config,
                Market market,
                FeedSink sink,
                FeedPart part);
    }

    /**
     * One venue: its exchange, its markets (a feed each), its feed, the real hosts of a venue reached at one endpoint
     * ({@code market.<exchange>: {"restUrl", "wsUrl"}}; null for Binance, whose endpoints per market are in {@link
     * BinanceSettings}), and whether a market's codes may be spread over {@code market.feedConnections} feeds ({@link
     * FeedParts}): the trade-stream venues, whose one connection per feed carries every code. Binance spreads its
     * streams over connections inside its one feed per market ({@code market.binance.streamsPerConnection}), under
     * one REST weight budget.
     */
    public record Venue(Exchange exchange, Set<Market> markets, FeedFactory feed, Endpoint endpoint, boolean spreads) {
        public Venue {
            markets = Set.copyOf(markets);
        }
    }

    /** Every venue, in the order their feeds are started. */
    public static final List<Venue> ALL = List.of(
            new Venue(
                    Exchange.BINANCE,
                    Set.of(Market.SPOT, Market.USDM, Market.COINM),
                    (vertx, ws, rest, clock, config, market, sink, part) ->
                            new BinanceFeed(vertx, ws, rest, clock, config, market, sink),
                    null,
                    false),
            new Venue(
                    Exchange.BITHUMB,
                    Set.of(Market.SPOT),
                    (vertx, ws, rest, clock, config, market, sink, part) ->
                            new BithumbFeed(vertx, ws, rest, clock, config, sink, part),
                    MarketConfig.BITHUMB_ENDPOINT,
                    true),
            new Venue(
                    Exchange.UPBIT,
                    Set.of(Market.SPOT),
                    (vertx, ws, rest, clock, config, market, sink, part) ->
                            new UpbitFeed(vertx, ws, rest, clock, config, sink, part),
                    UpbitFeed.REAL_ENDPOINT,
                    true));

    private Venues() {}

    /** Returns the registration of {@code exchange}, null if it has none. */
    public static Venue of(Exchange exchange) {
        for (Venue v : ALL) {
            if (v.exchange() == exchange) {
                return v;
            }
        }
        return null;
    }

    /** Returns the real hosts of every venue reached at one endpoint, by exchange. */
    public static Map<Exchange, Endpoint> defaultEndpoints() {
        Map<Exchange, Endpoint> out = new EnumMap<>(Exchange.class);
        for (Venue v : ALL) {
            if (v.endpoint() != null) {
                out.put(v.exchange(), v.endpoint());
            }
        }
        return out;
    }

    /** Returns whether a venue market of {@code instrument} is registered. */
    public static boolean supports(Instrument instrument) {
        Venue v = of(instrument.exchange());
        return v != null && v.markets().contains(instrument.market());
    }

    /** Returns the feed key of a venue market, {@code binance:usdm}, as {@link Feed#feedKeys()} names it. */
    public static String feedKey(Exchange exchange, Market market) {
        return exchange.wireName() + ":" + market.wireName();
    }
}
