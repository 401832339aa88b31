package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Trade;
import io.candlebus.contract.TradeBatch;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.MarketVerticle;
import io.candlebus.market.SimEndpoints;
import io.candlebus.market.StandInRecorder;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.WireForms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the Bithumb feed against the simulator in each of its wire forms: the real one (trade
 * {@code sequential_id} as a string, ticker {@code delisting_date} as {@code ""}, REST numbers as
 * numbers) and the alternate one (numeric ids, {@code null} dates, every REST candle value a numeric
 * string). Either way every trade is taken with its venue id, nothing is counted as bad input, and the
 * candles built from REST history and live trades equal the simulator's truth.
 */
@ExtendWith(VertxExtension.class)
class BithumbWireFormsIT {
    /** 2026-01-01T00:00:17Z. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final String FEED = "market.bithumb";

    private final List<Candle> closed = new CopyOnWriteArrayList<>();
    private final List<Trade> trades = new CopyOnWriteArrayList<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theRealFormsGiveTradesWithTheirIdsAndCandlesEqualToTheTruth(Vertx vertx) throws Exception {
        run(vertx, WireForms.real());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theAlternateFormsGiveTheSame(Vertx vertx) throws Exception {
        run(vertx, WireForms.alternate());
    }

    private void run(Vertx vertx, WireForms forms) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(29)
                .withSpeed(120)
                .withStartTime(START)
                .withHistoryMinutes(120)
                .withWireForms(forms);
        ExchangeSimulator sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        vertx.eventBus()
                .<TradeBatch>consumer(
                        Addresses.MARKET_TRADES, m -> trades.addAll(m.body().trades()));
        vertx.eventBus()
                .<Heartbeat>consumer(
                        Addresses.STATUS_HEARTBEAT, m -> heartbeats.put(m.body().component(), m.body()));
        // Acknowledges every candle, so that the market verticle's stop has nothing to wait for.
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
        try {
            join(vertx.deployVerticle(new MarketVerticle(config(sim), sim.clock(), "it")));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> closed.stream()
                                    .filter(c -> c.instrument().equals(KRW_BTC) && c.interval() == Interval.M1)
                                    .filter(c -> c.source() == CandleSource.AGGREGATED)
                                    .count()
                            >= 4);
            long end = sim.clock().millis();
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            heartbeats.containsKey(FEED) && heartbeats.get(FEED).time() >= end);

            Map<String, Long> counters = heartbeats.get(FEED).counters();
            assertThat(counters.keySet())
                    .as("no message or REST row counted as bad input: %s", counters)
                    .noneMatch(k -> k.startsWith("badInput."));
            assertThat(counters.get("restRows")).as("REST candles read").isPositive();
            assertThat(counters.get("trades")).as("live trades taken").isPositive();
            assertThat(trades).isNotEmpty();
            // The simulator's ids are trade_timestamp * 10000 + n: each trade kept the id the venue sent.
            assertThat(trades).allSatisfy(t -> assertThat(t.tradeId() / 10_000L).isEqualTo(t.tradeTime()));
            assertEqualToTruth(sim);
        } finally {
            join(sim.close());
        }
    }

    private MarketConfig config(ExchangeSimulator sim) {
        return MarketConfig.fromJson(
                SimEndpoints.marketJson(sim, List.of(KRW_BTC))
                        .put("intervals", new JsonArray().add("1m"))
                        .put("warmupCandles", 30)
                        .put("closeGraceMillis", 25_000)
                        .put("stallTimeoutMillis", 300_000)
                        .put("tickMillis", 20)
                        .put("reconnectMinMillis", 50)
                        .put("reconnectMaxMillis", 2_000),
                "market");
    }

    private void assertEqualToTruth(ExchangeSimulator sim) {
        List<Candle> minutes = closed.stream()
                .filter(c -> c.instrument().equals(KRW_BTC) && c.interval() == Interval.M1)
                .toList();
        assertThat(minutes.stream().map(Candle::source))
                .as("candles from REST history and from live trades")
                .contains(CandleSource.REST, CandleSource.AGGREGATED);
        Map<Long, Candle> truth = new TreeMap<>();
        sim.truth(KRW_BTC).forEach(c -> truth.put(c.openTime(), c));
        for (int k = 1; k < minutes.size(); k++) {
            assertThat(minutes.get(k).openTime())
                    .as("contiguous, in order, once each")
                    .isEqualTo(minutes.get(k - 1).openTime() + MIN);
        }
        for (Candle c : minutes) {
            Candle t = truth.get(c.openTime());
            assertThat(t).as("truth at %s", c.openTime()).isNotNull();
            boolean equal = c.source() == CandleSource.REST
                    ? c.open().compareTo(t.open()) == 0
                            && c.high().compareTo(t.high()) == 0
                            && c.low().compareTo(t.low()) == 0
                            && c.close().compareTo(t.close()) == 0
                            && c.volume().compareTo(t.volume()) == 0
                            && c.quoteVolume().compareTo(t.quoteVolume()) == 0
                    : c.sameValues(t);
            assertThat(equal).as("%s equals truth %s", c, t).isTrue();
        }
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
