package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.ETHUSDT_PERP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleBatch;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Interval;
import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The owner-routed intake on the real bus: batch addresses, one reply per batch, write-by, presence. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecorderOwnershipIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-30T17:00:00Z"), ZoneOffset.UTC);
    private static final DeliveryOptions PATIENT = new DeliveryOptions().setSendTimeout(30_000);

    @TempDir
    Path dataDir;

    private final ConcurrentLinkedQueue<RecorderPresence> presences = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Heartbeat> heartbeats = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void listen(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<RecorderPresence>consumer(Addresses.RECORDER_MEMBERS, m -> presences.add(m.body()));
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()));
    }

    @Test
    void aBatchIsAcknowledgedOnceWithAllItsCandlesOnDiskAndThePresenceShowsHowFarEachStreamIs(Vertx vertx)
            throws Exception {
        String deployment = deploy(vertx);
        RecorderPresence first = awaitPresence(p -> p.live());
        assertThat(first.owned()).isEmpty();
        List<Candle> candles = new ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 30));
        candles.addAll(TestCandles.run(ETHUSDT_PERP, Interval.M5, Interval.M5.openTimeOf(ARTICLE_OPEN_TIME), 4));

        Object reply = vertx.eventBus()
                .request(
                        Addresses.recorderBatches(first.recorder()),
                        new CandleBatch(candles, System.currentTimeMillis() + 20_000),
                        PATIENT)
                .await(30, TimeUnit.SECONDS)
                .body();

        assertThat(reply).isNull();
        assertThat(DuckDb.count(dataDir)).isEqualTo(34);
        RecorderPresence after = awaitPresence(p -> p.owned().size() == 2);
        assertThat(after.recorder()).isEqualTo(first.recorder());
        assertThat(after.owned())
                .containsEntry("binance:spot:BTCUSDT/1m", ARTICLE_OPEN_TIME + 29 * 60_000L)
                .containsEntry("binance:usdm:ETHUSDT/5m", Interval.M5.openTimeOf(ARTICLE_OPEN_TIME) + 3 * 300_000L);

        vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);
        assertThat(presences).anyMatch(p -> p.recorder().equals(first.recorder()) && !p.live());
    }

    @Test
    void candlesWhoseWriteByPassedAreRefusedAndNotWritten(Vertx vertx) throws Exception {
        deploy(vertx);
        RecorderPresence me = awaitPresence(p -> p.live());
        CandleBatch late = new CandleBatch(
                TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3), System.currentTimeMillis() - 1);

        assertThatThrownBy(() -> vertx.eventBus()
                        .request(Addresses.recorderBatches(me.recorder()), late, PATIENT)
                        .await(30, TimeUnit.SECONDS))
                .isInstanceOfAny(ReplyException.class, CompletionException.class)
                .satisfies(e -> {
                    ReplyException r = e instanceof ReplyException re ? re : (ReplyException) e.getCause();
                    assertThat(r.failureCode()).isEqualTo(FailureCode.UNAVAILABLE.code());
                    assertThat(r.getMessage()).contains("write-by");
                });
        assertThat(dataDir.resolve("candles")).doesNotExist();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> heartbeats.stream().anyMatch(h -> h.counters().getOrDefault("expired", 0L) == 3L));
    }

    @Test
    void anOpenCandleInABatchFailsTheBatchAsInvalid(Vertx vertx) throws Exception {
        deploy(vertx);
        RecorderPresence me = awaitPresence(p -> p.live());
        List<Candle> candles = new ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 2));
        candles.add(TestCandles.open(candles.get(1)));

        assertThatThrownBy(() -> vertx.eventBus()
                        .request(
                                Addresses.recorderBatches(me.recorder()),
                                new CandleBatch(candles, System.currentTimeMillis() + 20_000),
                                PATIENT)
                        .await(30, TimeUnit.SECONDS))
                .hasMessageContaining("recorder.batches: expected a closed candle, was open");
    }

    private String deploy(Vertx vertx) throws Exception {
        return vertx.deployVerticle(
                        new RecorderVerticle(new RecorderConfig(dataDir, 50, 10_000), CLOCK, "node-a"),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await(30, TimeUnit.SECONDS);
    }

    private RecorderPresence awaitPresence(java.util.function.Predicate<RecorderPresence> condition) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> presences.stream().filter(condition).findFirst().orElse(null), p -> p != null);
    }
}
