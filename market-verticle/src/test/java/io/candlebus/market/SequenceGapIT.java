package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Drops exactly one {@link FeedEvent} between a feed and its candle shard (an event-bus outbound interceptor, as a
 * best-effort cluster bus may) and checks that the shard notices the hole (its {@code seqGaps} counter), has the
 * feed re-cover the instrument from REST, and never closes a candle wrong: every closed 1m and 5m candle still
 * equals the simulator's truth, once each, in order, without a hole.
 */
@ExtendWith(VertxExtension.class)
class SequenceGapIT {
    /** 2026-01-01T00:00:17Z. */
    private static final long START = 1_767_225_617_000L;

    private static final long MIN = 60_000L;
    private static final Instrument SPOT_BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final List<Instrument> FOLLOWED = List.of(SPOT_BTC, KRW_BTC);

    private Vertx vertx;
    private ExchangeSimulator sim;
    private final List<Candle> closed = new CopyOnWriteArrayList<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    private final AtomicReference<FeedEvent> dropped = new AtomicReference<>();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        Codecs.registerAll(vertx.eventBus());
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(29)
                .withSpeed(120)
                .withStartTime(START)
                .withHistoryMinutes(120)
                .withInstruments(SimConfig.demoInstruments().stream()
                        .filter(i -> FOLLOWED.contains(i.instrument()))
                        .toList());
        sim = join(ExchangeSimulator.start(vertx, simConfig));
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        vertx.eventBus()
                .<Heartbeat>consumer(
                        Addresses.STATUS_HEARTBEAT, m -> heartbeats.put(m.body().component(), m.body()));
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
    }

    @AfterEach
    void stop() throws Exception {
        join(sim.close());
    }

    @Test
    void aLostTradeIsDetectedAndItsMinuteReCoveredFromRest() throws Exception {
        // Live trades in the middle of a minute (the feed's trades of one loop turn travel as one event): without the
        // repair their trade-built candle would lack them.
        runDropping(
                KRW_BTC,
                e -> e instanceof FeedEvent.Trades t
                        && t.trades().stream()
                                .anyMatch(trade -> trade.instrument().equals(KRW_BTC)
                                        && trade.tradeTime() >= START + 4 * MIN
                                        && trade.tradeTime() % MIN > 10_000));
    }

    @Test
    void aLostClosedKlineIsDetectedAndItsMinuteReCoveredFromRest() throws Exception {
        // Without the repair the minute would be missing and its 5m candle never closed whole.
        runDropping(
                SPOT_BTC,
                e -> e instanceof FeedEvent.KlineEvent k
                        && k.kline().instrument().equals(SPOT_BTC)
                        && k.kline().closed()
                        && k.kline().source() == CandleSource.WEBSOCKET
                        && k.kline().openTime() >= START + 4 * MIN);
    }

    private void runDropping(Instrument instrument, Predicate<FeedEvent> victim) throws Exception {
        Handler<DeliveryContext<Object>> interceptor = ctx -> {
            if (ctx.message().body() instanceof FeedEvent e
                    && dropped.get() == null
                    && victim.test(e)
                    && dropped.compareAndSet(null, e)) {
                return; // not passed on: lost between the feed and its candle shard
            }
            ctx.next();
        };
        vertx.eventBus().addOutboundInterceptor(interceptor);
        MarketConfig config = MarketConfig.fromJson(
                SimEndpoints.marketJson(sim, FOLLOWED)
                        .put("intervals", new JsonArray().add("1m").add("5m"))
                        .put("warmupCandles", 12)
                        .put("closeGraceMillis", 25_000)
                        .put("stallTimeoutMillis", 4 * MIN)
                        .put("tickMillis", 20)
                        .put("reconnectMinMillis", 50)
                        .put("reconnectMaxMillis", 1_000)
                        .put("pingMillis", 10_000),
                "market");
        join(vertx.deployVerticle(new MarketVerticle(config, sim.clock(), "gap-it")));
        String shard = CandleVerticle.component(FeedShards.shardOf(instrument, config.effectiveCandleShards()));

        await().atMost(Duration.ofSeconds(60)).until(() -> dropped.get() != null);
        long droppedAt = sim.clock().millis();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Heartbeat beat = heartbeats.get(shard);
            assertThat(beat).as("heartbeat of %s", shard).isNotNull();
            assertThat(beat.counters()).containsEntry("seqGaps", 1L).containsEntry("seqMissed", 1L);
            assertThat(beat.counters().get("repairsStarted")).isPositive();
            assertThat(beat.state()).isEqualTo("live");
        });
        // Well past the lost event, and through a 5m boundary after it.
        await().atMost(Duration.ofSeconds(90)).until(() -> lastOpen(instrument, Interval.M5) >= droppedAt + 5 * MIN);
        List<Candle> truth = sim.truth(instrument);

        assertOnceInOrderWholeAndTrue(instrument, truth);
        long lostMinute = Interval.M1.openTimeOf(minuteOf(dropped.get()));
        assertThat(closed)
                .as("the minute of the lost event, %d, closed once", lostMinute)
                .filteredOn(c ->
                        c.instrument().equals(instrument) && c.interval() == Interval.M1 && c.openTime() == lostMinute)
                .hasSize(1);
        assertFiveMinuteCandlesAggregateTheOneMinuteOnes(instrument);
        assertThat(heartbeats.get(shard).counters()).containsEntry("seqGaps", 1L);
    }

    private static long minuteOf(FeedEvent e) {
        return e instanceof FeedEvent.Trades t
                ? t.trades().get(0).tradeTime()
                : ((FeedEvent.KlineEvent) e).kline().openTime();
    }

    private void assertOnceInOrderWholeAndTrue(Instrument instrument, List<Candle> truth) {
        List<Candle> published = closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M1)
                .toList();
        assertThat(published).isNotEmpty();
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i).openTime())
                    .as("closed candles of %s once and in order", instrument)
                    .isGreaterThan(published.get(i - 1).openTime());
        }
        long first = published.get(0).openTime();
        long last = Math.min(
                published.get(published.size() - 1).openTime(),
                truth.get(truth.size() - 1).openTime());
        Map<Long, Candle> byOpen = new TreeMap<>();
        published.stream().filter(c -> c.openTime() <= last).forEach(c -> byOpen.put(c.openTime(), c));
        List<Candle> expected = truth.stream()
                .filter(t -> t.openTime() >= first && t.openTime() <= last)
                .toList();
        assertThat(byOpen.keySet())
                .as("every truth minute of %s from %d to %d published", instrument, first, last)
                .containsExactlyElementsOf(
                        expected.stream().map(Candle::openTime).toList());
        for (Candle t : expected) {
            Candle p = byOpen.get(t.openTime());
            if (instrument.exchange() == Exchange.BITHUMB && p.source() == CandleSource.REST) {
                // Bithumb's REST candles carry no trade count or taker volumes.
                assertThat(List.of(p.open(), p.high(), p.low(), p.close(), p.volume(), p.quoteVolume()))
                        .as("%s %d", instrument, t.openTime())
                        .usingElementComparator(BigDecimal::compareTo)
                        .containsExactlyElementsOf(
                                List.of(t.open(), t.high(), t.low(), t.close(), t.volume(), t.quoteVolume()));
            } else {
                assertThat(p.sameValues(t)).as("%s equals truth %s", p, t).isTrue();
            }
        }
    }

    private void assertFiveMinuteCandlesAggregateTheOneMinuteOnes(Instrument instrument) {
        Map<Long, Candle> ones = new TreeMap<>();
        closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M1)
                .forEach(c -> ones.put(c.openTime(), c));
        List<Candle> fives = closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M5)
                .toList();
        assertThat(fives).isNotEmpty();
        for (Candle five : fives) {
            List<Candle> parts = ones.values().stream()
                    .filter(c -> c.openTime() >= five.openTime() && c.openTime() < five.endTime())
                    .toList();
            assertThat(parts).as("1m parts of %s", five).hasSize(5);
            assertThat(five.volume())
                    .as("volume of %s", five)
                    .isEqualByComparingTo(parts.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(five.close()).isEqualByComparingTo(parts.get(4).close());
        }
    }

    private long lastOpen(Instrument instrument, Interval interval) {
        return closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == interval)
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
