package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import java.math.BigDecimal;

/**
 * Accumulates the trades of one minute into a candle, exactly: quote volume is the sum of
 * price * quantity in BigDecimal, taker-buy volumes count trades whose aggressor bought.
 */
final class TradeCandleBuilder {
    private final long openTime;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal volume = BigDecimal.ZERO;
    private BigDecimal quoteVolume = BigDecimal.ZERO;
    private BigDecimal takerBase = BigDecimal.ZERO;
    private BigDecimal takerQuote = BigDecimal.ZERO;
    private long count;

    TradeCandleBuilder(long openTime) {
        this.openTime = openTime;
    }

    long openTime() {
        return openTime;
    }

    long endTime() {
        return openTime + Interval.M1.millis();
    }

    void add(Trade trade) {
        BigDecimal price = trade.price();
        BigDecimal quantity = trade.quantity();
        BigDecimal notional = price.multiply(quantity);
        if (count == 0) {
            open = price;
            high = price;
            low = price;
        } else {
            high = high.max(price);
            low = low.min(price);
        }
        close = price;
        volume = volume.add(quantity);
        quoteVolume = quoteVolume.add(notional);
        if (trade.aggressor() == Side.BUY) {
            takerBase = takerBase.add(quantity);
            takerQuote = takerQuote.add(notional);
        }
        count++;
    }

    Candle toCandle(Instrument instrument, boolean closed) {
        return new Candle(
                instrument,
                Interval.M1,
                openTime,
                open,
                high,
                low,
                close,
                volume,
                quoteVolume,
                count,
                takerBase,
                takerQuote,
                closed,
                CandleSource.AGGREGATED);
    }
}
