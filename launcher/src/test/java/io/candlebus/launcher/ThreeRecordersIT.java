package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.Backoff;
import io.candlebus.market.candle.RecorderOutbox;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three recorder JVMs on one shared data directory, fed by the market's real outbox from this JVM over the
 * cluster: 600 streams of 1m candles. While all three live, each writes a third of the rows, within 25 %. One is
 * killed with SIGKILL while candles are in flight, its streams move to the other two; it is started again and
 * takes a third back. The dataset then holds every published candle exactly once, with its values.
 */
class ThreeRecordersIT {
    private static final Pattern WRITER = Pattern.compile("recording to .* as writer ([0-9a-f]+)");
    private static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)-(\\d+)-([0-9a-f]+)-(\\d+)\\.parquet");
    private static final int STREAMS = 600;
    private static final long T0 = 1_767_225_600_000L;
    private static final int KILLED = 137;

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void aRecorderKilledAndRestartedLeavesEachPublishedKeyOnceAndThreeShareTheLoad(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String clusterName = "candlebus-owners-it-" + UUID.randomUUID();
        int[] ports = {ChildJvms.freePort(), ChildJvms.freePort(), ChildJvms.freePort(), ChildJvms.freePort()};
        String members = ChildJvms.members(ports);
        // Compaction would merge the part files this test reads each recorder's share of the load from (by writer
        // id in their names); it is tested on its own (RecorderCompactionIT, CompactionKillIT).
        Path config = dir.resolve("recorder.json");
        Files.writeString(config, "{\"recorder\": {\"compaction\": {\"enabled\": false}}}");
        List<String> noCompaction = List.of("--config", config.toString());
        List<Process> recorders = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path log = dir.resolve("recorder-" + i + ".log");
            logs.add(log);
            recorders.add(ChildJvms.recorder(log, "recorder-" + i, ports[i], clusterName, members, data, noCompaction));
        }
        Vertx vertx = null;
        try {
            vertx = Vertx.builder()
                    .with(new VertxOptions()
                            .setEventBusOptions(new EventBusOptions()
                                    .setHost("127.0.0.1")
                                    .setPort(0)
                                    .setClusterPublicHost("127.0.0.1")))
                    .withClusterManager(new HazelcastClusterManager(HazelcastSetup.config(new AppConfig.ClusterConfig(
                            true, clusterName, "127.0.0.1", ports[3], 0, List.of(members.split(","))))))
                    .buildClustered()
                    .await(120, TimeUnit.SECONDS);
            Codecs.registerAll(vertx.eventBus());
            Vertx v = vertx;
            Context context = vertx.getOrCreateContext();
            // The market's defaults but a 10 s timeout, so re-sends after the kill come soon.
            RecorderOutbox outbox =
                    onContext(context, () -> new RecorderOutbox(v, 10_000, 1_000_000, new Backoff(50, 1_000)));
            List<String> writers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                writers.add(writerId(logs.get(i), recorders.get(i)));
            }
            awaitLive(context, outbox, 3);

            // All three live: minutes 0 to 4, recorded before anything else happens.
            Map<String, Candle> published = new HashMap<>();
            for (int m = 0; m < 5; m++) {
                publish(context, outbox, m, published);
            }
            awaitAcknowledged(context, outbox);
            Map<String, Long> split = rowsByWriter(data, Long.MAX_VALUE);
            long total = split.values().stream().mapToLong(Long::longValue).sum();
            assertThat(total).isEqualTo(5L * STREAMS);
            for (String w : writers) {
                assertThat(split.getOrDefault(w, 0L))
                        .as("rows written by %s of %d, split %s", w, total, split)
                        .isBetween(Math.round(total / 3.0 * 0.75), Math.round(total / 3.0 * 1.25));
            }

            // Kill one while candles of minute 6 are in flight; minutes 7 to 9 go to the two left.
            publish(context, outbox, 5, published);
            publish(context, outbox, 6, published);
            Process victim = recorders.get(0);
            assertThat(victim.toHandle().destroyForcibly()).isTrue();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(victim.exitValue()).as("victim exit status (SIGKILL)").isEqualTo(KILLED);
            for (int m = 7; m < 10; m++) {
                publish(context, outbox, m, published);
            }
            awaitLive(context, outbox, 2);
            awaitAcknowledged(context, outbox);

            // Started again (a new recorder id): it takes its third back; minutes 10 to 12.
            Path restartedLog = dir.resolve("recorder-0-restarted.log");
            Process restarted =
                    ChildJvms.recorder(restartedLog, "recorder-0", ports[0], clusterName, members, data, noCompaction);
            recorders.set(0, restarted);
            String restartedWriter = writerId(restartedLog, restarted);
            awaitLive(context, outbox, 3);
            for (int m = 10; m < 13; m++) {
                publish(context, outbox, m, published);
            }
            awaitAcknowledged(context, outbox);
            assertThat(onContext(context, outbox::counters))
                    .containsEntry("recorderDropped", 0L)
                    .as("candles the victim held unacknowledged were sent again")
                    .hasEntrySatisfying("recorderRetries", n -> assertThat(n).isPositive());
            onContext(context, outbox::keep).await(30, TimeUnit.SECONDS);

            List<ParquetDataset.Row> rows = ParquetDataset.read(data);
            Map<String, Long> copies =
                    rows.stream().collect(Collectors.groupingBy(ParquetDataset.Row::key, Collectors.counting()));
            assertThat(copies.entrySet().stream().filter(e -> e.getValue() > 1))
                    .as("keys recorded more than once")
                    .isEmpty();
            assertThat(copies.keySet()).isEqualTo(published.keySet());
            for (ParquetDataset.Row r : rows) {
                assertThat(r.close())
                        .as("close of %s", r.key())
                        .isEqualTo(published.get(r.key()).close().doubleValue());
            }
            Map<String, Long> after = rowsByWriter(data, T0 + 10 * 60_000L);
            assertThat(after.getOrDefault(restartedWriter, 0L))
                    .as("rows of minutes 10 to 12 the restarted recorder wrote, of %s", after)
                    .isBetween(Math.round(3 * STREAMS / 3.0 * 0.75), Math.round(3 * STREAMS / 3.0 * 1.25));
            assertThat(after).doesNotContainKey(writers.get(0));
            System.out.printf(
                    "ThreeRecordersIT: published %d, rows %d, split while three lived %s, after the restart %s,"
                            + " outbox %s%n",
                    published.size(), rows.size(), split, after, onContext(context, outbox::counters));
        } finally {
            if (vertx != null) {
                vertx.close().await(60, TimeUnit.SECONDS);
            }
            for (Process p : recorders) {
                p.destroy();
            }
            for (Process p : recorders) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static void publish(Context context, RecorderOutbox outbox, int minute, Map<String, Candle> published)
            throws Exception {
        List<Candle> candles = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            BigDecimal close = BigDecimal.valueOf(10_000 + s * 100 + minute, 2);
            candles.add(new Candle(
                    Instrument.parse("binance:spot:OWN" + s + "USDT"),
                    Interval.M1,
                    T0 + minute * 60_000L,
                    close,
                    close,
                    close,
                    close,
                    BigDecimal.ONE,
                    close,
                    1,
                    BigDecimal.ZERO,
                    BigDecimal.ZERO,
                    true,
                    CandleSource.REST));
        }
        candles.forEach(c -> published.put(c.key(), c));
        onContext(context, () -> {
            candles.forEach(outbox::offer);
            return null;
        });
    }

    private static void awaitLive(Context context, RecorderOutbox outbox, long live) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> onContext(context, () -> outbox.counters().get("recordersLive")) == live);
    }

    private static void awaitAcknowledged(Context context, RecorderOutbox outbox) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> onContext(context, outbox::pending) == 0L);
    }

    /** Rows per writer id, from the visible part files' names, of files whose first open time is at or after {@code from} (or all). */
    private static Map<String, Long> rowsByWriter(Path data, long from) {
        Map<String, Long> rows = new HashMap<>();
        try (Stream<Path> files = Files.walk(data.resolve("candles"))) {
            for (Path p : files.toList()) {
                Matcher m = PART.matcher(p.getFileName().toString());
                if (m.matches() && (from == Long.MAX_VALUE || Long.parseLong(m.group(1)) >= from)) {
                    rows.merge(m.group(4), Long.parseLong(m.group(3)), Long::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static <T> T onContext(Context context, Supplier<T> action) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> result.complete(action.get()));
        return result.future().await(30, TimeUnit.SECONDS);
    }

    /** Returns the writer id (the recorder id) a recorder JVM logs when its recorder starts. */
    private static String writerId(Path log, Process process) {
        return await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            assertThat(process.isAlive())
                                    .as("recorder JVM alive; see %s", log)
                                    .isTrue();
                            Matcher m = WRITER.matcher(Files.readString(log));
                            return m.find() ? m.group(1) : null;
                        },
                        id -> id != null);
    }
}
