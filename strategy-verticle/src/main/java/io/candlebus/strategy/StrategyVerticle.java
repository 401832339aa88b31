package io.candlebus.strategy;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Signal;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes Bollinger bands and signals from candles: consumes {@code candles.closed} and
 * {@code candles.live}, publishes {@code bands} (closed and live) and {@code signals}, and a
 * heartbeat (component {@code strategy}) every second.
 */
public final class StrategyVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(StrategyVerticle.class);
    private static final String COMPONENT = "strategy";

    private final StrategyConfig config;
    private final Clock clock;
    private final String node;
    private final Map<StreamKey, StrategyEngine> engines = new HashMap<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private long lastEventTime;
    private long heartbeatTimer = -1;

    private record StreamKey(Instrument instrument, Interval interval) {}

    /** Creates the verticle; {@code node} names this process in heartbeats. */
    public StrategyVerticle(StrategyConfig config, Clock clock, String node) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        for (String name : new String[] {"candles", "ignored", "liveCandles", "bands", "signals"}) {
            counters.put(name, 0L);
        }
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        Future<Void> closed = bus.<Candle>consumer(Addresses.CANDLES_CLOSED, this::onClosedCandle)
                .completion();
        Future<Void> live =
                bus.<Candle>consumer(Addresses.CANDLES_LIVE, this::onLiveCandle).completion();
        return Future.all(closed, live).onSuccess(v -> {
            heartbeatTimer = vertx.setPeriodic(1000, id -> publishHeartbeat("live"));
            publishHeartbeat("live");
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        publishHeartbeat("stopped");
        return Future.succeededFuture();
    }

    private void onClosedCandle(Message<Candle> message) {
        Candle candle = message.body();
        touch("candles");
        // candles.closed carries closed candles only; anything else breaks the contract and is dropped.
        if (!candle.closed()) {
            count("ignored");
            return;
        }
        StrategyEngine.Result result = engine(candle).onClosedCandle(candle);
        if (result.ignored()) {
            count("ignored");
            return;
        }
        result.bands().ifPresent(this::publishBands);
        for (Signal signal : result.signals()) {
            count("signals");
            LOG.info("signal {} {} {}: {}", signal.side(), signal.instrument(), signal.interval(), signal.reason());
            vertx.eventBus().publish(Addresses.SIGNALS, signal);
        }
    }

    private void onLiveCandle(Message<Candle> message) {
        Candle candle = message.body();
        touch("liveCandles");
        engine(candle).onLiveCandle(candle).ifPresent(this::publishBands);
    }

    private StrategyEngine engine(Candle candle) {
        return engines.computeIfAbsent(
                new StreamKey(candle.instrument(), candle.interval()),
                key -> new StrategyEngine(config, key.instrument(), key.interval(), clock));
    }

    private void publishBands(Bands bands) {
        count("bands");
        vertx.eventBus().publish(Addresses.BANDS, bands);
    }

    private void touch(String counter) {
        count(counter);
        lastEventTime = clock.millis();
    }

    private void count(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }

    private void publishHeartbeat(String state) {
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_HEARTBEAT,
                        new Heartbeat(node, COMPONENT, state, counters, lastEventTime, clock.millis()));
    }
}
