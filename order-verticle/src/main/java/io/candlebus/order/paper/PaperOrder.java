package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.OrderType;
import io.candlebus.order.journal.OrderState;
import io.vertx.core.Promise;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One paper order in progress: its state (the live journal's {@link OrderState} machine, forward moves only),
 * what has filled and at what value, the fees paid, and what the account holds for it. Mutable; owned by
 * {@link PaperBroker}.
 */
final class PaperOrder {
    final OrderRequest request;
    final String exchangeOrderId;
    final VenueRules rules;
    final InstrumentAssets assets;
    /** When a MARKET order stops waiting for a price (epoch ms); unused for LIMIT orders. */
    final long deadline;
    /** Completes the submit of a MARKET order, which answers only once it has filled or failed; else null. */
    final Promise<OrderEvent> answer;

    OrderState state = OrderState.NEW;
    BigDecimal filled = BigDecimal.ZERO;
    BigDecimal filledValue = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    /** What the account locked for the order and not yet used ({@code reservedAsset}); zero if nothing. */
    BigDecimal reserved = BigDecimal.ZERO;

    String reservedAsset;

    PaperOrder(OrderRequest request, String exchangeOrderId, VenueRules rules, InstrumentAssets assets, long deadline) {
        this.request = request;
        this.exchangeOrderId = exchangeOrderId;
        this.rules = rules;
        this.assets = assets;
        this.deadline = deadline;
        this.answer = request.type() == OrderType.MARKET ? Promise.promise() : null;
    }

    Instrument instrument() {
        return request.instrument();
    }

    String id() {
        return request.clientOrderId();
    }

    BigDecimal remaining() {
        return request.quantity().subtract(filled);
    }

    boolean market() {
        return request.type() == OrderType.MARKET;
    }

    /** Moves to {@code next}; a move the state machine forbids is a bug, not a market event. */
    void move(OrderState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("paper order " + id() + ": " + state + " cannot move to " + next);
        }
        state = next;
    }

    /** Returns the average fill price, or the limit price before any fill (null for an unfilled MARKET order). */
    BigDecimal price() {
        if (filled.signum() > 0) {
            return filledValue.divide(filled, MathContext.DECIMAL64).stripTrailingZeros();
        }
        return request.price() == null || market() ? null : request.price();
    }

    /** Returns the event of the order's current state, {@code position} being the broker's net position. */
    OrderEvent event(BigDecimal position, String reason, long now) {
        return new OrderEvent(
                id(),
                exchangeOrderId,
                instrument(),
                request.side(),
                status(state),
                request.quantity(),
                filled,
                price(),
                position,
                reason,
                true,
                now);
    }

    /** Returns how {@code state} is published on {@code orders.events}, as live mode does. */
    static OrderStatus status(OrderState state) {
        return switch (state) {
            case PENDING, NEW, PARTIALLY_FILLED -> OrderStatus.ACCEPTED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELED, EXPIRED -> OrderStatus.CANCELLED;
            case REJECTED -> OrderStatus.REJECTED;
        };
    }
}
