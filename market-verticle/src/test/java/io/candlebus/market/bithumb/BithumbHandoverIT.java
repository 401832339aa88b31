package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.MarketVerticle;
import io.candlebus.market.StandInRecorder;
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
 * Adds and removes a Bithumb code at runtime against the exchange simulator and checks that the code
 * already followed is not disturbed: no reconnect, no REST gap fill, every candle equal to the truth once.
 */
@ExtendWith(VertxExtension.class)
class BithumbHandoverIT {
    /** 2026-01-01T00:00:17Z. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    /** Clock time: 5 s real at 60x, above the pauses of a loaded machine. */
    private static final long STALL_TIMEOUT = 5 * MIN;

    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");
    private static final String FEED = "market.bithumb";

    private Vertx vertx;
    private ExchangeSimulator sim;
    private final List<Candle> closed = new CopyOnWriteArrayList<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        this.vertx = vertx;
        Codecs.registerAll(vertx.eventBus());
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(23)
                .withSpeed(60)
                .withStartTime(START)
                .withHistoryMinutes(300)
                .withInstruments(SimConfig.demoInstruments());
        sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        vertx.eventBus()
                .<Heartbeat>consumer(
                        Addresses.STATUS_HEARTBEAT, m -> heartbeats.put(m.body().component(), m.body()));
        // Acknowledges every candle, so that the market verticle's stop has nothing to wait for.
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
    }

    @AfterEach
    void stopSimulator() throws Exception {
        join(sim.close());
    }

    @Test
    void addingOrRemovingACodeDisturbsNoOtherCode() throws Exception {
        JsonObject json = new JsonObject()
                .put("instruments", new JsonArray().add(KRW_BTC.key()))
                .put(
                        "bithumb",
                        new JsonObject().put("restUrl", sim.bithumbRestUrl()).put("wsUrl", sim.bithumbWsUrl()))
                .put("intervals", new JsonArray().add("1m"))
                .put("warmupCandles", 30)
                // Clock (sim) time: generous, so scheduler jitter cannot close a candle early.
                .put("closeGraceMillis", 25_000)
                .put("tickMillis", 20)
                .put("reconnectMinMillis", 50)
                .put("reconnectMaxMillis", 2_000)
                .put("pingMillis", 10_000)
                .put("stallTimeoutMillis", STALL_TIMEOUT);
        join(vertx.deployVerticle(new MarketVerticle(MarketConfig.fromJson(json, "market"), sim.clock(), "it")));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sim.clock().millis() >= START + 6 * MIN && state(KRW_BTC) == StreamState.LIVE);
        StreamStatus btcBefore = stream(KRW_BTC);
        Map<String, Long> before = heartbeats.get(FEED).counters();

        long added = sim.clock().millis();
        SubscriptionList afterAdd = control(new SubscriptionCommand(SubscriptionCommand.Action.ADD, KRW_ETH));
        assertThat(afterAdd.instruments()).containsExactly(KRW_BTC, KRW_ETH);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(KRW_ETH) == StreamState.LIVE);
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.clock().millis() >= added + 8 * MIN);

        SubscriptionList afterRemove = control(new SubscriptionCommand(SubscriptionCommand.Action.REMOVE, KRW_ETH));
        long removed = sim.clock().millis();
        assertThat(afterRemove.instruments()).containsExactly(KRW_BTC);

        long end = removed + 6 * MIN;
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.clock().millis() >= end);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastOpen(KRW_BTC) >= end - 3 * MIN);
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.get(FEED).time() >= end);

        List<Candle> snapshot = new ArrayList<>(closed);
        assertExactlyOnce(snapshot);
        List<Candle> btc = assertEqualToTruth(snapshot, KRW_BTC);
        List<Candle> eth = assertEqualToTruth(snapshot, KRW_ETH);
        long addMinute = Interval.M1.openTimeOf(added);
        assertThat(btc)
                .as("KRW-BTC built live across the add")
                .filteredOn(c -> c.source() == CandleSource.AGGREGATED && c.openTime() >= addMinute)
                .hasSizeGreaterThan(10);
        assertThat(eth)
                .as("KRW-ETH built live after its add")
                .filteredOn(c -> c.source() == CandleSource.AGGREGATED)
                .hasSizeGreaterThan(3);
        // The minute of the removal ends after it: no KRW-ETH candle may close from then on.
        assertThat(eth)
                .as("KRW-ETH after its removal")
                .filteredOn(c -> c.openTime() >= Interval.M1.openTimeOf(removed))
                .isEmpty();

        Heartbeat beat = heartbeats.get(FEED);
        assertThat(beat.streams()).extracting(StreamStatus::instrument).containsExactly(KRW_BTC);
        StreamStatus btcAfter = beat.streams().get(0);
        assertThat(btcAfter.state()).isEqualTo(StreamState.LIVE);
        assertThat(btcAfter.reconnects()).as("KRW-BTC reconnects").isEqualTo(btcBefore.reconnects());
        assertThat(btcAfter.gapsFilled()).as("KRW-BTC gaps filled").isEqualTo(btcBefore.gapsFilled());
        assertThat(btcAfter.openGaps()).as("KRW-BTC open gaps").isZero();
        Map<String, Long> after = beat.counters();
        assertThat(after.get("handovers")).as("handovers in %s", after).isEqualTo(1L);
        assertThat(after.get("handoversAbandoned")).as("abandoned in %s", after).isZero();
        for (String counter : List.of("reconnects", "resubscribes", "gapsFilled", "stalls")) {
            assertThat(after.get(counter)).as("%s in %s", counter, after).isEqualTo(before.get(counter));
        }
        // KRW-ETH's trades still arriving on the running connection after its removal are dropped quietly.
        assertThat(after.get("ignoredMessages")).as("ignored in %s", after).isPositive();
        assertThat(after.getOrDefault("badInput.unknown-symbol", 0L))
                .as("unknown codes in %s", after)
                .isZero();
    }

    /** Asserts the code's 1m candles contiguous and equal to the truth; returns them. */
    private List<Candle> assertEqualToTruth(List<Candle> all, Instrument i) {
        Map<Long, Candle> truth = new TreeMap<>();
        for (Candle c : sim.truth(i)) {
            truth.put(c.openTime(), c);
        }
        List<Candle> minutes = all.stream()
                .filter(c -> c.instrument().equals(i) && c.interval() == Interval.M1)
                .toList();
        assertThat(minutes).as("%s 1m", i).hasSizeGreaterThan(10);
        long first = minutes.get(0).openTime();
        long last = minutes.get(minutes.size() - 1).openTime();
        for (int k = 1; k < minutes.size(); k++) {
            assertThat(minutes.get(k).openTime())
                    .as("%s contiguous, in order", i)
                    .isEqualTo(minutes.get(k - 1).openTime() + MIN);
        }
        assertThat(minutes.stream().map(Candle::openTime).toList())
                .as("%s minutes match the truth", i)
                .isEqualTo(truth.keySet().stream()
                        .filter(t -> t >= first && t <= last)
                        .toList());
        for (Candle c : minutes) {
            Candle t = truth.get(c.openTime());
            if (c.source() == CandleSource.REST) {
                // Bithumb REST candles carry no trade count or taker volumes.
                assertThat(samePrices(c, t))
                        .as("%s REST %s equals truth %s", i, c, t)
                        .isTrue();
            } else {
                assertThat(c.sameValues(t)).as("%s %s equals truth %s", i, c, t).isTrue();
            }
        }
        return minutes;
    }

    private StreamState state(Instrument i) {
        StreamStatus s = stream(i);
        return s == null ? null : s.state();
    }

    private StreamStatus stream(Instrument i) {
        Heartbeat h = heartbeats.get(FEED);
        if (h == null) {
            return null;
        }
        return h.streams().stream()
                .filter(s -> s.instrument().equals(i))
                .findFirst()
                .orElse(null);
    }

    private SubscriptionList control(Object command) {
        return join(vertx.eventBus().<SubscriptionList>request(Addresses.CONTROL_SUBSCRIPTIONS, command))
                .body();
    }

    private long lastOpen(Instrument i) {
        return closed.stream()
                .filter(c -> c.instrument().equals(i) && c.interval() == Interval.M1)
                .mapToLong(Candle::openTime)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    private static void assertExactlyOnce(List<Candle> all) {
        Set<String> keys = new HashSet<>();
        for (Candle c : all) {
            assertThat(keys.add(c.key())).as("published twice: %s", c.key()).isTrue();
            assertThat(c.closed()).isTrue();
        }
    }

    private static boolean samePrices(Candle a, Candle b) {
        return a.openTime() == b.openTime()
                && a.open().compareTo(b.open()) == 0
                && a.high().compareTo(b.high()) == 0
                && a.low().compareTo(b.low()) == 0
                && a.close().compareTo(b.close()) == 0
                && a.volume().compareTo(b.volume()) == 0
                && a.quoteVolume().compareTo(b.quoteVolume()) == 0;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
