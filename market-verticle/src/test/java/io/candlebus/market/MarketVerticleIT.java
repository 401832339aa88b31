package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
 * Runs the market verticle against the exchange simulator at 120x and checks every closed candle
 * against the simulator's truth: exactly once, in order, contiguous, equal.
 */
@ExtendWith(VertxExtension.class)
class MarketVerticleIT {
    /** 2026-01-01T00:00:17Z: mid-minute, so the seams are exercised with a partial first minute. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    private static final long STALL_TIMEOUT = 4 * MIN;
    private static final Instrument SPOT_BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument SPOT_ETH = Instrument.parse("binance:spot:ETHUSDT");
    private static final Instrument USDM_BTC = Instrument.parse("binance:usdm:BTCUSDT");
    private static final Instrument COINM_BTC = Instrument.parse("binance:coinm:BTCUSD_PERP");
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");

    private Vertx vertx;
    private ExchangeSimulator sim;
    private final List<Candle> closed = new CopyOnWriteArrayList<>();
    private final Set<String> liveStreams = ConcurrentHashMap.newKeySet();
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        this.vertx = vertx;
        Codecs.registerAll(vertx.eventBus());
        List<SimInstrument> instruments = SimConfig.demoInstruments().stream()
                .map(i -> i.instrument().equals(KRW_ETH) ? i.withEmptyMinuteProbability(0.2) : i)
                .toList();
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(11)
                // Modest, so that a loaded machine pausing this JVM for a second is not a 5-minute silence.
                .withSpeed(120)
                .withStartTime(START)
                .withHistoryMinutes(720)
                .withInstruments(instruments);
        sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_LIVE, m -> {
            assertThat(m.body().closed()).isFalse();
            liveStreams.add(m.body().instrument() + "/" + m.body().interval());
        });
        vertx.eventBus()
                .<Heartbeat>consumer(
                        Addresses.STATUS_HEARTBEAT, m -> heartbeats.put(m.body().component(), m.body()));
        // A stand-in recorder that acknowledges every candle.
        StandInRecorder.acknowledging(vertx, "stand-in", c -> recorded.add(c.key()));
    }

    @AfterEach
    void stopSimulator() throws Exception {
        join(sim.close());
    }

    private MarketConfig config(List<Instrument> instruments) {
        return MarketConfig.fromJson(configJson(instruments), "market");
    }

    private JsonObject configJson(List<Instrument> instruments) {
        return SimEndpoints.marketJson(sim, instruments)
                .put("intervals", new JsonArray().add("1m").add("5m"))
                // Clock (sim) time: generous, so scheduler jitter at 120x cannot close a candle early.
                .put("closeGraceMillis", 25_000)
                // Real time.
                .put("tickMillis", 20)
                .put("reconnectMinMillis", 50)
                .put("reconnectMaxMillis", 2_000)
                .put("pingMillis", 10_000)
                // Clock time: 2 s real at 120x, above the pauses of a loaded machine.
                .put("stallTimeoutMillis", STALL_TIMEOUT);
    }

    @Test
    void everyClosedCandleOnceInOrderAndEqualToTheTruth() throws Exception {
        MarketConfig config = config(List.of(SPOT_BTC, USDM_BTC, COINM_BTC, KRW_BTC));
        // One klines request per sim minute on spot: fills of its two streams after a drop meet 429s.
        sim.faults().restWeightLimit(Market.SPOT, 2);
        join(vertx.deployVerticle(new MarketVerticle(config, sim.clock(), "it")));

        await().atMost(Duration.ofSeconds(30)).until(() -> sim.clock().millis() >= START + 8 * MIN);
        // Runtime subscriptions: a second spot symbol (SUBSCRIBE on the open connection) and a second
        // Bithumb code (handed over to a replacement connection, which must not disturb KRW-BTC).
        SubscriptionList afterAdd = control(new SubscriptionCommand(SubscriptionCommand.Action.ADD, SPOT_ETH));
        assertThat(afterAdd.instruments()).contains(SPOT_ETH);
        afterAdd = control(new SubscriptionCommand(SubscriptionCommand.Action.ADD, KRW_ETH));
        assertThat(afterAdd.instruments())
                .containsExactlyInAnyOrder(SPOT_BTC, SPOT_ETH, USDM_BTC, COINM_BTC, KRW_BTC, KRW_ETH)
                .isSortedAccordingTo(Instrument::compareTo);

        // Faults: bad frames are counted and dropped; dropped connections and a spot server shutdown are
        // followed by reconnects and REST gap fills.
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.clock().millis() >= START + 14 * MIN);
        // Resent until counted: a frame sent while a connection is being replaced reaches nobody.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    join(sim.faults().sendGarbageFrame());
                    return malformed("market.binance.spot") > 0 && malformed("market.bithumb") > 0;
                });
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.clock().millis() >= START + 20 * MIN);
        join(sim.faults().dropConnections());
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.clock().millis() >= START + 27 * MIN);
        join(sim.faults().serverShutdown(5_000));
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.clock().millis() >= START + 33 * MIN);
        join(sim.faults().stallStreams(STALL_TIMEOUT + 2 * MIN));

        long end = START + 45 * MIN;
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.clock().millis() >= end);
        for (Instrument i : List.of(SPOT_BTC, SPOT_ETH, USDM_BTC, COINM_BTC, KRW_BTC, KRW_ETH)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> lastOpen(i, Interval.M1) >= end - 3 * MIN);
        }

        List<Candle> snapshot = new ArrayList<>(closed);
        assertExactlyOnce(snapshot);
        for (Instrument i : List.of(SPOT_BTC, USDM_BTC, COINM_BTC)) {
            assertBinance(snapshot, i);
        }
        // Added at runtime: warm-up history then live, still contiguous.
        assertBinance(snapshot, SPOT_ETH);
        assertBithumb(snapshot, KRW_BTC);
        assertBithumb(snapshot, KRW_ETH);

        // The live path was exercised (trade-built minutes), not only REST.
        assertThat(of(snapshot, KRW_BTC, Interval.M1))
                .filteredOn(c -> c.source() == CandleSource.AGGREGATED)
                .hasSizeGreaterThan(10);
        assertThat(of(snapshot, SPOT_BTC, Interval.M1))
                .filteredOn(c -> c.source() == CandleSource.WEBSOCKET)
                .hasSizeGreaterThan(10);

        assertThat(liveStreams)
                .contains(
                        SPOT_BTC + "/1m",
                        SPOT_BTC + "/5m",
                        USDM_BTC + "/1m",
                        COINM_BTC + "/1m",
                        KRW_BTC + "/1m",
                        KRW_BTC + "/5m");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorded)
                .containsAll(snapshot.stream().map(Candle::key).toList()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(heartbeats)
                    .containsKeys(
                            "market.binance.spot",
                            "market.binance.usdm",
                            "market.binance.coinm",
                            "market.bithumb",
                            CandleVerticle.component(0));
            assertThat(heartbeats.get("market.binance.spot").state()).isEqualTo("live");
            assertThat(heartbeats.get("market.bithumb").state()).isEqualTo("live");
            for (int shard = 0; shard < config.effectiveCandleShards(); shard++) {
                assertThat(heartbeats.get(CandleVerticle.component(shard)).counters())
                        .containsEntry("recorderDropped", 0L)
                        .containsEntry("lateTrades", 0L)
                        .containsEntry("seqGaps", 0L);
            }
            for (String feed :
                    List.of("market.binance.spot", "market.binance.usdm", "market.binance.coinm", "market.bithumb")) {
                Map<String, Long> counters = heartbeats.get(feed).counters();
                for (String counter : List.of("reconnects", "gapsFilled")) {
                    assertThat(counters.get(counter))
                            .as("%s %s in %s", feed, counter, counters)
                            .isPositive();
                }
            }
            Map<String, Long> spot = heartbeats.get("market.binance.spot").counters();
            assertThat(spot.get("restFailures")).as("spot 429s in %s", spot).isPositive();
            Map<String, Long> bithumb = heartbeats.get("market.bithumb").counters();
            assertThat(bithumb.get("stalls"))
                    .as("bithumb stalls in %s", bithumb)
                    .isPositive();
            assertThat(bithumb.get("quietMinutes"))
                    .as("bithumb REST minutes without trades in %s", bithumb)
                    .isPositive();
            Heartbeat beat = heartbeats.get("market.bithumb");
            assertThat(beat.streams()).extracting(StreamStatus::instrument).containsExactly(KRW_BTC, KRW_ETH);
            for (StreamStatus stream : beat.streams()) {
                assertThat(stream.state()).as("%s", stream).isEqualTo(StreamState.LIVE);
                // Current although KRW-ETH has quiet minutes: every message on its connection counts.
                assertThat(beat.time() - stream.lastMessageTime())
                        .as("%s age", stream)
                        .isBetween(0L, STALL_TIMEOUT);
                assertThat(stream.reconnects()).as("%s", stream).isPositive();
                assertThat(stream.gapsFilled()).as("%s", stream).isPositive();
                assertThat(stream.openGaps()).as("%s", stream).isZero();
                assertThat(stream.bannedUntil()).as("%s", stream).isZero();
            }
        });
    }

    @Test
    void controlRepliesListAndRejectsBadRequests() throws Exception {
        MarketConfig config = config(List.of(SPOT_BTC));
        join(vertx.deployVerticle(new MarketVerticle(config, sim.clock(), "it")));

        assertThat(control(new SubscriptionCommand(SubscriptionCommand.Action.LIST, null))
                        .instruments())
                .containsExactly(SPOT_BTC);
        assertThat(control(new SubscriptionCommand(SubscriptionCommand.Action.ADD, USDM_BTC))
                        .instruments())
                .containsExactly(SPOT_BTC, USDM_BTC);
        assertThat(control(new SubscriptionCommand(SubscriptionCommand.Action.REMOVE, SPOT_BTC))
                        .instruments())
                .containsExactly(USDM_BTC);

        ReplyException notFollowed = failure(new SubscriptionCommand(SubscriptionCommand.Action.REMOVE, SPOT_ETH));
        assertThat(notFollowed.failureCode()).isEqualTo(FailureCode.NOT_FOUND.code());
        assertThat(notFollowed.getMessage()).contains("binance:spot:ETHUSDT");

        ReplyException badExchange =
                failure(new JsonObject().put("action", "ADD").put("instrument", "kraken:spot:XBTUSD"));
        assertThat(badExchange.failureCode()).isEqualTo(FailureCode.INVALID.code());
        assertThat(badExchange.getMessage()).contains("exchange").contains("kraken");

        ReplyException badMarket =
                failure(new JsonObject().put("action", "ADD").put("instrument", "binance:margin:BTCUSDT"));
        assertThat(badMarket.failureCode()).isEqualTo(FailureCode.INVALID.code());
        assertThat(badMarket.getMessage()).contains("market").contains("margin");

        // The added instrument delivers: its candles start arriving.
        await().atMost(Duration.ofSeconds(20)).until(() -> lastOpen(USDM_BTC, Interval.M1) > START);
        assertThat(new Instrument(Exchange.BINANCE, Market.USDM, "BTCUSDT")).isEqualTo(USDM_BTC);
    }

    @Test
    void instrumentsTheVenueDoesNotListAndAddsOverTheCapAreRejectedByName() throws Exception {
        Instrument misspelt = Instrument.parse("binance:spot:BTCUSDX");
        Instrument noCode = Instrument.parse("bithumb:spot:KRW-BTX");
        MarketConfig config = MarketConfig.fromJson(
                configJson(List.of(SPOT_BTC, misspelt, KRW_BTC, noCode)).put("maxInstruments", 5), "market");
        join(vertx.deployVerticle(new MarketVerticle(config, sim.clock(), "it")));

        // Configured symbols the venues do not list keep the node running and show as unknown; the
        // others of their feeds go live.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stateOf("market.binance.spot", misspelt) == StreamState.UNKNOWN
                        && stateOf("market.bithumb", noCode) == StreamState.UNKNOWN
                        && stateOf("market.bithumb", KRW_BTC) == StreamState.LIVE
                        && stateOf("market.binance.spot", SPOT_BTC) == StreamState.LIVE);

        ReplyException unknown = failure(
                new SubscriptionCommand(SubscriptionCommand.Action.ADD, Instrument.parse("binance:spot:NOSUCHCOIN")));
        assertThat(unknown.failureCode()).isEqualTo(FailureCode.REJECTED.code());
        assertThat(FailureCode.of(unknown.failureCode()).httpStatus()).isEqualTo(422);
        assertThat(unknown.getMessage()).contains("binance:spot:NOSUCHCOIN").contains("does not list");

        ReplyException unknownCode = failure(
                new SubscriptionCommand(SubscriptionCommand.Action.ADD, Instrument.parse("bithumb:spot:KRW-NOSUCH")));
        assertThat(unknownCode.failureCode()).isEqualTo(FailureCode.REJECTED.code());
        assertThat(unknownCode.getMessage()).contains("bithumb:spot:KRW-NOSUCH");

        assertThat(control(new SubscriptionCommand(SubscriptionCommand.Action.ADD, USDM_BTC))
                        .instruments())
                .containsExactly(SPOT_BTC, misspelt, USDM_BTC, KRW_BTC, noCode);
        ReplyException overCap = failure(new SubscriptionCommand(SubscriptionCommand.Action.ADD, SPOT_ETH));
        assertThat(overCap.failureCode()).isEqualTo(FailureCode.REJECTED.code());
        assertThat(overCap.getMessage()).contains("binance:spot:ETHUSDT").contains("market.maxInstruments");
        assertThat(control(new SubscriptionCommand(SubscriptionCommand.Action.LIST, null))
                        .instruments())
                .as("nothing refused was added")
                .containsExactly(SPOT_BTC, misspelt, USDM_BTC, KRW_BTC, noCode);
    }

    // ---- helpers ----

    private StreamState stateOf(String component, Instrument instrument) {
        Heartbeat h = heartbeats.get(component);
        if (h == null) {
            return null;
        }
        return h.streams().stream()
                .filter(s -> s.instrument().equals(instrument))
                .map(StreamStatus::state)
                .findFirst()
                .orElse(null);
    }

    private SubscriptionList control(Object command) {
        return join(vertx.eventBus().<SubscriptionList>request(Addresses.CONTROL_SUBSCRIPTIONS, command))
                .body();
    }

    private ReplyException failure(Object command) {
        Throwable cause = awaitFailure(vertx.eventBus().request(Addresses.CONTROL_SUBSCRIPTIONS, command));
        assertThat(cause).isInstanceOf(ReplyException.class);
        return (ReplyException) cause;
    }

    private long malformed(String component) {
        Heartbeat h = heartbeats.get(component);
        return h == null ? 0 : h.counters().getOrDefault("badInput.malformed-json", 0L);
    }

    private long lastOpen(Instrument i, Interval interval) {
        long last = Long.MIN_VALUE;
        for (Candle c : closed) {
            if (c.instrument().equals(i) && c.interval() == interval) {
                last = Math.max(last, c.openTime());
            }
        }
        return last;
    }

    private static List<Candle> of(List<Candle> all, Instrument i, Interval interval) {
        return all.stream()
                .filter(c -> c.instrument().equals(i) && c.interval() == interval)
                .toList();
    }

    private static void assertExactlyOnce(List<Candle> all) {
        Set<String> keys = new HashSet<>();
        for (Candle c : all) {
            assertThat(keys.add(c.key())).as("published twice: %s", c.key()).isTrue();
            assertThat(c.closed()).isTrue();
        }
    }

    private void assertBinance(List<Candle> all, Instrument i) {
        Map<Long, Candle> truth = truthByOpen(i);
        List<Candle> minutes = of(all, i, Interval.M1);
        // Warm-up: 120 candles of 5m = 600 minutes of history, then at least half an hour live.
        assertThat(minutes).as("%s 1m", i).hasSizeGreaterThan(600 + 30);
        assertThat(Interval.M5.isAligned(minutes.get(0).openTime()))
                .as("%s warm-up start", i)
                .isTrue();
        for (int k = 0; k < minutes.size(); k++) {
            Candle c = minutes.get(k);
            if (k > 0) {
                assertThat(c.openTime())
                        .as("%s contiguous, in order", i)
                        .isEqualTo(minutes.get(k - 1).openTime() + MIN);
            }
            Candle t = truth.get(c.openTime());
            assertThat(t).as("%s truth at %s", i, c.openTime()).isNotNull();
            assertThat(c.sameValues(t)).as("%s %s equals truth %s", i, c, t).isTrue();
        }
        List<Candle> fives = of(all, i, Interval.M5);
        assertThat(fives).as("%s 5m", i).hasSizeGreaterThan(100);
        for (int k = 0; k < fives.size(); k++) {
            Candle f = fives.get(k);
            if (k > 0) {
                assertThat(f.openTime())
                        .as("%s 5m contiguous", i)
                        .isEqualTo(fives.get(k - 1).openTime() + 5 * MIN);
            }
            Candle expected = aggregate(truth, f.openTime(), Interval.M5);
            assertThat(f.sameValues(expected))
                    .as("%s 5m %s equals truth %s", i, f, expected)
                    .isTrue();
        }
    }

    private void assertBithumb(List<Candle> all, Instrument i) {
        Map<Long, Candle> truth = truthByOpen(i);
        List<Candle> minutes = of(all, i, Interval.M1);
        assertThat(minutes).as("%s 1m", i).hasSizeGreaterThan(100);
        long first = minutes.get(0).openTime();
        long last = minutes.get(minutes.size() - 1).openTime();
        // One candle per minute, minutes without trades included (flat, ADR 0004), like Binance.
        for (int k = 1; k < minutes.size(); k++) {
            assertThat(minutes.get(k).openTime())
                    .as("%s contiguous, in order", i)
                    .isEqualTo(minutes.get(k - 1).openTime() + MIN);
        }
        List<Long> expectedOpens =
                truth.keySet().stream().filter(t -> t >= first && t <= last).toList();
        assertThat(minutes.stream().map(Candle::openTime).toList())
                .as("%s minutes match the truth", i)
                .isEqualTo(expectedOpens);
        for (Candle c : minutes) {
            Candle t = truth.get(c.openTime());
            if (c.source() == CandleSource.REST) {
                assertThat(samePrices(c, t))
                        .as("%s REST %s equals truth %s", i, c, t)
                        .isTrue();
            } else {
                assertThat(c.sameValues(t)).as("%s %s equals truth %s", i, c, t).isTrue();
            }
        }
        if (i.equals(KRW_ETH)) {
            // Quiet minutes both in REST history (filled by the feed) and live (closed by the aggregator).
            long firstTraded = minutes.stream()
                    .filter(c -> c.source() == CandleSource.AGGREGATED && c.tradeCount() > 0)
                    .mapToLong(Candle::openTime)
                    .min()
                    .orElseThrow();
            assertThat(minutes)
                    .filteredOn(c -> c.openTime() < firstTraded && isFlat(c))
                    .as("%s flat minutes in REST history", i)
                    .isNotEmpty();
            assertThat(minutes)
                    .filteredOn(c -> c.openTime() > firstTraded && isFlat(c))
                    .as("%s flat minutes live", i)
                    .isNotEmpty();
        }
        List<Candle> fives = of(all, i, Interval.M5);
        assertThat(fives).as("%s 5m", i).hasSizeGreaterThan(20);
        long firstFive = fives.get(0).openTime();
        long lastFive = fives.get(fives.size() - 1).openTime();
        List<Long> expectedFives = truth.keySet().stream()
                .map(Interval.M5::openTimeOf)
                .distinct()
                .filter(t -> t >= firstFive && t <= lastFive)
                .sorted()
                .toList();
        assertThat(fives.stream().map(Candle::openTime).toList())
                .as("%s 5m buckets", i)
                .isEqualTo(expectedFives);
        for (Candle f : fives) {
            Candle expected = aggregate(truth, f.openTime(), Interval.M5);
            assertThat(samePrices(f, expected))
                    .as("%s 5m %s equals truth %s", i, f, expected)
                    .isTrue();
        }
    }

    private Map<Long, Candle> truthByOpen(Instrument i) {
        Map<Long, Candle> out = new TreeMap<>();
        for (Candle c : sim.truth(i)) {
            out.put(c.openTime(), c);
        }
        return Collections.unmodifiableMap(out);
    }

    private static boolean isFlat(Candle c) {
        return c.source() == CandleSource.AGGREGATED
                && c.tradeCount() == 0
                && c.volume().signum() == 0
                && c.open().compareTo(c.close()) == 0
                && c.high().compareTo(c.low()) == 0;
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

    /** Aggregates the truth's 1m candles of one bucket independently of the code under test. */
    private static Candle aggregate(Map<Long, Candle> truth, long open, Interval interval) {
        List<Candle> parts = new ArrayList<>();
        for (long t = open; t < open + interval.millis(); t += MIN) {
            if (truth.containsKey(t)) {
                parts.add(truth.get(t));
            }
        }
        assertThat(parts).as("truth for bucket %s", open).isNotEmpty();
        Candle first = parts.get(0);
        Candle last = parts.get(parts.size() - 1);
        var high = first.high();
        var low = first.low();
        var volume = first.volume().subtract(first.volume());
        var quote = volume;
        var takerBase = volume;
        var takerQuote = volume;
        long count = 0;
        for (Candle c : parts) {
            high = high.max(c.high());
            low = low.min(c.low());
            volume = volume.add(c.volume());
            quote = quote.add(c.quoteVolume());
            takerBase = takerBase.add(c.takerBuyBaseVolume());
            takerQuote = takerQuote.add(c.takerBuyQuoteVolume());
            count += c.tradeCount();
        }
        return new Candle(
                first.instrument(),
                interval,
                open,
                first.open(),
                high,
                low,
                last.close(),
                volume,
                quote,
                count,
                takerBase,
                takerQuote,
                true,
                CandleSource.REST);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    private static Throwable awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure, the request succeeded");
    }
}
