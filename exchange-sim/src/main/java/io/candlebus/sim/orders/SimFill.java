package io.candlebus.sim.orders;

import java.math.BigDecimal;

/**
 * One fill of a simulated order.
 *
 * @param tradeId the fill's id, unique in the engine
 * @param price the fill price
 * @param quantity the base quantity filled
 * @param fee the fee charged
 * @param feeAsset the asset the fee was paid in
 * @param maker whether the order rested on the book (maker fee) or took liquidity (taker fee)
 * @param time the sim time of the fill, epoch ms: the crossing trade's time for a resting order
 */
public record SimFill(
        long tradeId,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal fee,
        String feeAsset,
        boolean maker,
        long time) {

    /** Returns price x quantity. */
    public BigDecimal quote() {
        return price.multiply(quantity);
    }
}
