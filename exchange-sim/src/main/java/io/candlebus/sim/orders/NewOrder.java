package io.candlebus.sim.orders;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An order as a venue route parsed it, before the engine checks it.
 *
 * @param instrument what to trade
 * @param side buy or sell
 * @param type LIMIT (needs price and quantity) or MARKET (quantity, or for a Bithumb market buy funds)
 * @param price the limit price, null for MARKET
 * @param quantity the base quantity, null only for a market buy given by funds
 * @param funds the quote amount a market buy spends (Bithumb {@code order_type=price}), else null
 * @param clientOrderId the client's id, or null
 * @param timeInForce GTC, IOC or FOK (limit orders)
 */
public record NewOrder(
        Instrument instrument,
        Side side,
        OrderType type,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal funds,
        String clientOrderId,
        TimeInForce timeInForce) {

    public NewOrder {
        Objects.requireNonNull(instrument, "newOrder.instrument");
        Objects.requireNonNull(side, "newOrder.side");
        Objects.requireNonNull(type, "newOrder.type");
        Objects.requireNonNull(timeInForce, "newOrder.timeInForce");
        if (type == OrderType.LIMIT && (price == null || quantity == null)) {
            throw new IllegalArgumentException("newOrder: a LIMIT order needs price and quantity");
        }
        if (type == OrderType.MARKET && (quantity == null) == (funds == null)) {
            throw new IllegalArgumentException("newOrder: a MARKET order needs exactly one of quantity and funds");
        }
        if (funds != null && side != Side.BUY) {
            throw new IllegalArgumentException("newOrder: only a market buy is given by funds");
        }
    }

    /** Returns whether {@code other} asks for the same trade (used to answer a repeated client id). */
    public boolean sameTradeAs(NewOrder other) {
        return instrument.equals(other.instrument)
                && side == other.side
                && type == other.type
                && equal(price, other.price)
                && equal(quantity, other.quantity)
                && equal(funds, other.funds);
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
