package io.candlebus.order;

import io.candlebus.contract.OrderRequest;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A client order id reused with different parameters: the id names one order, so the second request is
 * refused (HTTP 409) instead of silently answered with the first one's result. The message names the first
 * field that differs and both values.
 */
public final class OrderIdConflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private OrderIdConflict(String message) {
        super(message, null, false, false);
    }

    /** Returns the conflict between {@code placed} and {@code again} (same id), or empty if they are the same order. */
    static Optional<OrderIdConflict> between(OrderRequest placed, OrderRequest again) {
        String field = null;
        Object was = null;
        Object now = null;
        if (!placed.instrument().equals(again.instrument())) {
            field = "instrument";
            was = placed.instrument().key();
            now = again.instrument().key();
        } else if (placed.side() != again.side()) {
            field = "side";
            was = placed.side();
            now = again.side();
        } else if (placed.type() != again.type()) {
            field = "type";
            was = placed.type();
            now = again.type();
        } else if (placed.quantity().compareTo(again.quantity()) != 0) {
            field = "quantity";
            was = placed.quantity().toPlainString();
            now = again.quantity().toPlainString();
        } else if (!samePrice(placed.price(), again.price())) {
            field = "price";
            was = placed.price() == null ? "none" : placed.price().toPlainString();
            now = again.price() == null ? "none" : again.price().toPlainString();
        }
        if (field == null) {
            return Optional.empty();
        }
        return Optional.of(new OrderIdConflict("order." + field + ": client order id '" + placed.clientOrderId()
                + "' was already used for an order with " + field + " " + was + ", this request has " + now
                + "; an id names one order, use a new id for a new order"));
    }

    private static boolean samePrice(BigDecimal a, BigDecimal b) {
        return Objects.equals(a, b) || (a != null && b != null && a.compareTo(b) == 0);
    }
}
