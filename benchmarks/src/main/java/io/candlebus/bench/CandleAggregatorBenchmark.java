package io.candlebus.bench;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.candle.CandleAggregator;
import io.candlebus.market.candle.StreamKey;
import io.candlebus.strategy.BandValue;
import io.candlebus.strategy.BollingerBands;
import io.candlebus.strategy.StrategyConfig;
import io.candlebus.strategy.StrategyEngine;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures trade aggregation per trade ({@link CandleAggregator#onTrade}), alone and followed by the live
 * Bollinger bands of the candle in progress ({@link StrategyEngine#onLiveCandle}), on Bithumb KRW-BTC
 * trades near 1.3e8 KRW, 1000 per minute. Closed minutes go to the engine too, as on the bus. The trades
 * are built in set-up, in time order; when they run out the aggregator and the engine start afresh (once
 * per 2^20 trades).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CandleAggregatorBenchmark {
    private static final int TRADES = 1 << 20;
    private static final long TRADE_SPACING_MILLIS = 60;
    private static final StreamKey KEY = new StreamKey(Candles.KRW_BTC, Interval.M1);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(Candles.T0), ZoneOffset.UTC);

    private final StrategyConfig config = StrategyConfig.defaults();
    private Trade[] trades;
    private Candle[] history;
    private CandleAggregator aggregator;
    private StrategyEngine engine;
    private BollingerBands bands;
    private CandleAggregator bandsAggregator;
    private int next;

    /** Builds the trades, the closed history that warms the engine up, and the first aggregator. */
    @Setup
    public void setUp() {
        long[] ticks = PriceWalk.ticks(4, TRADES, 130_000, 2);
        BigDecimal[] quantities = new BigDecimal[16];
        for (int i = 0; i < quantities.length; i++) {
            quantities[i] = new BigDecimal("0.000" + (1 + i * 37));
        }
        Random random = new Random(5);
        trades = new Trade[TRADES];
        for (int i = 0; i < TRADES; i++) {
            trades[i] = new Trade(
                    Candles.KRW_BTC,
                    BigDecimal.valueOf(ticks[i] * 1000),
                    quantities[random.nextInt(quantities.length)],
                    Candles.T0 + i * TRADE_SPACING_MILLIS,
                    random.nextBoolean() ? Side.BUY : Side.SELL,
                    i + 1L);
        }
        int warm = config.period() - 1;
        history = Candles.walk(6, warm, Candles.T0 - warm * Interval.M1.millis());
        restart();
    }

    private void restart() {
        next = 0;
        engine = new StrategyEngine(config, Candles.KRW_BTC, Interval.M1, CLOCK);
        for (Candle candle : history) {
            engine.onClosedCandle(candle);
        }
        StrategyEngine closedInto = engine;
        aggregator = new CandleAggregator(List.of(Interval.M1), 2_000, 10_000, closedInto::onClosedCandle);
        bands = new BollingerBands(config.period(), config.k());
        for (Candle candle : history) {
            bands.add(candle.close().doubleValue());
        }
        BollingerBands closedBands = bands;
        bandsAggregator = new CandleAggregator(
                List.of(Interval.M1),
                2_000,
                10_000,
                c -> closedBands.add(c.close().doubleValue()));
    }

    private Trade nextTrade() {
        if (next == TRADES) {
            restart();
        }
        return trades[next++];
    }

    /** Aggregates one trade into the candle in progress. */
    @Benchmark
    public CandleAggregator aggregate() {
        // The trade first: at the end of the trades it restarts the aggregator it must then go to.
        Trade trade = nextTrade();
        aggregator.onTrade(trade);
        return aggregator;
    }

    /**
     * Aggregates one trade, then computes the live band value for the candle in progress, whose close
     * is that trade's price: the arithmetic of a live update without building the {@code Candle} and
     * {@code Bands} records, which production publishes at most every 250 ms per stream.
     */
    @Benchmark
    public BandValue aggregateAndLiveBandValue() {
        Trade trade = nextTrade();
        bandsAggregator.onTrade(trade);
        return bands.live(trade.price().doubleValue());
    }

    /** Aggregates one trade, then computes the live bands of the candle in progress. */
    @Benchmark
    public Optional<Bands> aggregateAndLiveBands() {
        Trade trade = nextTrade();
        aggregator.onTrade(trade);
        return engine.onLiveCandle(aggregator.live(KEY));
    }
}
