package io.candlebus.order.paper;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Fee rates of one venue market, as fractions of the traded value: {@code maker} for a resting order that is
 * filled later, {@code taker} for an order that fills on arrival (every MARKET order, a crossing LIMIT order).
 */
public record Fees(BigDecimal maker, BigDecimal taker) {

    public Fees {
        Objects.requireNonNull(maker, "fees.maker");
        Objects.requireNonNull(taker, "fees.taker");
        if (maker.signum() < 0
                || taker.signum() < 0
                || maker.compareTo(BigDecimal.ONE) >= 0
                || taker.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("fees: expected rates from 0 to below 1, was maker "
                    + maker.toPlainString() + ", taker " + taker.toPlainString());
        }
    }

    /** Returns the rate of a fill that took liquidity ({@code taker}) or rested ({@code maker}). */
    public BigDecimal rate(boolean taker) {
        return taker ? this.taker : maker;
    }
}
