package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The set-up and checks shared by the fault tests ({@link FaultRecoveryIT}, {@link BadInputRecoveryIT}; two
 * classes so that the ITs' two forks share them): each test starts a simulator and a market verticle, lets
 * them warm up, injects the fault, runs a few sim minutes more and checks that every closed 1m candle of both
 * streams (a Binance kline stream and a Bithumb trade stream) was published exactly once, in order, equal to
 * the simulator's truth, plus the fault's own evidence in the heartbeats.
 */
@ExtendWith(VertxExtension.class)
abstract class FaultRecoveryBase {
    /** 2026-01-01T00:00:17Z: mid-minute, so the first live minute starts partial. */
    static final long START = 1_767_225_617_000L;

    static final long MIN = 60_000L;
    /** Fast enough that a test runs ten sim minutes in a few seconds, slow enough for a loaded machine. */
    static final double SPEED = 240;
    /**
     * Sim time without a message before a connection counts as stalled: 2 s of real time, so that a
     * pause of a loaded machine is not taken for a stall (the bad-input tests expect no reconnect).
     */
    static final long STALL_TIMEOUT = 8 * MIN;

    static final Instrument SPOT_BTC = Instrument.parse("binance:spot:BTCUSDT");
    static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    static final List<Instrument> FOLLOWED = List.of(SPOT_BTC, KRW_BTC);
    static final String SPOT = "market.binance.spot";
    static final String BITHUMB = "market.bithumb";
    /** The candle shard that owns the Bithumb instrument (late trades are counted there). */
    static final String AGGREGATOR = CandleVerticle.component(
            FeedShards.shardOf(KRW_BTC, MarketConfig.defaults().effectiveCandleShards()));

    Vertx vertx;
    ExchangeSimulator sim;
    final List<Candle> closed = new CopyOnWriteArrayList<>();
    final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    final AtomicLong heartbeatCount = new AtomicLong();
    long faultAt;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        Codecs.registerAll(vertx.eventBus());
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(23)
                .withSpeed(SPEED)
                .withStartTime(START)
                .withHistoryMinutes(90)
                .withInstruments(SimConfig.demoInstruments().stream()
                        .filter(i -> FOLLOWED.contains(i.instrument()))
                        .toList());
        sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> {
            if (m.body().interval() == Interval.M1) {
                closed.add(m.body());
            }
        });
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> {
            heartbeats.put(m.body().component(), m.body());
            heartbeatCount.incrementAndGet();
        });
        // A stand-in recorder that acknowledges every candle: a stop then has nothing to wait for.
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
        join(vertx.deployVerticle(new MarketVerticle(config(), sim.clock(), "fault-it")));
        // Warm-up: REST history, then live minutes on both streams.
        awaitSimTime(START + 3 * MIN);
        for (Instrument i : FOLLOWED) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lastOpen(i) >= START - 17_000 + MIN);
        }
    }

    @AfterEach
    void stop() throws Exception {
        join(sim.close());
    }

    MarketConfig config() {
        JsonObject json = SimEndpoints.marketJson(sim, FOLLOWED)
                .put("intervals", new JsonArray().add("1m"))
                .put("warmupCandles", 20)
                // Clock (sim) time: generous, so scheduler jitter cannot close a candle early.
                .put("closeGraceMillis", 25_000)
                .put("stallTimeoutMillis", STALL_TIMEOUT)
                // Real time.
                .put("tickMillis", 20)
                .put("reconnectMinMillis", 50)
                .put("reconnectMaxMillis", 1_000)
                .put("pingMillis", 10_000);
        return MarketConfig.fromJson(json, "market");
    }

    /**
     * Sends a bad frame until every component in {@code expected} counted it: a frame sent while a
     * connection is (re)subscribing may reach nobody. Records the fault time.
     */
    void sendUntilCounted(Supplier<Future<Void>> send, Map<String, String> expected) {
        markFault();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    join(send.get());
                    Map<String, Long> now = new LinkedHashMap<>();
                    expected.forEach((component, counter) -> now.put(component, counter(component, counter)));
                    assertThat(now.values()).as("%s in %s", expected, now).allMatch(n -> n > 0);
                });
    }

    /** Records the sim time of the fault. */
    void markFault() {
        faultAt = sim.clock().millis();
    }

    /** Lets the sim run {@code simMillis} past the fault, then waits until both streams caught up. */
    void runAfterFault(long simMillis) {
        assertThat(faultAt).as("fault time").isPositive();
        long end = faultAt + simMillis;
        awaitSimTime(end);
        for (Instrument i : FOLLOWED) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lastOpen(i) >= end - 3 * MIN);
        }
    }

    void awaitSimTime(long simMillis) {
        await().atMost(Duration.ofSeconds(90)).until(() -> sim.clock().millis() >= simMillis);
    }

    /**
     * Every closed 1m candle of every stream exactly once, in order, and the published range equal to
     * the truth minute for minute; the range starts before the fault and ends after it.
     */
    void assertEveryCandleOnceInOrderAndTrue() {
        List<Candle> snapshot = new ArrayList<>(closed);
        Set<String> keys = new HashSet<>();
        for (Candle c : snapshot) {
            assertThat(keys.add(c.key())).as("published twice: %s", c.key()).isTrue();
            assertThat(c.closed()).as("closed flag of %s", c.key()).isTrue();
        }
        for (Instrument i : FOLLOWED) {
            List<Candle> minutes =
                    snapshot.stream().filter(c -> c.instrument().equals(i)).toList();
            assertThat(minutes).as("%s 1m", i).isNotEmpty();
            long first = minutes.get(0).openTime();
            long last = minutes.get(minutes.size() - 1).openTime();
            assertThat(first)
                    .as("%s first minute before the fault at %s", i, faultAt)
                    .isLessThan(faultAt - MIN);
            assertThat(last)
                    .as("%s last minute well after the fault at %s", i, faultAt)
                    .isGreaterThan(faultAt + MIN);
            Map<Long, Candle> truth = new LinkedHashMap<>();
            for (Candle t : sim.truth(i)) {
                if (t.openTime() >= first && t.openTime() <= last) {
                    truth.put(t.openTime(), t);
                }
            }
            assertThat(minutes.stream().map(Candle::openTime).toList())
                    .as("%s: every minute of the truth from first to last, once, in order", i)
                    .containsExactlyElementsOf(truth.keySet());
            for (Candle c : minutes) {
                Candle t = truth.get(c.openTime());
                // Bithumb REST candles carry no trade count and no taker volumes.
                boolean equal =
                        c.source() == CandleSource.REST && i.equals(KRW_BTC) ? samePrices(c, t) : c.sameValues(t);
                assertThat(equal).as("%s: %s equals the truth %s", i, c, t).isTrue();
            }
        }
    }

    static boolean samePrices(Candle a, Candle b) {
        return a.open().compareTo(b.open()) == 0
                && a.high().compareTo(b.high()) == 0
                && a.low().compareTo(b.low()) == 0
                && a.close().compareTo(b.close()) == 0
                && a.volume().compareTo(b.volume()) == 0
                && a.quoteVolume().compareTo(b.quoteVolume()) == 0;
    }

    /**
     * Returns {@code counter} of both feeds from heartbeats sent after this call: a heartbeat is sent
     * once a second, so one received earlier could miss what just happened.
     */
    Map<String, Long> counters(String counter) {
        long seen = heartbeatCount.get();
        Map<String, Long> out = new LinkedHashMap<>();
        for (String component : List.of(SPOT, BITHUMB)) {
            Heartbeat old = heartbeats.get(component);
            long oldTime = old == null ? Long.MIN_VALUE : old.time();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> heartbeatCount.get() > seen
                            && heartbeats.containsKey(component)
                            && heartbeats.get(component).time() > oldTime);
            out.put(component, heartbeats.get(component).counters().getOrDefault(counter, 0L));
        }
        return out;
    }

    long counter(String component, String counter) {
        Heartbeat h = heartbeats.get(component);
        return h == null ? 0 : h.counters().getOrDefault(counter, 0L);
    }

    void assertRose(Map<String, Long> before, String counter, String... components) {
        Map<String, Long> after = counters(counter);
        for (String component : components) {
            assertThat(after.get(component))
                    .as("%s %s: before %s, after %s", component, counter, before, after)
                    .isGreaterThan(before.get(component));
        }
    }

    void assertUnchanged(Map<String, Long> before, String counter, String... components) {
        Map<String, Long> after = counters(counter);
        for (String component : components) {
            assertThat(after.get(component))
                    .as("%s %s: before %s, after %s", component, counter, before, after)
                    .isEqualTo(before.get(component));
        }
    }

    long lastOpen(Instrument i) {
        long last = Long.MIN_VALUE;
        for (Candle c : closed) {
            if (c.instrument().equals(i)) {
                last = Math.max(last, c.openTime());
            }
        }
        return last;
    }

    static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
