package io.candlebus.order.live;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.journal.OrderState;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One venue's order REST calls as {@link LiveBroker} needs them: place an order, look it up or cancel it
 * by client order id, each answer sorted into what it means for the intent. Transport failures are answers too
 * ({@link Unclear}); the futures never fail.
 */
public interface VenueOrders {

    /** What the venue's answer means. */
    sealed interface Reply permits Known, Rejected, NotFound, Unclear {}

    /** The venue holds the order: its id, state and filled quantity. */
    record Known(String exchangeOrderId, OrderState state, BigDecimal filledQuantity) implements Reply {}

    /** The venue refused the order, so it was not placed; {@code reason} holds the venue's error. */
    record Rejected(String reason) implements Reply {}

    /** A lookup found no such order. */
    record NotFound() implements Reply {}

    /** The answer says nothing certain (timeout, reset, 5xx, 429/418, unreadable). */
    record Unclear(String detail) implements Reply {}

    /** Returns the venue's name for reasons, e.g. {@code bithumb}. */
    String venue();

    /** Throws {@link IllegalArgumentException}, naming the field, if {@code request} cannot be sent here. */
    void validate(OrderRequest request);

    /** Sends {@code request} once. */
    Future<Reply> place(OrderRequest request, long timeoutMillis);

    /** Looks the order of {@code request} up by its client order id. */
    Future<Reply> lookup(OrderRequest request, long timeoutMillis);

    /**
     * Asks the venue to cancel the order of {@code request} by its client order id. {@link Known} = the venue
     * accepted the cancel (its filled quantity is what the venue reported, zero if it reports none: look the
     * order up for its final state); {@link Rejected} = the venue refused (already final, say); {@link
     * NotFound} = no such order.
     */
    Future<Reply> cancel(OrderRequest request, long timeoutMillis);

    /**
     * Fetches what the account holds per asset. Unlike the order calls this future fails, naming the venue and
     * the problem, when the answer is not a clear balance list: a balance is never guessed.
     */
    Future<List<AssetBalance>> balances(long timeoutMillis);

    /**
     * Fetches the net position per instrument the venue holds for this account, flat ones left out; empty for a
     * market without positions (spot: holdings are balances). Fails like {@link #balances}: never guessed.
     */
    default Future<Optional<Map<Instrument, BigDecimal>>> positions(long timeoutMillis) {
        return Future.succeededFuture(Optional.empty());
    }
}
