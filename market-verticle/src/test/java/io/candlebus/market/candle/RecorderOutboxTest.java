package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.Backoff;
import io.candlebus.market.StandInRecorder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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
        AtomicInteger failuresLeft = new AtomicInteger(3);
        StandInRecorder.start(vertx, "r1", candles -> {
            if (failuresLeft.getAndDecrement() > 0) {
                return Future.failedFuture("disk busy");
            }
            candles.forEach(c -> acked.add(c.key()));
            return Future.succeededFuture();
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
                .hasEntrySatisfying("recorderRetries", n -> assertThat(n).isGreaterThanOrEqualTo(3L))
                .as("100 candles offered at once go in a few batches, each acknowledged once")
                .hasEntrySatisfying("recorderBatches", n -> assertThat(n).isBetween(4L, 10L));
    }

    @Test
    void settleWaitsForTheAcknowledgementsInFlightButNotForever(Vertx vertx) throws Exception {
        Promise<Void> release = Promise.promise();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        StandInRecorder.start(
                vertx, "r1", candles -> release.future().onSuccess(v -> candles.forEach(c -> acked.add(c.key()))));
        RecorderOutbox outbox = onContext(vertx, () -> new RecorderOutbox(vertx, 10_000, 1_000, new Backoff(5, 50)));
        onContext(vertx, () -> {
            outbox.offer(candle(0));
            return null;
        });
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(vertx, outbox::counters).get("recorderBatches") == 1L);

        long start = System.nanoTime();
        Future<Void> unanswered = onContext(vertx, () -> outbox.settle(200));
        unanswered.await(5, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - start).as("gave up after its bound").isGreaterThanOrEqualTo(200_000_000L);
        assertThat(onContext(vertx, outbox::pending)).isEqualTo(1L);

        Future<Void> answered = onContext(vertx, () -> outbox.settle(30_000));
        vertx.runOnContext(v -> release.complete());
        answered.await(5, TimeUnit.SECONDS);
        assertThat(acked).containsExactly(candle(0).key());
        assertThat(onContext(vertx, outbox::pending)).isZero();
    }

    @Test
    void settleDoesNotWaitWhenNoRecorderIsLiveAndNothingIsInFlight(Vertx vertx) throws Exception {
        RecorderOutbox outbox = onContext(vertx, () -> new RecorderOutbox(vertx, 10_000, 1_000, new Backoff(5, 50)));
        onContext(vertx, () -> {
            outbox.offer(candle(0));
            return null;
        });

        long start = System.nanoTime();
        onContext(vertx, () -> outbox.settle(30_000)).await(5, TimeUnit.SECONDS);
        assertThat(System.nanoTime() - start)
                .as("no recorder could acknowledge: no wait")
                .isLessThan(2_000_000_000L);
        assertThat(onContext(vertx, outbox::pending))
                .as("still pending, for keep")
                .isEqualTo(1L);

        // With a recorder live, a settle waits for its acknowledgement again.
        Promise<Void> release = Promise.promise();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        StandInRecorder.start(
                vertx, "r1", candles -> release.future().onSuccess(v -> candles.forEach(c -> acked.add(c.key()))));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(vertx, outbox::counters).get("recorderBatches") == 1L);
        Future<Void> answered = onContext(vertx, () -> outbox.settle(30_000));
        assertThat(answered.isComplete())
                .as("waits while the recorder has the batch")
                .isFalse();
        vertx.runOnContext(v -> release.complete());
        answered.await(5, TimeUnit.SECONDS);
        assertThat(acked).containsExactly(candle(0).key());
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
        assertThat(onContext(vertx, outbox::pending)).isEqualTo(10L);
        assertThat(onContext(vertx, outbox::counters)).containsEntry("recordersLive", 0L);

        Set<String> acked = ConcurrentHashMap.newKeySet();
        StandInRecorder.acknowledging(vertx, "r1", c -> acked.add(c.key()));

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 10);
    }

    @Test
    void keepsWhatNoRecorderAcknowledgedAtAStopAndReSendsItAtTheNextStart(Vertx vertx, @TempDir Path dir)
            throws Exception {
        Path spoolDir = dir.resolve("outbox");
        RecorderOutbox first = onContext(
                vertx, () -> new RecorderOutbox(vertx, 1_000, 1_000, new Backoff(5, 20), new OutboxSpool(spoolDir)));
        onContext(vertx, () -> {
            for (int i = 0; i < 10; i++) {
                first.offer(candle(i));
            }
            return null;
        });
        StandInRecorder failing = StandInRecorder.start(vertx, "r0", candles -> Future.failedFuture("disk full"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(vertx, first::counters).get("recorderRetries") >= 1);
        failing.unregister();

        onContext(vertx, first::keep).await(10, TimeUnit.SECONDS);

        List<Path> kept = files(spoolDir);
        assertThat(kept)
                .singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).matches("pending-\\d+-[0-9a-f]{8}\\.jsonl"));
        assertThat(Files.readAllLines(kept.get(0), StandardCharsets.UTF_8)).hasSize(10);

        Set<String> acked = ConcurrentHashMap.newKeySet();
        StandInRecorder.acknowledging(vertx, "r1", c -> acked.add(c.key()));
        RecorderOutbox second = onContext(
                vertx, () -> new RecorderOutbox(vertx, 1_000, 1_000, new Backoff(5, 20), new OutboxSpool(spoolDir)));
        onContext(vertx, second::restore).await(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 10);
        assertThat(acked)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 10)
                        .mapToObj(i -> candle(i).key())
                        .toList());
        await().atMost(Duration.ofSeconds(5)).until(() -> files(spoolDir).isEmpty());
    }

    @Test
    void aRestoredCandleStillUnacknowledgedAtTheNextStopIsKeptAgain(Vertx vertx, @TempDir Path dir) throws Exception {
        OutboxSpool spool = new OutboxSpool(dir);
        spool.keep(List.of(candle(1), candle(2)));
        Files.writeString(dir.resolve("pending-1-deadbeef.jsonl"), "not a candle\n");
        RecorderOutbox outbox = onContext(
                vertx, () -> new RecorderOutbox(vertx, 1_000, 1_000, new Backoff(5, 20), new OutboxSpool(dir)));

        onContext(vertx, outbox::restore).await(10, TimeUnit.SECONDS);
        assertThat(onContext(vertx, outbox::pending)).isEqualTo(2L);
        onContext(vertx, outbox::keep).await(10, TimeUnit.SECONDS);

        List<Path> left = files(dir);
        assertThat(left).singleElement();
        assertThat(Files.readAllLines(left.get(0), StandardCharsets.UTF_8)).hasSize(2);
        OutboxSpool.Claimed again = new OutboxSpool(dir).claim();
        assertThat(again.candles()).containsExactlyInAnyOrder(candle(1), candle(2));
        assertThat(again.badLines()).isZero();
    }

    @Test
    void eachStreamGoesToItsOwnerAndMovesOnlyOnceTheOldOwnerAnsweredForItsCandles(Vertx vertx) throws Exception {
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        Map<String, Long> lastHeldByA = new ConcurrentHashMap<>();
        Map<String, Long> firstAtB = new ConcurrentHashMap<>();
        List<Promise<Void>> heldByA = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean holdA = new java.util.concurrent.atomic.AtomicBoolean();
        StandInRecorder a = StandInRecorder.start(vertx, "a", candles -> {
            candles.forEach(c ->
                    received.computeIfAbsent(c.key(), k -> new ArrayList<>()).add("a"));
            if (!holdA.get()) {
                return Future.succeededFuture();
            }
            Promise<Void> p = Promise.promise();
            heldByA.add(p);
            return p.future().onComplete(ar -> candles.forEach(c -> lastHeldByA.put(stream(c), System.nanoTime())));
        });
        StandInRecorder.start(vertx, "b", candles -> {
            candles.forEach(c -> {
                received.computeIfAbsent(c.key(), k -> new ArrayList<>()).add("b");
                firstAtB.putIfAbsent(stream(c), System.nanoTime());
            });
            return Future.succeededFuture();
        });
        RecorderOutbox outbox = onContext(vertx, () -> new RecorderOutbox(vertx, 30_000, 100_000, new Backoff(5, 20)));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(vertx, outbox::counters).get("recordersLive") == 2L);
        offerMinute(vertx, outbox, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> onContext(vertx, outbox::pending) == 0L);
        for (int s = 0; s < 60; s++) {
            String owner =
                    io.candlebus.contract.StreamOwners.ownerOf("binance:spot:S" + s + "USDT/1m", List.of("a", "b"));
            assertThat(received.get(OwnerBatchesTest.candle(s, 0).key())).containsExactly(owner);
        }

        // "a" holds minute 1 unanswered, then leaves: its streams must not reach "b" before it answers.
        holdA.set(true);
        offerMinute(vertx, outbox, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !heldByA.isEmpty());
        a.leave();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> onContext(vertx, outbox::counters).get("recordersLive") == 1L);
        offerMinute(vertx, outbox, 2);
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(onContext(vertx, outbox::pending))
                .as("a's streams wait for a")
                .isGreaterThan(0L);
        long answered = System.nanoTime();
        vertx.runOnContext(v -> heldByA.forEach(p -> p.fail("written? unknown")));
        await().atMost(Duration.ofSeconds(10)).until(() -> onContext(vertx, outbox::pending) == 0L);

        for (int s = 0; s < 60; s++) {
            assertThat(received.get(OwnerBatchesTest.candle(s, 2).key())).containsExactly("b");
        }
        assertThat(lastHeldByA).isNotEmpty();
        lastHeldByA.keySet().forEach(stream -> assertThat(firstAtB.get(stream))
                .as("first candle of %s at b after a answered", stream)
                .isGreaterThan(answered));
        // What "a" failed to acknowledge went to "b": every candle of minute 1 reached "b" in the end.
        for (int s = 0; s < 60; s++) {
            assertThat(received.get(OwnerBatchesTest.candle(s, 1).key())).contains("b");
        }
    }

    private static void offerMinute(Vertx vertx, RecorderOutbox outbox, int minute) throws Exception {
        onContext(vertx, () -> {
            for (int s = 0; s < 60; s++) {
                outbox.offer(OwnerBatchesTest.candle(s, minute));
            }
            return null;
        });
    }

    private static String stream(Candle c) {
        return io.candlebus.contract.StreamOwners.streamKey(c);
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList();
        }
    }
}
