package io.candlebus.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;

/**
 * One candle of an instrument and interval, keyed by its open time. {@code closed} is true once its
 * values are final. Volumes follow Binance's spot meaning: {@code volume} in the base asset,
 * {@code quoteVolume} in the quote asset (for COIN-M, as Binance sends them: contracts and base).
 */
public record Candle(
        Instrument instrument,
        Interval interval,
        long openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long tradeCount,
        BigDecimal takerBuyBaseVolume,
        BigDecimal takerBuyQuoteVolume,
        boolean closed,
        CandleSource source) {

    public Candle {
        Checks.present(instrument, "candle.instrument");
        Checks.present(interval, "candle.interval");
        if (!interval.isAligned(openTime)) {
            throw new IllegalArgumentException("candle.openTime: expected a multiple of " + interval.millis()
                    + " ms for interval " + interval.code() + ", was " + openTime);
        }
        Checks.positive(open, "candle.open");
        Checks.positive(high, "candle.high");
        Checks.positive(low, "candle.low");
        Checks.positive(close, "candle.close");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException(
                    "candle: expected high >= low, was high=" + high.toPlainString() + ", low=" + low.toPlainString());
        }
        if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
            throw new IllegalArgumentException("candle: expected low <= open, close <= high, was open="
                    + open.toPlainString() + ", high=" + high.toPlainString() + ", low=" + low.toPlainString()
                    + ", close=" + close.toPlainString());
        }
        Checks.nonNegative(volume, "candle.volume");
        Checks.nonNegative(quoteVolume, "candle.quoteVolume");
        Checks.nonNegative(tradeCount, "candle.tradeCount");
        Checks.nonNegative(takerBuyBaseVolume, "candle.takerBuyBaseVolume");
        Checks.nonNegative(takerBuyQuoteVolume, "candle.takerBuyQuoteVolume");
        Checks.present(source, "candle.source");
    }

    /** Returns the last millisecond the candle covers, Binance's close time. */
    @JsonIgnore
    public long closeTime() {
        return openTime + interval.millis() - 1;
    }

    /** Returns the first millisecond after the candle, the open time of the next one. */
    @JsonIgnore
    public long endTime() {
        return openTime + interval.millis();
    }

    /** Returns the key the dataset holds once: instrument, interval and open time. */
    @JsonIgnore
    public String key() {
        return instrument.key() + "/" + interval.code() + "/" + openTime;
    }

    /** Returns this candle with {@code closed} set and the given source. */
    public Candle asClosed(CandleSource newSource) {
        return new Candle(
                instrument,
                interval,
                openTime,
                open,
                high,
                low,
                close,
                volume,
                quoteVolume,
                tradeCount,
                takerBuyBaseVolume,
                takerBuyQuoteVolume,
                true,
                newSource);
    }

    /**
     * Returns whether the market values (prices, volumes, count) equal {@code other}'s numerically,
     * ignoring the closed flag, the source and the scale of the decimals.
     */
    public boolean sameValues(Candle other) {
        return instrument.equals(other.instrument)
                && interval == other.interval
                && openTime == other.openTime
                && open.compareTo(other.open) == 0
                && high.compareTo(other.high) == 0
                && low.compareTo(other.low) == 0
                && close.compareTo(other.close) == 0
                && volume.compareTo(other.volume) == 0
                && quoteVolume.compareTo(other.quoteVolume) == 0
                && tradeCount == other.tradeCount
                && takerBuyBaseVolume.compareTo(other.takerBuyBaseVolume) == 0
                && takerBuyQuoteVolume.compareTo(other.takerBuyQuoteVolume) == 0;
    }
}
