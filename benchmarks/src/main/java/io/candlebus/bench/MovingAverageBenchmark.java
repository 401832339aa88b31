package io.candlebus.bench;

import io.candlebus.strategy.MovingAverage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Measures one update (add a value, read the average) of the simple and the exponential moving average. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MovingAverageBenchmark {
    private static final int PRICES = 1 << 16;
    private static final int MASK = PRICES - 1;

    @Param({"20"})
    public int period;

    private double[] prices;
    private MovingAverage sma;
    private MovingAverage ema;
    private int next;

    /** Fills the price walk and warms both averages up. */
    @Setup
    public void setUp() {
        prices = PriceWalk.krw(2, PRICES);
        sma = MovingAverage.simple(period);
        ema = MovingAverage.exponential(period);
        for (int i = 0; i < period; i++) {
            sma.add(prices[i]);
            ema.add(prices[i]);
        }
        next = period;
    }

    /** Adds a value to the simple moving average and reads it. */
    @Benchmark
    public double smaUpdate() {
        sma.add(prices[next++ & MASK]);
        return sma.value();
    }

    /** Adds a value to the exponential moving average and reads it. */
    @Benchmark
    public double emaUpdate() {
        ema.add(prices[next++ & MASK]);
        return ema.value();
    }
}
