package io.candlebus.sim.orders;

import java.math.BigDecimal;

/**
 * One asset's balance in a simulated account.
 *
 * @param asset the asset, e.g. {@code KRW} or {@code USDT}
 * @param free what may be spent
 * @param locked what open orders reserve
 */
public record Balance(String asset, BigDecimal free, BigDecimal locked) {}
