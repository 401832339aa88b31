package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.MarketVerticle;
import io.candlebus.market.SimEndpoints;
import io.candlebus.market.StandInRecorder;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reconnects the Bithumb feed while the venue's link is stalled (found by the soak): the new connection
 * stays silent for longer than the quiet-market minute but less than the stall timeout, then resumes
 * without replaying what it missed. No seam may be set on a connection that never answered, so every
 * minute after the stall is still complete and equal to the simulator's truth. KRW-ETH is quiet (a third
 * of its minutes without trades, some during the stall): its stream stays contiguous across the stall,
 * quiet minutes flat.
 */
@ExtendWith(VertxExtension.class)
class BithumbStallIT {
    /** 2026-01-01T00:00:17Z. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");
    /** Longer than the quiet-market minute plus a whole minute, shorter than the stall timeout. */
    private static final long STALL_MILLIS = 200_000L;

    private final List<Candle> closed = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aConnectionOpenedDuringAStallSetsNoSeamUntilItIsHeard(Vertx vertx) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(5)
                // Modest: the stall timeout is 2.5 s real, above the pauses of a loaded machine.
                .withSpeed(120)
                .withStartTime(START)
                .withHistoryMinutes(720)
                .withInstruments(SimConfig.demoInstruments().stream()
                        .map(i -> i.instrument().equals(KRW_ETH) ? i.withEmptyMinuteProbability(0.35) : i)
                        .toList());
        ExchangeSimulator sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        // Acknowledges every candle, so that the market verticle's stop has nothing to wait for.
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
        try {
            join(vertx.deployVerticle(new MarketVerticle(config(sim), sim.clock(), "it")));
            await().atMost(Duration.ofSeconds(30)).until(() -> closed.stream()
                    .anyMatch(c -> c.instrument().equals(KRW_BTC) && c.source() == CandleSource.AGGREGATED));

            long stallEnd = sim.clock().millis() + STALL_MILLIS;
            join(sim.faults().stallStreams(STALL_MILLIS));
            // The feed reconnects at once, onto the stalled link: silent for about 3 minutes, then live again.
            join(sim.faults().dropBithumbConnections());

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lastOpen(KRW_BTC) >= stallEnd + 4 * MIN && lastOpen(KRW_ETH) >= stallEnd + 4 * MIN);
            assertEqualToTruth(sim, KRW_BTC);
            assertEqualToTruth(sim, KRW_ETH);
            long stallStart = stallEnd - STALL_MILLIS;
            assertThat(closed)
                    .filteredOn(c -> c.instrument().equals(KRW_ETH) && c.interval() == Interval.M1)
                    .filteredOn(c -> c.tradeCount() == 0 && c.source() == CandleSource.AGGREGATED)
                    .as("KRW-ETH minutes without trades, flat, after the stall began")
                    .anyMatch(c -> c.openTime() >= stallStart);
        } finally {
            join(sim.close());
        }
    }

    private MarketConfig config(ExchangeSimulator sim) {
        return MarketConfig.fromJson(
                SimEndpoints.marketJson(sim, List.of(KRW_BTC, KRW_ETH))
                        .put("intervals", new JsonArray().add("1m"))
                        .put("closeGraceMillis", 25_000)
                        .put("stallTimeoutMillis", 300_000)
                        .put("tickMillis", 20)
                        .put("reconnectMinMillis", 50)
                        .put("reconnectMaxMillis", 2_000),
                "market");
    }

    private void assertEqualToTruth(ExchangeSimulator sim, Instrument instrument) {
        List<Candle> minutes = closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M1)
                .toList();
        Set<Long> seen = new HashSet<>();
        minutes.forEach(c -> assertThat(seen.add(c.openTime()))
                .as("%s published once", c.key())
                .isTrue());
        Map<Long, Candle> truth = new TreeMap<>();
        sim.truth(instrument).forEach(c -> truth.put(c.openTime(), c));
        long first = minutes.get(0).openTime();
        long last = minutes.get(minutes.size() - 1).openTime();
        for (int k = 1; k < minutes.size(); k++) {
            assertThat(minutes.get(k).openTime())
                    .as("%s contiguous, in order", instrument)
                    .isEqualTo(minutes.get(k - 1).openTime() + MIN);
        }
        assertThat(minutes.stream().map(Candle::openTime).toList())
                .as("%s minutes, in order, are the truth's", instrument)
                .isEqualTo(truth.keySet().stream()
                        .filter(t -> t >= first && t <= last)
                        .toList());
        for (Candle c : minutes) {
            Candle t = truth.get(c.openTime());
            boolean equal = c.source() == CandleSource.REST
                    ? c.open().compareTo(t.open()) == 0
                            && c.high().compareTo(t.high()) == 0
                            && c.low().compareTo(t.low()) == 0
                            && c.close().compareTo(t.close()) == 0
                            && c.volume().compareTo(t.volume()) == 0
                    : c.sameValues(t);
            assertThat(equal).as("%s equals truth %s", c, t).isTrue();
        }
    }

    private long lastOpen(Instrument instrument) {
        return closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M1)
                .mapToLong(Candle::openTime)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }
}
