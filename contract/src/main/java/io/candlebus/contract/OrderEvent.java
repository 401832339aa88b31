package io.candlebus.contract;

import java.math.BigDecimal;

/**
 * What happened to an order. {@code position} is the broker's net position in the instrument after
 * the event (base units, negative when short); {@code paper} says no real order was sent.
 */
public record OrderEvent(
        String clientOrderId,
        String exchangeOrderId,
        Instrument instrument,
        Side side,
        OrderStatus status,
        BigDecimal quantity,
        BigDecimal filledQuantity,
        BigDecimal price,
        BigDecimal position,
        String reason,
        boolean paper,
        long time) {

    public OrderEvent {
        Checks.present(clientOrderId, "orderEvent.clientOrderId");
        Checks.present(instrument, "orderEvent.instrument");
        Checks.present(side, "orderEvent.side");
        Checks.present(status, "orderEvent.status");
        Checks.nonNegative(quantity, "orderEvent.quantity");
        Checks.nonNegative(filledQuantity, "orderEvent.filledQuantity");
        Checks.present(position, "orderEvent.position");
        Checks.present(reason, "orderEvent.reason");
    }
}
