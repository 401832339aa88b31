package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.Trade;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
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
 * market verticle ticks it, and records every closed kline it publishes.
 */
final class SimFeed implements FeedSink {
    static final long MIN = 60_000L;

    private final Vertx vertx;
    private final ExchangeSimulator sim;
    private final Map<Instrument, List<Candle>> closed = new ConcurrentHashMap<>();
    private Context context;
    private BinanceFeed feed;

    SimFeed(Vertx vertx, ExchangeSimulator sim) {
        this.vertx = vertx;
        this.sim = sim;
    }

    /** Returns a config against the simulator: the JSON given over test timings. */
    MarketConfig config(List<Instrument> instruments, JsonObject extra) {
        JsonObject binance = new JsonObject();
        for (Market m : Market.values()) {
            binance.put(
                    m.wireName(),
                    new JsonObject().put("restUrl", sim.binanceRestUrl(m)).put("wsUrl", sim.binanceWsUrl(m)));
        }
        JsonObject json = new JsonObject()
                .put(
                        "instruments",
                        new JsonArray(instruments.stream().map(Instrument::key).toList()))
                .put("binance", binance)
                .put(
                        "bithumb",
                        new JsonObject().put("restUrl", sim.bithumbRestUrl()).put("wsUrl", sim.bithumbWsUrl()))
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
