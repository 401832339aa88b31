package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.market.candle.StreamKey;
import io.candlebus.strategy.StrategyConfig;
import io.candlebus.strategy.StrategyEngine;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The strategy half of the bench, like {@code StrategyVerticle}: one {@link StrategyEngine} per
 * instrument and interval fed from {@code candles.closed} and {@code candles.live}; it records each
 * message's time from injection to its live band in an HdrHistogram.
 */
final class BenchStrategyVerticle extends VerticleBase {
    private static final long MAX_NANOS = 60_000_000_000L;

    private final BenchStamps stamps;
    private final Clock clock;
    private final Map<StreamKey, StrategyEngine> engines = new HashMap<>();
    private final Histogram latency = new Histogram(MAX_NANOS, 3);
    private long lives;
    private long liveBands;
    private long closedBands;

    BenchStrategyVerticle(BenchStamps stamps, Clock clock) {
        this.stamps = stamps;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus()
                .<Candle>consumer(Addresses.CANDLES_CLOSED, this::onClosedCandle)
                .completion()
                .compose(v -> vertx.eventBus()
                        .<Candle>consumer(Addresses.CANDLES_LIVE, this::onLiveCandle)
                        .completion());
    }

    /** Read only after every message is done (the done counter orders it after the last write). */
    Histogram latency() {
        return latency;
    }

    long liveBands() {
        return liveBands;
    }

    long closedBands() {
        return closedBands;
    }

    private void onClosedCandle(Message<Candle> message) {
        Candle candle = message.body();
        if (engine(candle).onClosedCandle(candle).bands().isPresent()) {
            closedBands++;
        }
    }

    private void onLiveCandle(Message<Candle> message) {
        Candle candle = message.body();
        long stamp = stamps.live(lives++);
        Optional<Bands> bands = engine(candle).onLiveCandle(candle);
        if (bands.isPresent()) {
            liveBands++;
            latency.recordValue(Math.min(MAX_NANOS, System.nanoTime() - stamp));
        }
        stamps.done();
    }

    private StrategyEngine engine(Candle candle) {
        return engines.computeIfAbsent(
                new StreamKey(candle.instrument(), candle.interval()),
                k -> new StrategyEngine(StrategyConfig.defaults(), k.instrument(), k.interval(), clock));
    }
}
