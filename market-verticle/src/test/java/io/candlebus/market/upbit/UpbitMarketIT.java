package io.candlebus.market.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.CandleVerticle;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.MarketVerticle;
import io.candlebus.market.SimEndpoints;
import io.candlebus.market.StandInRecorder;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the market verticle on Upbit only against the Upbit simulator at 120x, through a runtime add (a
 * handover), garbage frames, dropped connections, a REST rate limit that answers 429 and a 418 block, and a
 * stalled stream, and checks every closed candle against the simulator's truth: exactly once, in order,
 * contiguous, equal.
 */
@ExtendWith(VertxExtension.class)
class UpbitMarketIT {
    /** 2026-01-01T00:00:17Z: mid-minute, so the seams are exercised with a partial first minute. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    private static final long STALL_TIMEOUT = 4 * MIN;
    private static final Instrument KRW_BTC = Instrument.parse("upbit:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("upbit:spot:KRW-ETH");
    private static final String FEED = "market.upbit";

    private Vertx vertx;
    private ExchangeSimulator sim;
    private final List<Candle> closed = new CopyOnWriteArrayList<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    /** The candle shard that owns the followed instrument (late trades are counted there). */
    private static final String AGGREGATOR = CandleVerticle.component(
            FeedShards.shardOf(KRW_BTC, MarketConfig.defaults().effectiveCandleShards()));

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        this.vertx = vertx;
        Codecs.registerAll(vertx.eventBus());
        List<SimInstrument> instruments = SimConfig.upbitDemoInstruments().stream()
                .map(i -> i.instrument().equals(KRW_ETH) ? i.withEmptyMinuteProbability(0.2) : i)
                .toList();
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(17)
                .withSpeed(120)
                .withStartTime(START)
                .withHistoryMinutes(720)
                .withInstruments(instruments);
        sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        vertx.eventBus()
                .<Heartbeat>consumer(
                        Addresses.STATUS_HEARTBEAT, m -> heartbeats.put(m.body().component(), m.body()));
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
    }

    @AfterEach
    void stopSimulator() throws Exception {
        join(sim.close());
    }

    private MarketConfig config(List<Instrument> instruments) {
        return MarketConfig.fromJson(
                SimEndpoints.marketJson(sim, instruments)
                        .put("intervals", new JsonArray().add("1m").add("5m"))
                        .put("closeGraceMillis", 25_000)
                        .put("tickMillis", 20)
                        .put("reconnectMinMillis", 50)
                        .put("reconnectMaxMillis", 2_000)
                        .put("pingMillis", 10_000)
                        .put("stallTimeoutMillis", STALL_TIMEOUT),
                "market");
    }

    @Test
    void upbitCandlesAreOnceInOrderAndEqualToTheTruthThroughFaults() throws Exception {
        join(vertx.deployVerticle(new MarketVerticle(config(List.of(KRW_BTC)), sim.clock(), "it")));

        awaitClock(START + 8 * MIN);
        // A second code at runtime: a replacement connection takes over once it has proven its overlap.
        SubscriptionList afterAdd = join(vertx.eventBus()
                        .<SubscriptionList>request(
                                Addresses.CONTROL_SUBSCRIPTIONS,
                                new SubscriptionCommand(SubscriptionCommand.Action.ADD, KRW_ETH)))
                .body();
        assertThat(afterAdd.instruments()).containsExactly(KRW_BTC, KRW_ETH);

        awaitClock(START + 13 * MIN);
        // Resent until counted: a frame sent while a connection is being replaced reaches nobody.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    join(sim.faults().sendGarbageFrame());
                    return counter("badInput.malformed-json") > 0;
                });
        awaitClock(START + 18 * MIN);
        // REST answers 429 over one request per sim second, and a client that ignores them is blocked (418):
        // the gap fill after the drop has to wait its turn.
        sim.faults().upbitRestLimit(1);
        join(sim.faults().dropUpbitConnections());
        awaitClock(START + 22 * MIN);
        sim.faults().upbitRestLimit(10);
        sim.faults().upbitRestBan(90_000);
        join(sim.faults().dropUpbitConnections());
        awaitClock(START + 30 * MIN);
        join(sim.faults().stallStreams(STALL_TIMEOUT + 2 * MIN));

        long end = START + 45 * MIN;
        awaitClock(end);
        for (Instrument i : List.of(KRW_BTC, KRW_ETH)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lastOpen(i) >= end - 3 * MIN);
        }

        List<Candle> snapshot = new ArrayList<>(closed);
        Set<String> keys = new HashSet<>();
        for (Candle c : snapshot) {
            assertThat(keys.add(c.key())).as("published twice: %s", c.key()).isTrue();
        }
        assertEqualsTruth(snapshot, KRW_BTC);
        assertEqualsTruth(snapshot, KRW_ETH);
        assertThat(of(snapshot, KRW_BTC, Interval.M1))
                .filteredOn(c -> c.source() == CandleSource.AGGREGATED)
                .as("live, trade-built minutes")
                .hasSizeGreaterThan(10);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Heartbeat feed = heartbeats.get(FEED);
            assertThat(feed).isNotNull();
            assertThat(feed.state()).isEqualTo("live");
            assertThat(feed.counters().get("handovers")).isEqualTo(1L);
            assertThat(feed.counters().get("gapsFilled")).isGreaterThanOrEqualTo(3L);
            assertThat(feed.counters().get("stalls")).isGreaterThanOrEqualTo(1L);
            assertThat(feed.counters().get("restBans")).isGreaterThanOrEqualTo(1L);
            assertThat(feed.counters().get("statusUp")).isPositive();
            assertThat(heartbeats.get(AGGREGATOR).counters()).containsEntry("lateTrades", 0L);
        });
    }

    /** One candle per minute from the first published on, equal to the truth (REST ones by price and volume). */
    private void assertEqualsTruth(List<Candle> all, Instrument i) {
        Map<Long, Candle> truth = new TreeMap<>();
        for (Candle c : sim.truth(i)) {
            truth.put(c.openTime(), c);
        }
        List<Candle> minutes = of(all, i, Interval.M1);
        assertThat(minutes).as("%s 1m", i).hasSizeGreaterThan(100);
        long first = minutes.get(0).openTime();
        long last = minutes.get(minutes.size() - 1).openTime();
        for (int k = 1; k < minutes.size(); k++) {
            assertThat(minutes.get(k).openTime())
                    .as("%s contiguous, in order", i)
                    .isEqualTo(minutes.get(k - 1).openTime() + MIN);
        }
        // The truth has a flat candle for every minute without trades, as the feed publishes it (ADR 0004).
        assertThat(minutes.stream().map(Candle::openTime).toList())
                .as("%s minutes match the truth", i)
                .isEqualTo(truth.keySet().stream()
                        .filter(t -> t >= first && t <= last)
                        .toList());
        for (Candle c : minutes) {
            Candle t = truth.get(c.openTime());
            if (c.source() == CandleSource.REST) {
                assertThat(List.of(c.open(), c.high(), c.low(), c.close(), c.volume(), c.quoteVolume()))
                        .as("%s REST %s equals truth %s", i, c, t)
                        .usingElementComparator(BigDecimal::compareTo)
                        .containsExactlyElementsOf(
                                List.of(t.open(), t.high(), t.low(), t.close(), t.volume(), t.quoteVolume()));
            } else {
                assertThat(c.sameValues(t)).as("%s %s equals truth %s", i, c, t).isTrue();
            }
        }
        if (i.equals(KRW_ETH)) {
            assertThat(minutes)
                    .filteredOn(c -> c.source() == CandleSource.AGGREGATED
                            && c.tradeCount() == 0
                            && c.volume().signum() == 0)
                    .as("%s minutes without trades, published flat", i)
                    .isNotEmpty();
        }
    }

    private long counter(String name) {
        Heartbeat h = heartbeats.get(FEED);
        return h == null ? 0 : h.counters().getOrDefault(name, 0L);
    }

    private void awaitClock(long time) {
        await().atMost(Duration.ofSeconds(40)).until(() -> sim.clock().millis() >= time);
    }

    private long lastOpen(Instrument i) {
        return closed.stream()
                .filter(c -> c.instrument().equals(i) && c.interval() == Interval.M1)
                .mapToLong(Candle::openTime)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    private static List<Candle> of(List<Candle> all, Instrument i, Interval interval) {
        return all.stream()
                .filter(c -> c.instrument().equals(i) && c.interval() == interval)
                .toList();
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
