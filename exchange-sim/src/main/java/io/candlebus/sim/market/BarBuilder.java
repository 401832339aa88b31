package io.candlebus.sim.market;

/** Accumulates trades or consecutive bars into one bar; sums overflow loudly rather than wrap. */
final class BarBuilder {
    private final long openTime;
    private final long previousClose;
    private long open;
    private long high;
    private long low;
    private long close;
    private long volume;
    private long quote;
    private long count;
    private long takerBuyVolume;
    private long takerBuyQuote;
    private long firstId = -1;
    private long lastId = -1;
    private long lastTradeTime = -1;

    BarBuilder(long openTime, long previousClose) {
        this.openTime = openTime;
        this.previousClose = previousClose;
    }

    BarBuilder add(SimTrade t) {
        if (count == 0) {
            open = t.price();
            high = t.price();
            low = t.price();
            firstId = t.id();
        }
        high = Math.max(high, t.price());
        low = Math.min(low, t.price());
        close = t.price();
        volume = Math.addExact(volume, t.quantity());
        quote = Math.addExact(quote, t.quote());
        count++;
        if (t.buyerTaker()) {
            takerBuyVolume = Math.addExact(takerBuyVolume, t.quantity());
            takerBuyQuote = Math.addExact(takerBuyQuote, t.quote());
        }
        lastId = t.id();
        lastTradeTime = t.time();
        return this;
    }

    BarBuilder add(Bar b) {
        if (b.isEmpty()) {
            return this;
        }
        if (count == 0) {
            open = b.open();
            high = b.high();
            low = b.low();
            firstId = b.firstId();
        }
        high = Math.max(high, b.high());
        low = Math.min(low, b.low());
        close = b.close();
        volume = Math.addExact(volume, b.volume());
        quote = Math.addExact(quote, b.quote());
        count += b.count();
        takerBuyVolume = Math.addExact(takerBuyVolume, b.takerBuyVolume());
        takerBuyQuote = Math.addExact(takerBuyQuote, b.takerBuyQuote());
        lastId = b.lastId();
        lastTradeTime = b.lastTradeTime();
        return this;
    }

    Bar build() {
        if (count == 0) {
            return Bar.empty(openTime, previousClose);
        }
        return new Bar(
                openTime,
                open,
                high,
                low,
                close,
                volume,
                quote,
                count,
                takerBuyVolume,
                takerBuyQuote,
                firstId,
                lastId,
                lastTradeTime);
    }
}
