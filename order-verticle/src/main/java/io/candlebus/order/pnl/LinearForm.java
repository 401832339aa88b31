package io.candlebus.order.pnl;

import java.math.BigDecimal;

/**
 * Turns a trade into the form {@link AverageCostPosition} values linearly. Spot and USDT-M are linear already
 * (quantity in the base asset, price in the quote). A COIN-M (inverse) trade of {@code n} contracts of {@code
 * size} USD at price {@code p} pays, in the base coin, {@code n x size x (1/entry - 1/exit)}: that is a linear
 * position of {@code -n x size} at the "price" {@code 1/p}.
 *
 * @param contractSize USD per contract for an inverse instrument, null for a linear one
 */
public record LinearForm(BigDecimal contractSize) {

    /** The form of spot and USDT-M instruments. */
    public static final LinearForm LINEAR = new LinearForm(null);

    /** Returns the linear quantity of a trade of {@code signedQuantity}. */
    public BigDecimal quantity(BigDecimal signedQuantity) {
        return contractSize == null
                ? signedQuantity
                : signedQuantity.multiply(contractSize).negate();
    }

    /** Returns the linear price of {@code price}. */
    public BigDecimal price(BigDecimal price) {
        return contractSize == null ? price : BigDecimal.ONE.divide(price, AverageCostPosition.MATH);
    }

    /** Returns the value of {@code quantity} at {@code price} in the settlement asset (quote; base for COIN-M). */
    public BigDecimal notional(BigDecimal quantity, BigDecimal price) {
        return contractSize == null
                ? quantity.multiply(price)
                : quantity.multiply(contractSize).divide(price, AverageCostPosition.MATH);
    }
}
