package io.candlebus.contract;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An intent to trade. {@code clientOrderId} is the idempotency key: submitting the same id twice
 * places at most one order (a signal's order uses an id derived from the signal id). {@code price} is
 * required for LIMIT orders and, for MARKET orders, is the reference price a paper broker fills at.
 */
public record OrderRequest(
        String clientOrderId,
        Instrument instrument,
        Side side,
        OrderType type,
        BigDecimal quantity,
        BigDecimal price,
        String origin) {

    /** Both Binance (36 chars, {@code .:/_-}) and Bithumb ({@code _-}) accept ids of this form. */
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");

    public OrderRequest {
        Checks.present(clientOrderId, "order.clientOrderId");
        if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw new IllegalArgumentException(
                    "order.clientOrderId: expected 1-36 of [A-Za-z0-9_-], was '" + clientOrderId + "'");
        }
        Checks.present(instrument, "order.instrument");
        Checks.present(side, "order.side");
        Checks.present(type, "order.type");
        Checks.positive(quantity, "order.quantity");
        if (type == OrderType.LIMIT) {
            Checks.positive(price, "order.price");
        } else if (price != null) {
            Checks.positive(price, "order.price");
        }
        Checks.present(origin, "order.origin");
    }
}
