package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.KRW_BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Compaction inside running recorder verticles, on the real bus, driven by the recorder's own clock. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecorderCompactionIT {
    private static final long MINUTE = 60_000L;
    private static final LocalDate DATE = LocalDate.of(2024, 6, 30);
    private static final long MIDNIGHT_AFTER =
            DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final long DELAY = 5 * MINUTE;
    private static final DeliveryOptions PATIENT = new DeliveryOptions().setSendTimeout(30_000);

    @TempDir
    Path dataDir;

    private final ConcurrentLinkedQueue<Heartbeat> heartbeats = new ConcurrentLinkedQueue<>();
    /** The recorders' clock, moved by the test as a simulator's accelerated clock would move. */
    private final AtomicLong now = new AtomicLong(MIDNIGHT_AFTER - 30 * MINUTE);

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @BeforeEach
    void registerCodecs(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()));
    }

    private RecorderConfig config() {
        return new RecorderConfig(dataDir, 50, 10_000, null, new CompactionConfig(true, DELAY, 100));
    }

    private void deploy(Vertx vertx, String node) throws Exception {
        vertx.deployVerticle(
                        new RecorderVerticle(config(), clock, node),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
                .await(30, TimeUnit.SECONDS);
    }

    /** Records the day's last 20 minutes in four acknowledged waves, so the day holds several parts. */
    private List<Candle> recordInWaves(Vertx vertx, io.candlebus.contract.Instrument instrument) throws Exception {
        List<Candle> all = TestCandles.run(instrument, Interval.M1, MIDNIGHT_AFTER - 20 * MINUTE, 20);
        for (int wave = 0; wave < 4; wave++) {
            List<Future<?>> replies = new ArrayList<>();
            for (Candle c : all.subList(wave * 5, wave * 5 + 5)) {
                replies.add(vertx.eventBus().request(Addresses.RECORDER_CANDLES, c, PATIENT));
            }
            Future.all(replies).await(30, TimeUnit.SECONDS);
        }
        return all;
    }

    private Path day(io.candlebus.contract.Instrument instrument) {
        return dataDir.resolve(new PartitionPath(instrument, Interval.M1, DATE).relativeDir());
    }

    private static long parquetFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .count();
        }
    }

    @Test
    void compactsADayOnceItsEndPlusTheDelayHasPassedOnTheRecordersClock(Vertx vertx) throws Exception {
        deploy(vertx, "node-a");
        recordInWaves(vertx, BTCUSDT);
        assertThat(parquetFiles(day(BTCUSDT))).isGreaterThan(1);

        now.set(MIDNIGHT_AFTER + DELAY - 1);
        // Several passes run (every 100 ms) while the day is not due yet: nothing changes.
        long passes = heartbeats.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.size() >= passes + 2);
        assertThat(parquetFiles(day(BTCUSDT))).isGreaterThan(1);

        now.set(MIDNIGHT_AFTER + DELAY);
        await().atMost(Duration.ofSeconds(20)).until(() -> parquetFiles(day(BTCUSDT)) == 1);

        assertThat(DuckDb.count(dataDir)).isEqualTo(20);
        assertThat(DuckDb.scalar("select count(distinct candle_begin_time) from " + DuckDb.dataset(dataDir)))
                .isEqualTo(20L);
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.stream()
                .anyMatch(h ->
                        h.counters().get("compactedDays") == 1 && h.counters().get("compactedParts") > 1));
    }

    @Test
    void twoRecordersOnOneDirectoryCompactEachDayOnceAndLoseNothing(Vertx vertx) throws Exception {
        deploy(vertx, "node-a");
        deploy(vertx, "node-b");
        recordInWaves(vertx, BTCUSDT);
        recordInWaves(vertx, KRW_BTC);

        now.set(MIDNIGHT_AFTER + DELAY);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> parquetFiles(day(BTCUSDT)) == 1 && parquetFiles(day(KRW_BTC)) == 1);

        assertThat(DuckDb.count(dataDir)).isEqualTo(40);
        assertThat(DuckDb.scalar("select count(*) from (select distinct symbol, candle_begin_time from "
                        + DuckDb.dataset(dataDir) + ")"))
                .isEqualTo(40L);
        assertThat(dataDir.resolve(DayCompactor.STAGING)
                        .resolve(new PartitionPath(BTCUSDT, Interval.M1, DATE).relativeDir()))
                .doesNotExist();
        // Each day was compacted by one of the two: the sum over both recorders is two days.
        await().atMost(Duration.ofSeconds(10)).until(() -> latest("node-a") + latest("node-b") == 2);
    }

    private long latest(String node) {
        long days = -1;
        for (Heartbeat h : heartbeats) {
            if (h.node().equals(node)) {
                days = h.counters().get("compactedDays");
            }
        }
        return days;
    }
}
