package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Interval;

/**
 * Accumulates closed 1m candles into one candle of a larger interval. {@code complete} says the 1m
 * stream covered the bucket from its first minute; an incomplete bucket (the first one after start-up,
 * when history did not reach its start) is never published.
 */
final class HigherBucket {
    private final Interval interval;
    private final long openTime;
    private final boolean complete;
    private Candle merged;

    HigherBucket(Interval interval, long openTime, boolean complete) {
        this.interval = interval;
        this.openTime = openTime;
        this.complete = complete;
    }

    long openTime() {
        return openTime;
    }

    long endTime() {
        return openTime + interval.millis();
    }

    boolean complete() {
        return complete;
    }

    boolean isEmpty() {
        return merged == null;
    }

    void add(Candle minute) {
        merged = merge(merged, minute, interval, openTime, true);
    }

    /** Returns the bucket so far, plus {@code inProgress} (a 1m candle still open) if given. */
    Candle candle(Candle inProgress, boolean closed) {
        Candle c = inProgress == null ? merged : merge(merged, inProgress, interval, openTime, closed);
        if (c == null) {
            return null;
        }
        return c.closed() == closed ? c : rebuild(c, closed);
    }

    static Candle merge(Candle sofar, Candle next, Interval interval, long openTime, boolean closed) {
        if (sofar == null) {
            return new Candle(
                    next.instrument(),
                    interval,
                    openTime,
                    next.open(),
                    next.high(),
                    next.low(),
                    next.close(),
                    next.volume(),
                    next.quoteVolume(),
                    next.tradeCount(),
                    next.takerBuyBaseVolume(),
                    next.takerBuyQuoteVolume(),
                    closed,
                    CandleSource.AGGREGATED);
        }
        return new Candle(
                sofar.instrument(),
                interval,
                openTime,
                sofar.open(),
                sofar.high().max(next.high()),
                sofar.low().min(next.low()),
                next.close(),
                sofar.volume().add(next.volume()),
                sofar.quoteVolume().add(next.quoteVolume()),
                sofar.tradeCount() + next.tradeCount(),
                sofar.takerBuyBaseVolume().add(next.takerBuyBaseVolume()),
                sofar.takerBuyQuoteVolume().add(next.takerBuyQuoteVolume()),
                closed,
                CandleSource.AGGREGATED);
    }

    private static Candle rebuild(Candle c, boolean closed) {
        return new Candle(
                c.instrument(),
                c.interval(),
                c.openTime(),
                c.open(),
                c.high(),
                c.low(),
                c.close(),
                c.volume(),
                c.quoteVolume(),
                c.tradeCount(),
                c.takerBuyBaseVolume(),
                c.takerBuyQuoteVolume(),
                closed,
                CandleSource.AGGREGATED);
    }
}
