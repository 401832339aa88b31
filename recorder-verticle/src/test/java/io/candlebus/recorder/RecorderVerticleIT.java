package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.ETHUSDT_PERP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecorderVerticleIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-30T17:00:00Z"), ZoneOffset.UTC);
    private static final DeliveryOptions PATIENT = new DeliveryOptions().setSendTimeout(30_000);

    @TempDir
    Path dataDir;

    private final ConcurrentLinkedQueue<Heartbeat> heartbeats = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void registerCodecs(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()));
    }

    @ParameterizedTest
    @EnumSource(
            value = ThreadingModel.class,
            names = {"EVENT_LOOP", "WORKER"})
    void acknowledgesOnlyCandlesAlreadyInARenamedFile(ThreadingModel threading, Vertx vertx) throws Exception {
        deploy(vertx, new RecorderConfig(dataDir, 100, 10_000), threading);
        List<Candle> candles = new ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 20));
        candles.addAll(TestCandles.run(ETHUSDT_PERP, Interval.M5, Interval.M5.openTimeOf(ARTICLE_OPEN_TIME), 5));
        ConcurrentLinkedQueue<String> notOnDiskAtReply = new ConcurrentLinkedQueue<>();

        List<Future<Message<Object>>> replies = new ArrayList<>();
        for (Candle c : candles) {
            replies.add(request(vertx, c).onSuccess(reply -> {
                if (!onDisk(c)) {
                    notOnDiskAtReply.add(c.key());
                }
            }));
        }
        Future.all(replies).await(30, TimeUnit.SECONDS);

        assertThat(notOnDiskAtReply).isEmpty();
        assertThat(replies).allSatisfy(r -> assertThat(r.result().body()).isNull());
        assertThat(DuckDb.count(dataDir)).isEqualTo(25);
        assertThat(hiddenFiles()).isEmpty();
    }

    @Test
    void acknowledgesARepeatedCandleWithoutWritingItAgain(Vertx vertx) throws Exception {
        deploy(vertx, new RecorderConfig(dataDir, 50, 10_000), ThreadingModel.WORKER);
        Candle c = TestCandles.articleCandle();

        request(vertx, c).await(30, TimeUnit.SECONDS);
        request(vertx, c).await(30, TimeUnit.SECONDS);
        Future.all(request(vertx, c), request(vertx, c)).await(30, TimeUnit.SECONDS);

        assertThat(DuckDb.count(dataDir)).isEqualTo(1);
        assertThat(partFiles()).hasSize(1);
        awaitHeartbeat(h -> h.counters().get("duplicates") == 3 && h.counters().get("written") == 1);
    }

    @Test
    void twoRecordersOnOneDirectoryWriteEachCandleOnce(Vertx vertx) throws Exception {
        RecorderConfig config = new RecorderConfig(dataDir, 100, 10_000);
        deploy(vertx, new RecorderVerticle(config, CLOCK, "node-a"), ThreadingModel.WORKER);
        deploy(vertx, new RecorderVerticle(config, CLOCK, "node-b"), ThreadingModel.WORKER);
        List<Candle> candles = new ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 11));
        candles.addAll(TestCandles.run(ETHUSDT_PERP, Interval.M5, Interval.M5.openTimeOf(ARTICLE_OPEN_TIME), 6));

        // Both recorders get candles of both partitions, so both load both indexes before the other writes.
        Future.all(candles.stream().map(c -> request(vertx, c)).toList()).await(30, TimeUnit.SECONDS);
        // Each candle again, twice: the bus spreads requests over both recorders, as the market's re-sends
        // after a recorder died between its rename and its acknowledgement would reach the survivor.
        List<Future<Message<Object>>> resent = new ArrayList<>();
        for (Candle c : candles) {
            resent.add(request(vertx, c));
            resent.add(request(vertx, c));
        }
        Future.all(resent).await(30, TimeUnit.SECONDS);

        assertThat(DuckDb.count(dataDir)).isEqualTo(17);
        assertThat(DuckDb.scalar("select count(distinct (symbol, candle_begin_time)) from " + DuckDb.dataset(dataDir)))
                .isEqualTo(17L);
        awaitHeartbeat(h -> h.node().equals("node-a") && h.counters().get("written") > 0);
        awaitHeartbeat(h -> h.node().equals("node-b") && h.counters().get("written") > 0);
        assertThat(hiddenFiles()).isEmpty();
    }

    @Test
    void refusesAnOpenCandleAsInvalid(Vertx vertx) throws Exception {
        deploy(vertx, RecorderConfig.defaults().withDataDir(dataDir), ThreadingModel.EVENT_LOOP);
        Candle open = TestCandles.open(TestCandles.articleCandle());

        Throwable failure = request(vertx, open)
                .transform(ar -> Future.succeededFuture(ar.cause()))
                .await(10, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) failure).failureCode()).isEqualTo(FailureCode.INVALID.code());
        assertThat(failure)
                .hasMessage("recorder.candles: expected a closed candle, was open binance:usdm:BTCUSDT/1m/"
                        + ARTICLE_OPEN_TIME);
    }

    @Test
    void writesEarlyWhenTheBufferIsFull(Vertx vertx) throws Exception {
        deploy(vertx, new RecorderConfig(dataDir, 3_600_000, 5), ThreadingModel.WORKER);
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 10);

        List<Future<Message<Object>>> replies =
                candles.stream().map(c -> request(vertx, c)).toList();
        Future.all(replies).await(30, TimeUnit.SECONDS);

        assertThat(DuckDb.count(dataDir)).isEqualTo(10);
        assertThat(partFiles()).hasSize(2);
    }

    @Test
    void stopWritesAndAcknowledgesWhatIsBuffered(Vertx vertx) throws Exception {
        String deployment = deploy(vertx, new RecorderConfig(dataDir, 3_600_000, 10_000), ThreadingModel.WORKER);
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 7);
        List<Future<Message<Object>>> replies =
                candles.stream().map(c -> request(vertx, c)).toList();

        // Once a heartbeat counts all 7 as received, they sit in the buffer: nothing written, nothing acknowledged.
        awaitHeartbeat(h -> h.counters().get("received") == 7);
        assertThat(replies).noneSatisfy(r -> assertThat(r.isComplete()).isTrue());
        assertThat(partFiles()).isEmpty();

        vertx.undeploy(deployment).await(30, TimeUnit.SECONDS);

        assertThat(replies).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
        assertThat(DuckDb.count(dataDir)).isEqualTo(7);
        awaitHeartbeat(h -> h.state().equals("stopped") && h.counters().get("written") == 7);
    }

    @Test
    void failsTheRequestsAsUnavailableWhenTheWriteFails(Vertx vertx) throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("file"), "in the way");
        deploy(vertx, new RecorderConfig(notADirectory, 50, 10_000), ThreadingModel.WORKER);

        Throwable failure = request(vertx, TestCandles.articleCandle())
                .transform(ar -> Future.succeededFuture(ar.cause()))
                .await(30, TimeUnit.SECONDS);

        assertThat(failure).isInstanceOf(ReplyException.class);
        assertThat(((ReplyException) failure).failureCode()).isEqualTo(FailureCode.UNAVAILABLE.code());
        assertThat(failure.getMessage())
                .startsWith("recorder.candles: candles/exchange=binance/market=usdm/symbol=BTCUSDT/interval=1m/"
                        + "date=2024-06-30: expected the candles written to Parquet, was ");
        awaitHeartbeat(h -> h.state().equals("failing")
                && h.counters().get("failures") == 1
                && h.counters().get("failingWrites") == 1);
    }

    @Test
    void failsWhileTheDiskIsBrokenAndRecoversByItselfOnceItIsBack(Vertx vertx) throws Exception {
        deploy(vertx, new RecorderConfig(dataDir, 50, 10_000), ThreadingModel.WORKER);
        Candle first = TestCandles.articleCandle();
        request(vertx, first).await(30, TimeUnit.SECONDS);
        // A file where the dataset's directory was: no write can succeed, even as root (chmod would not stop root).
        Path candles = dataDir.resolve("candles");
        Path moved = dataDir.resolve("candles-moved");
        Files.move(candles, moved);
        Files.writeString(candles, "in the way");
        List<Candle> next = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME + 60_000, 3);

        for (Candle c : next) {
            assertThat(request(vertx, c)
                            .transform(ar -> Future.succeededFuture(ar.succeeded()))
                            .await(30, TimeUnit.SECONDS))
                    .as("%s acknowledged while the disk is broken", c.key())
                    .isFalse();
        }
        awaitHeartbeat(h -> h.state().equals("failing") && h.counters().get("failingWrites") >= 1);

        Files.delete(candles);
        Files.move(moved, candles);
        Future.all(next.stream().map(c -> request(vertx, c)).toList()).await(30, TimeUnit.SECONDS);

        heartbeats.clear();
        awaitHeartbeat(h -> h.state().equals("live") && h.counters().get("failingWrites") == 0);
        assertThat(DuckDb.count(dataDir)).isEqualTo(4);
    }

    @Test
    void publishesHeartbeatsWithCounters(Vertx vertx) throws Exception {
        deploy(vertx, new RecorderConfig(dataDir, 50, 10_000), ThreadingModel.EVENT_LOOP);
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        Future.all(candles.stream().map(c -> request(vertx, c)).toList()).await(30, TimeUnit.SECONDS);

        Heartbeat h = awaitHeartbeat(b -> b.counters().get("written") == 3);

        assertThat(h.node()).isEqualTo("node-a");
        assertThat(h.component()).isEqualTo("recorder");
        assertThat(h.state()).isEqualTo("live");
        assertThat(h.lastEventTime()).isEqualTo(CLOCK.millis());
        assertThat(h.time()).isEqualTo(CLOCK.millis());
        assertThat(h.counters())
                .containsEntry("received", 3L)
                .containsEntry("files", 1L)
                .containsEntry("duplicates", 0L)
                .containsEntry("failures", 0L)
                .containsKeys("invalid", "refused", "buffered");
    }

    @Test
    void startingRemovesTemporaryFilesKilledWritersLeftAndCountsThem(Vertx vertx) throws Exception {
        Path partition = Files.createDirectories(
                dataDir.resolve("candles/exchange=binance/market=spot/symbol=BTCUSDT/interval=1m/date=2024-06-30"));
        Path abandoned = Files.writeString(partition.resolve(".part-1-2-2-dead-1.parquet.tmp"), "torn");
        Files.setLastModifiedTime(
                abandoned,
                java.nio.file.attribute.FileTime.fromMillis(
                        System.currentTimeMillis() - StaleTempFiles.MAX_AGE_MILLIS - 60_000));
        Path fresh = Files.writeString(partition.resolve(".part-3-4-2-live-1.parquet.tmp"), "in progress");

        deploy(vertx, new RecorderConfig(dataDir, 100, 10_000), ThreadingModel.WORKER);

        await().atMost(Duration.ofSeconds(20)).until(() -> heartbeats.stream()
                .anyMatch(h -> h.counters().getOrDefault("staleTempsRemoved", 0L) == 1L));
        assertThat(abandoned).doesNotExist();
        assertThat(fresh).exists();
    }

    private String deploy(Vertx vertx, RecorderConfig config, ThreadingModel threading) throws TimeoutException {
        return deploy(vertx, new RecorderVerticle(config, CLOCK, "node-a"), threading);
    }

    private static String deploy(Vertx vertx, RecorderVerticle verticle, ThreadingModel threading)
            throws TimeoutException {
        return vertx.deployVerticle(verticle, new DeploymentOptions().setThreadingModel(threading))
                .await(30, TimeUnit.SECONDS);
    }

    private static Future<Message<Object>> request(Vertx vertx, Candle c) {
        return vertx.eventBus().request(Addresses.RECORDER_CANDLES, c, PATIENT);
    }

    private Heartbeat awaitHeartbeat(java.util.function.Predicate<Heartbeat> condition) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> heartbeats.stream().filter(condition).findFirst().orElse(null), h -> h != null);
    }

    /** Returns whether a complete part file in the candle's partition covers its open time. */
    private boolean onDisk(Candle c) {
        Path dir = dataDir.resolve(PartitionPath.of(c).relativeDir());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> PartFileName.parse(p.getFileName().toString()))
                    .flatMap(java.util.Optional::stream)
                    .anyMatch(n -> n.firstOpenTime() <= c.openTime() && c.openTime() <= n.lastOpenTime());
        } catch (IOException e) {
            return false;
        }
    }

    private List<Path> partFiles() throws IOException {
        return walk(p -> p.getFileName().toString().startsWith("part-"));
    }

    /** Hidden files a write left behind (temporary parts); the streams' lock files are meant to stay. */
    private List<Path> hiddenFiles() throws IOException {
        return walk(
                p -> p.getFileName().toString().startsWith(".") && !p.startsWith(dataDir.resolve(StreamFileLocks.DIR)));
    }

    private List<Path> walk(java.util.function.Predicate<Path> filter) throws IOException {
        if (!Files.exists(dataDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).filter(filter).toList();
        }
    }
}
