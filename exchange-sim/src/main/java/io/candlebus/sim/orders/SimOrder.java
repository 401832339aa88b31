package io.candlebus.sim.orders;

import java.math.BigDecimal;
import java.util.List;

/**
 * A snapshot of one simulated order, safe to read on any thread.
 *
 * @param orderId the engine's id (Binance {@code orderId}; Bithumb's uuid is derived from it)
 * @param account the owning account's key
 * @param request the order as placed
 * @param status where it is
 * @param executedQuantity the base quantity filled so far
 * @param executedQuote the quote amount filled so far (sum of price x quantity)
 * @param paidFee the fees charged so far
 * @param reserved what is still reserved for it (quote for a buy, base for a sell)
 * @param fills its fills, oldest first
 * @param createdAt the sim time it was placed
 * @param updatedAt the sim time of its last change
 */
public record SimOrder(
        long orderId,
        String account,
        NewOrder request,
        SimOrderStatus status,
        BigDecimal executedQuantity,
        BigDecimal executedQuote,
        BigDecimal paidFee,
        BigDecimal reserved,
        List<SimFill> fills,
        long createdAt,
        long updatedAt) {

    public SimOrder {
        fills = List.copyOf(fills);
    }

    /** Returns Bithumb's order id, {@code C0101} and 15 digits. */
    public String bithumbId() {
        return bithumbId(orderId);
    }

    /** Returns the Bithumb order id of engine id {@code orderId}. */
    public static String bithumbId(long orderId) {
        return String.format("C0101%015d", orderId);
    }

    /** Returns the quantity ordered: the request's, or for a market buy by funds what it filled. */
    public BigDecimal quantity() {
        return request.quantity() != null ? request.quantity() : executedQuantity;
    }

    /** Returns the base quantity still to fill (0 once final). */
    public BigDecimal remainingQuantity() {
        return status.isOpen() ? quantity().subtract(executedQuantity) : BigDecimal.ZERO;
    }
}
