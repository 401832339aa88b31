package io.candlebus.contract;

import java.math.BigDecimal;

/**
 * One trade as the venue reported it. Price and quantity keep the venue's decimal text exactly;
 * {@code aggressor} is the taker's side; {@code tradeId} is the venue's id (Binance trade id,
 * Bithumb {@code sequential_id}).
 */
public record Trade(
        Instrument instrument, BigDecimal price, BigDecimal quantity, long tradeTime, Side aggressor, long tradeId) {

    public Trade {
        Checks.present(instrument, "trade.instrument");
        Checks.positive(price, "trade.price");
        Checks.positive(quantity, "trade.quantity");
        Checks.nonNegative(tradeTime, "trade.tradeTime");
        Checks.present(aggressor, "trade.aggressor");
    }
}
