package io.candlebus.bench;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.strategy.PriceSource;
import io.candlebus.strategy.SignalRule;
import io.candlebus.strategy.StrategyConfig;
import io.candlebus.strategy.StrategyEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
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
 * Measures {@link StrategyEngine#onClosedCandle} per closed candle: bands, the SMA pair when its rule is
 * on, and the rules, on a KRW walk. The candles are built in set-up; when they run out the engine starts
 * afresh (once per 65536 candles, so the warm-up is 0.03% of the calls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StrategyEngineBenchmark {
    private static final int CANDLES = 1 << 16;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(Candles.T0), ZoneOffset.UTC);

    /** {@code band_cross}: the default rules; {@code all}: band cross, band touch and SMA cross. */
    @Param({"band_cross", "all"})
    public String rules;

    @Param({"close", "hlc3"})
    public String priceSource;

    private StrategyConfig config;
    private Candle[] candles;
    private StrategyEngine engine;
    private int next;

    /** Builds the candles and the first engine. */
    @Setup
    public void setUp() {
        Set<SignalRule> set = rules.equals("all") ? EnumSet.allOf(SignalRule.class) : Set.of(SignalRule.BAND_CROSS);
        StrategyConfig d = StrategyConfig.defaults();
        config = new StrategyConfig(
                d.period(),
                d.k(),
                d.cooldownCandles(),
                d.publishLive(),
                d.liveThrottleMillis(),
                PriceSource.parse(priceSource),
                set,
                d.sma());
        candles = Candles.walk(3, CANDLES, Candles.T0);
        engine = new StrategyEngine(config, Candles.KRW_BTC, Interval.M1, CLOCK);
    }

    /** Hands the engine its next closed candle. */
    @Benchmark
    public StrategyEngine.Result closedCandle() {
        if (next == CANDLES) {
            next = 0;
            engine = new StrategyEngine(config, Candles.KRW_BTC, Interval.M1, CLOCK);
        }
        return engine.onClosedCandle(candles[next++]);
    }
}
