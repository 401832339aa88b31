package io.candlebus.strategy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;

/** Builds candles for tests: flat ones (open, high, low and close all equal) or with all four prices. */
final class TestCandles {
    static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    /** 2023-11-15T00:00:00Z: aligned to every interval up to a day. */
    static final long T0 = 1_700_006_400_000L;

    private TestCandles() {}

    static Candle closed(Instrument instrument, Interval interval, long openTime, String close) {
        return candle(instrument, interval, openTime, close, true);
    }

    static Candle live(Instrument instrument, Interval interval, long openTime, String close) {
        return candle(instrument, interval, openTime, close, false);
    }

    /** Returns a closed candle with the given open, high, low and close. */
    static Candle ohlc(
            Instrument instrument,
            Interval interval,
            long openTime,
            String open,
            String high,
            String low,
            String close) {
        return candle(
                instrument,
                interval,
                openTime,
                new BigDecimal(open),
                new BigDecimal(high),
                new BigDecimal(low),
                new BigDecimal(close),
                true);
    }

    private static Candle candle(
            Instrument instrument, Interval interval, long openTime, String close, boolean closed) {
        BigDecimal price = new BigDecimal(close);
        return candle(instrument, interval, openTime, price, price, price, price, closed);
    }

    static Candle candle(
            Instrument instrument,
            Interval interval,
            long openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            boolean closed) {
        return new Candle(
                instrument,
                interval,
                openTime,
                open,
                high,
                low,
                close,
                BigDecimal.ONE,
                close,
                1,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                closed,
                closed ? CandleSource.REST : CandleSource.WEBSOCKET);
    }
}
