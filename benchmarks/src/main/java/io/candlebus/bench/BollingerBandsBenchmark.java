package io.candlebus.bench;

import io.candlebus.strategy.BandValue;
import io.candlebus.strategy.BollingerBands;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures one Bollinger band update per closed candle (add a price, read the bands) and one live value
 * (the bands as if a candle in progress closed at a price), on KRW prices near 1.3e8.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BollingerBandsBenchmark {
    private static final int PRICES = 1 << 16;
    private static final int MASK = PRICES - 1;

    @Param({"20"})
    public int period;

    private double[] prices;
    private BollingerBands bands;
    private int next;

    /** Fills the price walk and a full window. */
    @Setup
    public void setUp() {
        prices = PriceWalk.krw(1, PRICES);
        bands = new BollingerBands(period, 2.0);
        for (int i = 0; i < period; i++) {
            bands.add(prices[i]);
        }
        next = period;
    }

    /** Adds the close of a closed candle and reads the bands, as the strategy does once per candle. */
    @Benchmark
    public BandValue closedUpdate() {
        bands.add(prices[next++ & MASK]);
        return bands.current();
    }

    /** Computes the live bands for a candle in progress; the closed state does not change. */
    @Benchmark
    public BandValue liveValue() {
        return bands.live(prices[next++ & MASK]);
    }
}
