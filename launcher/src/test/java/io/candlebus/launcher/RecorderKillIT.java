package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Interval;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVMs clustered on loopback: this one runs market and strategy (and the simulator), two child JVMs
 * run only the recorder on one shared data directory. One recorder is killed with SIGKILL right after it
 * renamed a file into place; the market re-sends what it had not acknowledged to the survivor. The dataset
 * must then hold every closed candle the market published exactly once, with the published values.
 */
class RecorderKillIT {
    private static final Pattern WRITER = Pattern.compile("recording to .* as writer ([0-9a-f]+)");
    /** Exit status of a process ended by SIGKILL (128 + 9), as {@link Process#exitValue()} reports it. */
    private static final int KILLED = 137;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aRecorderKilledWhileAnotherIsAliveLosesAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String clusterName = "candlebus-kill-it-" + UUID.randomUUID();
        int victimPort = ChildJvms.freePort();
        int survivorPort = ChildJvms.freePort();
        int marketPort = ChildJvms.freePort();
        String members = "127.0.0.1:" + victimPort + ",127.0.0.1:" + survivorPort + ",127.0.0.1:" + marketPort;
        Path victimLog = dir.resolve("recorder-victim.log");
        Path survivorLog = dir.resolve("recorder-survivor.log");

        Process victim = ChildJvms.recorder(victimLog, "recorder-victim", victimPort, clusterName, members, data);
        Process survivor =
                ChildJvms.recorder(survivorLog, "recorder-survivor", survivorPort, clusterName, members, data);
        Node node = null;
        try {
            AppConfig config = AppConfig.fromJson(
                    new JsonObject()
                            .put("node", "market-jvm")
                            // Its outbox (kept unacknowledged candles) in the test's directory, not the shared ./data
                            // of the module.
                            .put(
                                    "recorder",
                                    new JsonObject()
                                            .put(
                                                    "dataDir",
                                                    dir.resolve("market-data").toString()))
                            .put("roles", "market,strategy")
                            .put(
                                    "cluster",
                                    new JsonObject()
                                            .put("enabled", true)
                                            .put("name", clusterName)
                                            .put("port", marketPort)
                                            .put("members", new JsonArray(List.of(members.split(",")))))
                            .put("sim", new JsonObject().put("speed", 120.0))
                            // A shorter recorder timeout than the default 30 s makes the re-sends after the
                            // kill come soon; it stays well above the recorders' 2 s flush interval, so a
                            // slow but live recorder is not raced by a re-send to the other one.
                            .put(
                                    "market",
                                    new JsonObject()
                                            .put("closeGraceMillis", 20_000)
                                            .put("recorderTimeoutMillis", 10_000)),
                    Map.of());
            Queue<Candle> closed = new ConcurrentLinkedQueue<>();
            Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
            node = Node.start(config, vertx -> {
                        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
                        vertx.eventBus()
                                .<Heartbeat>consumer(
                                        Addresses.STATUS_HEARTBEAT,
                                        m -> heartbeats.put(
                                                m.body().node() + "/" + m.body().component(), m.body()));
                    })
                    .await(90, TimeUnit.SECONDS);
            Clock simClock = node.simulator().clock();
            String victimWriter = writerId(victimLog, victim);
            String survivorWriter = writerId(survivorLog, survivor);

            // Both recorders have written files: each owns some of the 8 streams (all 8 on one: 1 run in 128).
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(victim.isAlive())
                                .as("victim recorder alive; see its log")
                                .isTrue();
                        assertThat(survivor.isAlive())
                                .as("surviving recorder alive; see its log")
                                .isTrue();
                        return !filesOf(data, victimWriter).isEmpty()
                                && !filesOf(data, survivorWriter).isEmpty();
                    });

            // Kill right after the victim renames a file, the moment closest to its acknowledgement: any
            // candle of that file not yet acknowledged is re-sent to the survivor, which must not write it again.
            int victimFilesBefore = filesOf(data, victimWriter).size();
            await().atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> filesOf(data, victimWriter).size() > victimFilesBefore);
            long retriesAtKill = counter(heartbeats, "market-jvm/market.aggregator", "recorderRetries");
            long survivorDuplicatesAtKill = counter(heartbeats, "recorder-survivor/recorder", "duplicates");
            assertThat(victim.toHandle().destroyForcibly()).isTrue();
            long killedAt = simClock.millis();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(victim.exitValue()).as("victim exit status (SIGKILL)").isEqualTo(KILLED);
            Set<String> victimFiles = filesOf(data, victimWriter);

            // A few more sim minutes; the candles the victim held unacknowledged come back through re-sends.
            long until = killedAt + 4 * Interval.M1.millis();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> simClock.millis() >= until
                            && counter(heartbeats, "market-jvm/market.aggregator", "recorderRetries") > retriesAtKill);
            List<Candle> published = List.copyOf(closed);
            Set<String> publishedKeys = published.stream().map(Candle::key).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        assertThat(survivor.isAlive())
                                .as("surviving recorder alive; see its log")
                                .isTrue();
                        Set<String> recorded = new HashSet<>();
                        ParquetDataset.read(data).forEach(r -> recorded.add(r.key()));
                        return recorded.containsAll(publishedKeys);
                    });

            node.close().await(60, TimeUnit.SECONDS);
            node = null;
            survivor.destroy();
            assertThat(survivor.waitFor(60, TimeUnit.SECONDS))
                    .as("surviving recorder stops on SIGTERM")
                    .isTrue();

            List<ParquetDataset.Row> rows = ParquetDataset.read(data);
            Map<String, Candle> byKey = new HashMap<>();
            for (Candle c : closed) {
                assertThat(byKey.put(c.key(), c))
                        .as("candles.closed published %s once", c.key())
                        .isNull();
            }
            Map<String, Long> copies =
                    rows.stream().collect(Collectors.groupingBy(ParquetDataset.Row::key, Collectors.counting()));
            assertThat(copies.entrySet().stream().filter(e -> e.getValue() > 1))
                    .as("keys recorded more than once")
                    .isEmpty();
            assertThat(published.stream().filter(c -> !copies.containsKey(c.key())))
                    .as("published candles missing from the dataset")
                    .isEmpty();
            assertThat(published.stream().map(c -> c.interval().code()).distinct())
                    .contains("1m", "5m");
            for (ParquetDataset.Row r : rows) {
                Candle c = byKey.get(r.key());
                assertThat(c).as("recorded row %s was published", r.key()).isNotNull();
                assertThat(r).as("recorded row %s", r.key()).isEqualTo(expectedRow(c, r));
            }

            // The test proves something: the victim had recorded candles, candles were re-sent after the kill,
            // and candles opening after it were recorded (by the survivor, the only recorder left).
            assertThat(victimFiles).isNotEmpty();
            assertThat(counter(heartbeats, "market-jvm/market.aggregator", "recorderRetries"))
                    .isGreaterThan(retriesAtKill);
            assertThat(rows.stream().filter(r -> r.openTime() > killedAt)).isNotEmpty();
            // Readers see only complete files: every file they would pick up is a named part file; a
            // temporary file the victim left is hidden (leading dot) and does not end in .parquet.
            try (Stream<Path> files = Files.walk(data)) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(p -> p.getFileName().toString())
                                .filter(n -> !(n.startsWith(".") || n.startsWith("_")) || n.endsWith(".parquet")))
                        .allMatch(n -> n.matches("part-\\d+-\\d+-\\d+-[0-9a-f]+-\\d+\\.parquet"));
            }
            System.out.printf(
                    "RecorderKillIT: published %d, rows %d, victim files %d, survivor duplicates %d (%d at the"
                            + " kill), retries after the kill %d%n",
                    published.size(),
                    rows.size(),
                    victimFiles.size(),
                    counter(heartbeats, "recorder-survivor/recorder", "duplicates"),
                    survivorDuplicatesAtKill,
                    counter(heartbeats, "market-jvm/market.aggregator", "recorderRetries") - retriesAtKill);
        } finally {
            if (node != null) {
                node.close().await(60, TimeUnit.SECONDS);
            }
            victim.destroyForcibly();
            survivor.destroy();
            survivor.waitFor(60, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(survivorLog)).contains("shutting down");
    }

    /** Returns the row the recorder must have written for {@code c}, keeping {@code r}'s partition keys. */
    private static ParquetDataset.Row expectedRow(Candle c, ParquetDataset.Row r) {
        return new ParquetDataset.Row(
                r.exchange(),
                r.market(),
                r.symbol(),
                r.interval(),
                c.openTime(),
                c.open().doubleValue(),
                c.high().doubleValue(),
                c.low().doubleValue(),
                c.close().doubleValue(),
                c.volume().doubleValue(),
                c.quoteVolume().doubleValue(),
                c.tradeCount(),
                c.takerBuyBaseVolume().doubleValue(),
                c.takerBuyQuoteVolume().doubleValue(),
                c.openTime() + c.interval().millis(),
                c.source().name().toLowerCase(Locale.ROOT));
    }

    /** Sums the counter over the component, or over its parts (the candle shards, market.aggregator.<shard>). */
    private static long counter(Map<String, Heartbeat> heartbeats, String nodeAndComponent, String name) {
        return heartbeats.entrySet().stream()
                .filter(e -> e.getKey().equals(nodeAndComponent) || e.getKey().startsWith(nodeAndComponent + "."))
                .mapToLong(e -> e.getValue().counters().getOrDefault(name, 0L))
                .sum();
    }

    /** Returns the visible part files the writer {@code writerId} renamed into place. */
    private static Set<String> filesOf(Path data, String writerId) {
        Path root = data.resolve("candles");
        if (!Files.isDirectory(root)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("part-") && n.endsWith(".parquet") && n.contains("-" + writerId + "-"))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the writer id a recorder JVM logs when its recorder starts. */
    private static String writerId(Path log, Process process) {
        return await().atMost(Duration.ofSeconds(90))
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
