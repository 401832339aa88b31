package io.candlebus.sim.market;

/**
 * One generated trade in the integer units of its instrument (see {@link InstrumentSpec}).
 *
 * @param time the trade time, epoch ms
 * @param price the price in price units
 * @param quantity the quantity in quantity units (contracts for COIN-M)
 * @param buyerTaker whether the taker bought (Bithumb {@code BID}, Binance {@code m=false})
 * @param id the venue's trade id: Binance's sequential id or Bithumb's {@code sequential_id}
 * @param quote the quote amount in quote units: price times quantity, or for COIN-M the base amount
 *     {@code contracts * contractSize / price} rounded to 8 decimals
 */
public record SimTrade(long time, long price, long quantity, boolean buyerTaker, long id, long quote) {}
