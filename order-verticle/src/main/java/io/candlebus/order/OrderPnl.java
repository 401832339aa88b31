package io.candlebus.order;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.contract.TradeBatch;
import io.candlebus.order.paper.ContractSizes;
import io.candlebus.order.paper.PaperBroker;
import io.candlebus.order.paper.RulesBook;
import io.candlebus.order.paper.VenueRules;
import io.candlebus.order.pnl.DailyLossLimit;
import io.candlebus.order.pnl.PnlBook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The order verticle's view of the market and of its profit: takes the prices the node observes (trades on
 * {@code market.trades}, live candles, closed candles), hands trades and live candles to the paper broker (paper
 * mode) and marks the {@link PnlBook} with all of them; books paper fills (with fees) and live fills (from their
 * events); trips the kill switch through {@code trip} when the {@link DailyLossLimit} is exceeded; publishes the
 * book on {@code orders.pnl}. Runs on the verticle's event loop.
 */
final class OrderPnl {
    private final Vertx vertx;
    private final Clock clock;
    private final DailyLossLimit limit;
    private final Consumer<String> trip;
    private final PnlBook book = new PnlBook(this::contractSize);
    /** Null in live mode. */
    private PaperBroker paper;

    private RulesBook rules;

    OrderPnl(Vertx vertx, Clock clock, DailyLossLimit limit, Consumer<String> trip) {
        this.vertx = vertx;
        this.clock = clock;
        this.limit = limit;
        this.trip = trip;
    }

    /** Paper mode: observed prices fill the paper broker's orders; its rules give COIN-M contract sizes. */
    void trade(PaperBroker paperBroker, RulesBook rulesBook) {
        this.paper = paperBroker;
        this.rules = rulesBook;
    }

    /** Subscribes to the market prices. */
    Future<?> listen(EventBus bus) {
        return Future.all(
                bus.<TradeBatch>consumer(Addresses.MARKET_TRADES, m -> {
                            for (Trade t : m.body().trades()) {
                                onPrice(t.instrument(), t.price(), t.quantity());
                            }
                        })
                        .completion(),
                bus.<Candle>consumer(
                                Addresses.CANDLES_LIVE,
                                m -> onPrice(m.body().instrument(), m.body().close(), null))
                        .completion(),
                bus.<Candle>consumer(
                                Addresses.CANDLES_CLOSED,
                                m -> book.mark(m.body().instrument(), m.body().close()))
                        .completion());
    }

    private void onPrice(Instrument instrument, BigDecimal price, BigDecimal quantity) {
        if (paper != null) {
            paper.observe(instrument, price, quantity);
        }
        book.mark(instrument, price);
    }

    /**
     * A paper fill with its fee. The daily loss is checked once the broker is done with the fill: a trip cancels
     * the open paper orders, which must not happen in the middle of one of them filling.
     */
    void onPaperFill(
            Instrument instrument, Side side, BigDecimal quantity, BigDecimal price, BigDecimal fee, long time) {
        book.fill(instrument, side, quantity, price, fee, time);
        vertx.runOnContext(v -> check());
    }

    /** An order event: a live one's fill is booked (paper fills come through {@link #onPaperFill}). */
    void onEvent(OrderEvent event) {
        if (!event.paper()) {
            book.onLiveEvent(event);
            check();
        }
    }

    /** Publishes the book on {@code orders.pnl}. */
    void publish(String node) {
        vertx.eventBus().publish(Addresses.ORDERS_PNL, book.snapshot(node, clock.millis()));
    }

    private void check() {
        limit.breach(book, clock.millis()).ifPresent(trip);
    }

    private BigDecimal contractSize(Instrument instrument) {
        VenueRules known = rules == null ? null : rules.known(instrument);
        return known != null ? known.contractSize() : ContractSizes.standard(instrument);
    }
}
