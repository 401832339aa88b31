package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Closed 1m candles for dataset tests: minute {@code i} after {@code first} closes at 87000 + i. */
final class TestCandles {
    private TestCandles() {}

    /** Returns the 1m candles of minutes {@code [from, to)} after {@code first} (epoch ms). */
    static List<Candle> minutes(Instrument instrument, long first, int from, int to) {
        List<Candle> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            BigDecimal price = BigDecimal.valueOf(87_000 + i);
            out.add(new Candle(
                    instrument,
                    Interval.M1,
                    first + i * 60_000L,
                    price,
                    price.add(BigDecimal.ONE),
                    price.subtract(BigDecimal.ONE),
                    price,
                    BigDecimal.ONE,
                    price,
                    1,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    true,
                    CandleSource.REST));
        }
        return out;
    }
}
