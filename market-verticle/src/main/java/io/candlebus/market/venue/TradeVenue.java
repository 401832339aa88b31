package io.candlebus.market.venue;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a venue of the Upbit v1 family (Upbit, and Bithumb, whose v1 API copies it) tells a
 * {@link TradeStreamFeed}: where its websocket is, how a subscription and a message look, and how one page
 * of closed 1m REST candles and the market list are fetched. Everything else (seam with REST history, gap
 * fill, handover, keepalive, counters, status) is the feed's, written once for the family.
 */
public interface TradeVenue {
    /** Receives what one websocket message holds. */
    interface Messages {
        /** A trade; {@code snapshot} for the SNAPSHOT repeat sent on (re)subscribe. */
        void trade(Trade trade, boolean snapshot);

        /** The keepalive answer {@code {"status":"UP"}}. */
        void statusUp();

        /** An error reply of the venue. */
        void venueError(String name, String message);

        /** Anything else (ticker, order book, an unknown type): ignored. */
        void ignored();
    }

    /** Reads one websocket message of the venue. */
    interface Reader {
        /** Hands what {@code utf8} holds to {@code to}; throws {@link BadInputException} naming the field. */
        void read(byte[] utf8, Messages to) throws BadInputException;
    }

    /** Returns the heartbeat component, e.g. {@code market.bithumb}. */
    String component();

    /** Returns the feed key of the venue market, e.g. {@code bithumb:spot}. */
    String feedKey();

    /** Returns the full websocket URL. */
    String wsUrl();

    /** Returns the connection attempts the venue allows per second (real time) and IP. */
    int connectsPerSecond();

    /** Returns the bad-input counter the venue's parsers report to (shared with the feed). */
    BadInputCounter badInput();

    /** Returns a message reader that maps a market code to a followed instrument, or null if unknown. */
    Reader reader(Function<String, Instrument> codes);

    /** Returns the subscription request (one text message) for trades of {@code codes}. */
    String subscription(Collection<String> codes);

    /** Returns the market codes the venue lists; a failure leaves the codes unchecked. */
    Future<Set<String>> loadMarkets();

    /** Returns the most candles {@link #candlePage} returns. */
    int pageCount();

    /**
     * Returns the closed 1m candles of {@code instrument} that open before {@code pageTo} (exclusive),
     * newest first, at most {@link #pageCount()}; a refusal or unusable body fails with a
     * {@link io.candlebus.market.RestException} (its Retry-After honoured by the retry).
     */
    Future<List<Candle>> candlePage(Instrument instrument, long pageTo);

    /** Returns the REST requests the venue counted in the last second, for the stream status. */
    long restUsed();

    /** Returns the clock time until which the venue refuses REST requests (a ban), 0 if none. */
    default long bannedUntil() {
        return 0;
    }

    /** Registers the venue's own heartbeat counters (its REST pauses and bans), after the feed's. */
    default void registerCounters(FeedCounters counters) {}
}
