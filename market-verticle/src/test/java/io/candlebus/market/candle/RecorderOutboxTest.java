package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.Backoff;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RecorderOutboxTest {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final long T0 = 1_767_225_600_000L;

    @BeforeEach
    void codecs(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
    }

    private static Candle candle(int minute) {
        BigDecimal one = BigDecimal.ONE;
        return new Candle(
                BTC,
                Interval.M1,
                T0 + minute * 60_000L,
                one,
                one,
                one,
                one,
                one,
                one,
                1,
                one,
                one,
                true,
                CandleSource.REST);
    }

    private static <T> T onContext(Vertx vertx, java.util.function.Supplier<T> action) throws Exception {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        vertx.runOnContext(v -> result.complete(action.get()));
        return result.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void retriesUntilARecorderAcknowledgesEveryCandle(Vertx vertx) throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger failuresLeft = new AtomicInteger(5);
        vertx.eventBus().<Candle>consumer(Addresses.RECORDER_CANDLES, m -> {
            if (failuresLeft.getAndDecrement() > 0) {
                m.fail(503, "disk busy");
            } else {
                acked.add(m.body().key());
                m.reply(null);
            }
        });
        RecorderOutbox outbox = onContext(vertx, () -> new RecorderOutbox(vertx, 1_000, 1_000, new Backoff(5, 50)));

        onContext(vertx, () -> {
            for (int i = 0; i < 100; i++) {
                outbox.offer(candle(i));
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> onContext(vertx, outbox::pending) == 0L);
        assertThat(onContext(vertx, outbox::counters))
                .containsEntry("recorderAcknowledged", 100L)
                .containsEntry("recorderDropped", 0L)
                .hasEntrySatisfying("recorderRetries", n -> assertThat(n).isGreaterThanOrEqualTo(5L));
    }

    @Test
    void waitsForARecorderToAppearAndDropsWhenFull(Vertx vertx) throws Exception {
        RecorderOutbox outbox = onContext(vertx, () -> new RecorderOutbox(vertx, 1_000, 10, new Backoff(5, 20)));
        onContext(vertx, () -> {
            for (int i = 0; i < 12; i++) {
                outbox.offer(candle(i));
            }
            return null;
        });
        assertThat(onContext(vertx, outbox::counters)).containsEntry("recorderDropped", 2L);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(vertx, outbox::counters).get("recorderRetries") >= 3);
        assertThat(onContext(vertx, outbox::pending)).isEqualTo(10L);

        Set<String> acked = ConcurrentHashMap.newKeySet();
        vertx.eventBus().<Candle>consumer(Addresses.RECORDER_CANDLES, m -> {
            acked.add(m.body().key());
            m.reply(null);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 10);
    }
}
