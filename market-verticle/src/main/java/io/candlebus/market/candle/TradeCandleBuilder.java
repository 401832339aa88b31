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
 * price * quantity, taker-buy volumes count trades whose aggressor bought. The sums are {@link ExactSum}s
 * and the products are taken in {@code long} when they fit, so a trade allocates at most the short-lived
 * decimals of {@link ExactSum#unscaledOf}; the values equal (scale included) what summing in BigDecimal
 * gives. The candle is built only when it is asked for.
 */
final class TradeCandleBuilder {
    private final long openTime;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private final ExactSum volume = new ExactSum();
    private final ExactSum quoteVolume = new ExactSum();
    private final ExactSum takerBase = new ExactSum();
    private final ExactSum takerQuote = new ExactSum();
    private long count;
    /** The live candle last built, until the next trade changes it. */
    private Candle live;

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
        if (count == 0) {
            open = price;
            high = price;
            low = price;
        } else {
            high = high.max(price);
            low = low.min(price);
        }
        close = price;
        count++;
        live = null;
        boolean buy = trade.aggressor() == Side.BUY;
        if (ExactSum.fitsLong(price) && ExactSum.fitsLong(quantity)) {
            long p = ExactSum.unscaledOf(price);
            long q = ExactSum.unscaledOf(quantity);
            long notional = p * q;
            long notionalScale = (long) price.scale() + quantity.scale();
            // The product fits a long when its high half is only the sign of the low half.
            if (Math.multiplyHigh(p, q) == notional >> 63 && notionalScale == (int) notionalScale) {
                volume.add(q, quantity.scale());
                quoteVolume.add(notional, (int) notionalScale);
                if (buy) {
                    takerBase.add(q, quantity.scale());
                    takerQuote.add(notional, (int) notionalScale);
                }
                return;
            }
        }
        BigDecimal notional = price.multiply(quantity);
        volume.add(quantity);
        quoteVolume.add(notional);
        if (buy) {
            takerBase.add(quantity);
            takerQuote.add(notional);
        }
    }

    Candle toCandle(Instrument instrument, boolean closed) {
        if (!closed && live != null) {
            return live;
        }
        Candle candle = new Candle(
                instrument,
                Interval.M1,
                openTime,
                open,
                high,
                low,
                close,
                volume.value(),
                quoteVolume.value(),
                count,
                takerBase.value(),
                takerQuote.value(),
                closed,
                CandleSource.AGGREGATED);
        if (!closed) {
            live = candle;
        }
        return candle;
    }
}
