package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Builds closed candles with exchange-like decimal values for the tests. */
final class TestCandles {
    static final Instrument BTCUSDT = Instrument.of("binance", "spot", "BTCUSDT");
    static final Instrument ETHUSDT_PERP = Instrument.of("binance", "usdm", "ETHUSDT");
    static final Instrument KRW_BTC = Instrument.of("bithumb", "spot", "KRW-BTC");

    /** 2024-06-30T16:38:00Z, the closed kline in the Python recorder's article. */
    static final long ARTICLE_OPEN_TIME = 1_719_765_480_000L;

    private TestCandles() {}

    /** Returns the article's closed BTCUSDT 1m kline, as Binance sent it. */
    static Candle articleCandle() {
        return new Candle(
                Instrument.of("binance", "usdm", "BTCUSDT"),
                Interval.M1,
                ARTICLE_OPEN_TIME,
                new BigDecimal("61607.90"),
                new BigDecimal("61624.90"),
                new BigDecimal("61605.30"),
                new BigDecimal("61624.90"),
                new BigDecimal("16.710"),
                new BigDecimal("1029521.00470"),
                418,
                new BigDecimal("12.571"),
                new BigDecimal("774523.56400"),
                true,
                CandleSource.WEBSOCKET);
    }

    /** Returns a closed candle whose values derive from {@code n}, so each open time has distinct values. */
    static Candle candle(Instrument instrument, Interval interval, long openTime, int n) {
        BigDecimal open = new BigDecimal("61607.90").add(BigDecimal.valueOf(n, 1));
        BigDecimal close = open.add(new BigDecimal("0.37"));
        return new Candle(
                instrument,
                interval,
                openTime,
                open,
                close.add(new BigDecimal("1.05")),
                open.subtract(new BigDecimal("2.40")),
                close,
                new BigDecimal("16.710").add(BigDecimal.valueOf(n, 3)),
                new BigDecimal("1029521.00470").add(BigDecimal.valueOf(n, 5)),
                400 + n,
                new BigDecimal("0.00001234").multiply(BigDecimal.valueOf(n + 1)),
                new BigDecimal("774523.56400"),
                true,
                n % 3 == 0 ? CandleSource.WEBSOCKET : n % 3 == 1 ? CandleSource.REST : CandleSource.AGGREGATED);
    }

    /** Returns {@code count} consecutive candles from {@code firstOpenTime}. */
    static List<Candle> run(Instrument instrument, Interval interval, long firstOpenTime, int count) {
        List<Candle> candles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            candles.add(candle(instrument, interval, firstOpenTime + i * interval.millis(), i));
        }
        return candles;
    }

    static Candle open(Candle closed) {
        return new Candle(
                closed.instrument(),
                closed.interval(),
                closed.openTime(),
                closed.open(),
                closed.high(),
                closed.low(),
                closed.close(),
                closed.volume(),
                closed.quoteVolume(),
                closed.tradeCount(),
                closed.takerBuyBaseVolume(),
                closed.takerBuyQuoteVolume(),
                false,
                closed.source());
    }
}
