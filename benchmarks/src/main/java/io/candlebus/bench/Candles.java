package io.candlebus.bench;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.Random;

/** Builds closed 1m candles of a KRW price walk, with consecutive open times, for the benchmarks to replay. */
final class Candles {
    static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    /** 2023-11-15T00:00:00Z. */
    static final long T0 = 1_700_006_400_000L;

    private Candles() {}

    /** Returns {@code n} closed candles from {@code firstOpenTime} on, each opening at the previous close. */
    static Candle[] walk(long seed, int n, long firstOpenTime) {
        long[] closes = PriceWalk.ticks(seed, n + 1, 130_000, 20);
        Random random = new Random(seed + 1);
        Candle[] out = new Candle[n];
        for (int i = 0; i < n; i++) {
            long open = closes[i];
            long close = closes[i + 1];
            long high = Math.max(open, close) + random.nextInt(4);
            long low = Math.min(open, close) - random.nextInt(4);
            out[i] = new Candle(
                    KRW_BTC,
                    Interval.M1,
                    firstOpenTime + i * Interval.M1.millis(),
                    krw(open),
                    krw(high),
                    krw(low),
                    krw(close),
                    BigDecimal.ONE,
                    krw(close),
                    100,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    true,
                    CandleSource.AGGREGATED);
        }
        return out;
    }

    private static BigDecimal krw(long thousands) {
        return BigDecimal.valueOf(thousands * 1000);
    }
}
