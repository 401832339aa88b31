package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A feed that held trades back for its REST seam sends them right after its resume, each its own message, while
 * its last liveness report already counted them as heard. The candle shard's clock tick runs between such
 * messages (here: two heartbeats of the shard, so many ticks, pass between the resume and the trades); it must
 * not close the resumed minute without them. Driven through the production {@link FeedEventSink} (the feed side
 * of the contract) into a production {@link CandleVerticle}.
 */
@ExtendWith(VertxExtension.class)
class ResumeHoldIT {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final String FEED = "bithumb.spot";
    private static final long MIN = 60_000L;
    /** 2026-01-01T00:10:00Z: the first live minute. */
    private static final long LIVE_FROM = 1_767_226_200_000L;

    @Test
    void theResumedMinuteWaitsForTheHeldTradesThatFollowTheResume(Vertx vertx) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        long now = LIVE_FROM + 3 * MIN;
        SettableClock clock = new SettableClock(now);
        MarketConfig config = MarketConfig.defaults().withInstruments(List.of(KRW_BTC));
        List<Candle> closed = new CopyOnWriteArrayList<>();
        AtomicInteger heartbeats = new AtomicInteger();
        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> {
            if (m.body().component().equals(CandleVerticle.component(0))) {
                heartbeats.incrementAndGet();
            }
        });
        // Acknowledged candles let the shard stop at once (it waits up to 3 s for unacknowledged ones).
        StandInRecorder.acknowledging(vertx, "stand-in", c -> {});
        vertx.deployVerticle(new CandleVerticle(config, clock, "it", 0, 1, null, List.of(FEED)))
                .await(30, TimeUnit.SECONDS);

        // The sink is the feed's, used on the feed's event loop only: every call below runs on that loop.
        Context feedLoop = vertx.getOrCreateContext();
        FeedEventSink sink = new FeedEventSink(vertx.eventBus(), feedLoop, FEED, 7L, 1);
        onLoop(feedLoop, () -> {
            sink.follow(KRW_BTC);
            sink.suspend(KRW_BTC);
            sink.cover(KRW_BTC, LIVE_FROM - 2 * MIN);
            sink.kline(restCandle(LIVE_FROM - 2 * MIN, "100"));
            sink.kline(restCandle(LIVE_FROM - MIN, "100"));
            // The feed heard the held trades (and more) before this report; they are still in its buffer.
            sink.alive(now, now);
            sink.resume(KRW_BTC, LIVE_FROM);
        });
        int seen = heartbeats.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.get() >= seen + 2);

        // The held trades go out in the turns after the resume, one turn each, as a feed flushing its buffer may.
        onLoop(feedLoop, () -> sink.trade(trade(LIVE_FROM + 5_000, "101", "1", 1)));
        onLoop(feedLoop, () -> sink.trade(trade(LIVE_FROM + 20_000, "102", "2", 2)));
        onLoop(feedLoop, () -> sink.trade(trade(LIVE_FROM + MIN + 1_000, "103", "1", 3)));
        onLoop(feedLoop, () -> sink.alive(now, now));

        await().atMost(Duration.ofSeconds(10)).until(() -> closed.stream()
                .anyMatch(c -> c.interval() == Interval.M1 && c.openTime() == LIVE_FROM + MIN));
        List<Candle> first = closed.stream()
                .filter(c -> c.interval() == Interval.M1 && c.openTime() == LIVE_FROM)
                .toList();
        assertThat(first).as("the resumed minute, closed once").hasSize(1);
        assertThat(first.get(0).volume()).as("with the held trades").isEqualByComparingTo("3");
        assertThat(first.get(0).tradeCount()).isEqualTo(2);
        assertThat(first.get(0).high()).isEqualByComparingTo("102");
    }

    /** Runs {@code work} on {@code loop} and waits for it. */
    private static void onLoop(Context loop, Runnable work) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            try {
                work.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(10, TimeUnit.SECONDS);
    }

    private static Candle restCandle(long openTime, String price) {
        BigDecimal p = new BigDecimal(price);
        return new Candle(
                KRW_BTC,
                Interval.M1,
                openTime,
                p,
                p,
                p,
                p,
                BigDecimal.ONE,
                p,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.REST);
    }

    private static Trade trade(long time, String price, String quantity, long id) {
        return new Trade(KRW_BTC, new BigDecimal(price), new BigDecimal(quantity), time, Side.BUY, id);
    }
}
