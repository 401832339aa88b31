package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import java.math.BigDecimal;

/** Turns checked Binance kline values (websocket or REST) into contract candles. */
final class BinanceCandles {
    private BinanceCandles() {}

    static Candle candle(
            Instrument instrument,
            Interval interval,
            long openTime,
            long closeTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            BigDecimal takerBase,
            BigDecimal takerQuote,
            boolean closed,
            CandleSource source,
            String path)
            throws BadInputException {
        // Checked before any arithmetic on it: an open time near Long.MAX_VALUE would overflow below.
        CandleChecks.time(openTime, path + ".t");
        if (!interval.isAligned(openTime)) {
            throw new BadInputException(
                    "misaligned", path + ".t: expected a multiple of " + interval.millis() + " ms, was " + openTime);
        }
        if (closeTime != openTime + interval.millis() - 1) {
            throw new BadInputException(
                    "bad-close-time",
                    path + ".T: expected " + (openTime + interval.millis() - 1) + ", was " + closeTime);
        }
        CandleChecks.ohlc(open, high, low, close, path);
        CandleChecks.nonNegative(volume, path + ".volume");
        CandleChecks.nonNegative(quoteVolume, path + ".quoteVolume");
        CandleChecks.nonNegative(trades, path + ".trades");
        CandleChecks.nonNegative(takerBase, path + ".takerBuyBaseVolume");
        CandleChecks.nonNegative(takerQuote, path + ".takerBuyQuoteVolume");
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
                trades,
                takerBase,
                takerQuote,
                closed,
                source);
    }
}
