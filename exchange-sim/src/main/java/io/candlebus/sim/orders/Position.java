package io.candlebus.sim.orders;

import io.candlebus.contract.Instrument;
import java.math.BigDecimal;

/**
 * One futures position of a simulated account (one-way mode).
 *
 * @param instrument the contract
 * @param quantity the signed size: positive long, negative short (contracts on COIN-M)
 * @param entryPrice the average entry price, 0 when flat
 * @param margin the margin it holds, in the margin asset
 * @param realizedProfit the profit realised on it so far, before fees
 */
public record Position(
        Instrument instrument,
        BigDecimal quantity,
        BigDecimal entryPrice,
        BigDecimal margin,
        BigDecimal realizedProfit) {}
