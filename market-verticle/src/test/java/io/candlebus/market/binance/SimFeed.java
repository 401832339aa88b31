package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.Trade;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.SimEndpoints;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs one {@link BinanceFeed} against the exchange simulator on its own event loop, ticked like the
 * market verticle ticks it, and records every closed kline it publishes. Its static helpers start and
 * stop the simulator the way every Binance feed test does.
 */
final class SimFeed implements FeedSink {
    static final long MIN = 60_000L;
    /** Spot instruments of the simulator's default set. */
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");

    static final Instrument ETH = Instrument.parse("binance:spot:ETHUSDT");
    /** 2026-01-01T00:00:17Z: mid-minute. */
    static final long START = 1_767_225_617_000L;

    private final Vertx vertx;
    private final ExchangeSimulator sim;
    private final Map<Instrument, List<Candle>> closed = new ConcurrentHashMap<>();
    private Context context;
    private BinanceFeed feed;

    SimFeed(Vertx vertx, ExchangeSimulator sim) {
        this.vertx = vertx;
        this.sim = sim;
    }

    /** Returns the simulator config of a test: starting mid-minute at {@link #START} with that much history. */
    static SimConfig simConfig(long seed, double speed, int historyMinutes) {
        return SimConfig.defaults()
                .withSeed(seed)
                .withSpeed(speed)
                .withStartTime(START)
                .withHistoryMinutes(historyMinutes);
    }

    /** Registers the codecs and starts the simulator. */
    static ExchangeSimulator startSim(Vertx vertx, SimConfig config) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        return done(ExchangeSimulator.start(vertx, config));
    }

    static ExchangeSimulator startSim(Vertx vertx, long seed, double speed, int historyMinutes) throws Exception {
        return startSim(vertx, simConfig(seed, speed, historyMinutes));
    }

    static void stopSim(ExchangeSimulator sim) throws Exception {
        done(sim.close());
    }

    /** Waits up to 10 s for {@code future} (a simulator start, stop or fault) and returns its result. */
    static <T> T done(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * Waits up to 60 s until the feed follows every one of {@code instruments}, all its streams are live
     * and each of them has published a closed kline.
     */
    void awaitLive(List<Instrument> instruments) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Map<Instrument, StreamStatus> streams = streams();
                    return streams.keySet().containsAll(instruments)
                            && streams.values().stream().allMatch(s -> s.state() == StreamState.LIVE)
                            && instruments.stream().allMatch(i -> lastClosed(i) != Long.MIN_VALUE);
                });
    }

    /** Returns a config against the simulator: the JSON given over test timings. */
    MarketConfig config(List<Instrument> instruments, JsonObject extra) {
        JsonObject json = SimEndpoints.marketJson(sim, instruments)
                .put("intervals", new JsonArray().add("1m").add("5m"))
                .put("warmupCandles", 6)
                .put("tickMillis", 20)
                .put("reconnectMinMillis", 50)
                .put("reconnectMaxMillis", 2_000)
                .put("pingMillis", 10_000)
                // Sim time: 7.5 s of real time at 120x, so a pause of a loaded machine is not a stall.
                .put("stallTimeoutMillis", 900_000)
                .mergeIn(extra);
        return MarketConfig.fromJson(json, "market");
    }

    /** Starts the feed of {@code market} with the config's instruments of that market. */
    void start(MarketConfig config, Market market) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        context = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            feed = new BinanceFeed(
                    vertx,
                    vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(4 << 20)),
                    new RestClient(WebClient.create(vertx)),
                    sim.clock(),
                    config,
                    market,
                    this);
            config.instruments().forEach(feed::add);
            feed.start();
            vertx.setPeriodic(config.tickMillis(), id -> feed.tick(sim.clock().millis()));
            started.complete(null);
        });
        started.get(10, TimeUnit.SECONDS);
    }

    /** Runs {@code action} on the feed's event loop and returns its result. */
    <T> T onFeed(Function<BinanceFeed, T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.apply(feed));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    long counter(String name) throws Exception {
        return onFeed(f -> f.counters().getOrDefault(name, 0L));
    }

    Map<Instrument, StreamStatus> streams() throws Exception {
        return onFeed(f -> f.streams().stream().collect(Collectors.toMap(StreamStatus::instrument, s -> s)));
    }

    /** Returns the closed klines published for {@code instrument}, in publication order. */
    List<Candle> closed(Instrument instrument) {
        return new ArrayList<>(closed.getOrDefault(instrument, List.of()));
    }

    /** Returns the open time of the newest closed kline published for {@code instrument}, or MIN_VALUE. */
    long lastClosed(Instrument instrument) {
        List<Candle> list = closed(instrument);
        return list.isEmpty() ? Long.MIN_VALUE : list.get(list.size() - 1).openTime();
    }

    /**
     * Asserts that every closed kline of {@code instrument} was published once, in order, contiguous
     * from the first, equal to the simulator's truth, and that at least {@code minimum} were.
     */
    void assertExact(Instrument instrument, int minimum) {
        List<Candle> list = closed(instrument);
        assertThat(list).as("%s closed klines", instrument).hasSizeGreaterThanOrEqualTo(minimum);
        Map<Long, Candle> truth = sim.truth(instrument).stream().collect(Collectors.toMap(Candle::openTime, c -> c));
        for (int k = 0; k < list.size(); k++) {
            Candle c = list.get(k);
            if (k > 0) {
                assertThat(c.openTime())
                        .as(
                                "%s: open time after %s",
                                instrument, list.get(k - 1).openTime())
                        .isEqualTo(list.get(k - 1).openTime() + MIN);
            }
            Candle t = truth.get(c.openTime());
            assertThat(t).as("%s: truth at %s", instrument, c.openTime()).isNotNull();
            assertThat(c.sameValues(t))
                    .as("%s: %s equals truth %s", instrument, c, t)
                    .isTrue();
        }
    }

    @Override
    public void kline(Candle candle) {
        if (candle.closed()) {
            closed.computeIfAbsent(candle.instrument(), i -> new CopyOnWriteArrayList<>())
                    .add(candle);
        }
    }

    @Override
    public void trade(Trade trade) {}

    @Override
    public void suspend(Instrument instrument) {}

    @Override
    public void cover(Instrument instrument, long fromOpenTime) {}

    @Override
    public void resume(Instrument instrument, long liveFrom) {}
}
