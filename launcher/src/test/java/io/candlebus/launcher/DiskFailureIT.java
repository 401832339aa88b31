package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorder's disk fails while the node runs. The dataset's directory is replaced by a regular file, which
 * stops every write even for root (tests run as root, whom {@code chmod} does not stop), and later put back.
 * Meanwhile the recorder is not ready, by name, and no closed candle is lost: they wait in the market's outbox,
 * are recorded once the disk is back, and at a stop they are kept on disk and recorded after the next start.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DiskFailureIT {
    private static final String BTC = "binance:spot:BTCUSDT";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Queue<Candle> closed = new ConcurrentLinkedQueue<>();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    private Node node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDiskThatFailsLaterMakesTheRecorderNotReadyAndLosesNoCandle(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        node = start(simNode("disk-it", data, dir.resolve("outbox")));
        Clock sim = node.simulator().clock();
        String base = "http://127.0.0.1:" + node.httpPort();
        await("ready and recording")
                .atMost(Duration.ofSeconds(120))
                .until(() ->
                        get(base + "/health/ready").statusCode() == 200 && counter("disk-it/recorder", "written") > 0);

        Disk disk = Disk.breakUnder(data);
        long brokenAt = sim.millis();
        long retries = counter("disk-it/market.aggregator", "recorderRetries");

        HttpResponse<String> down = await("not ready while the recorder cannot write")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> get(base + "/health/ready"),
                        r -> r.statusCode() == 503
                                && !new JsonObject(r.body())
                                        .getJsonArray("failingRecorders")
                                        .isEmpty());
        JsonObject body = new JsonObject(down.body());
        assertThat(body.getJsonArray("failingRecorders").getJsonObject(0).getString("node"))
                .isEqualTo("disk-it");
        assertThat(body.getString("reason")).contains("a recorder cannot write: [disk-it/recorder (");
        assertThat(recorderStatus(base).getString("state")).isEqualTo("failing");
        await("closed candles held while the disk is broken")
                .atMost(Duration.ofSeconds(60))
                .until(() -> sim.millis() > brokenAt + 3 * Interval.M1.millis()
                        && counter("disk-it/market.aggregator", "recorderPending") > 0
                        && counter("disk-it/market.aggregator", "recorderRetries") > retries);
        assertThat(get(base + "/health/ready").statusCode()).isEqualTo(503);

        disk.repair();
        await("ready again once the disk is back")
                .atMost(Duration.ofSeconds(60))
                .until(() -> get(base + "/health/ready").statusCode() == 200);
        assertThat(recorderStatus(base).getString("state")).isEqualTo("live");
        long repairedAt = sim.millis();
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.millis() > repairedAt + 2 * Interval.M1.millis());
        Set<String> published = closed.stream().map(Candle::key).collect(Collectors.toSet());
        await("every closed candle recorded")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> recordedKeys(data).containsAll(published));

        node.close().await(60, TimeUnit.SECONDS);
        node = null;
        assertRecordedOnceAsPublished(data);
        assertThat(published.stream().filter(k -> openTime(k) > brokenAt + Interval.M1.millis()))
                .as("candles closed while the disk was broken")
                .isNotEmpty();
    }

    @Test
    void candlesHeldAtAStopAreKeptOnDiskAndRecordedAfterTheNextStart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path outbox = dir.resolve("outbox");
        node = start(simNode("spool-it", data, outbox).put("roles", "market,recorder"));
        Clock sim = node.simulator().clock();
        await("recording").atMost(Duration.ofSeconds(120)).until(() -> counter("spool-it/recorder", "written") > 0);
        Disk disk = Disk.breakUnder(data);
        long brokenAt = sim.millis();
        await("closed candles held while the disk is broken")
                .atMost(Duration.ofSeconds(60))
                .until(() -> sim.millis() > brokenAt + 3 * Interval.M1.millis()
                        && counter("spool-it/market.aggregator", "recorderPending") >= 3);

        node.close().await(60, TimeUnit.SECONDS);
        node = null;

        // One kept file per candle shard that held candles, in its own directory (outbox/shard-<n>).
        List<Path> kept = jsonl(outbox);
        assertThat(kept).isNotEmpty().allSatisfy(p -> assertThat(p.getFileName().toString())
                .startsWith("pending-"));
        Set<String> spooled = new HashSet<>();
        for (Path file : kept) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                spooled.add(ContractJson.fromJson(line, Candle.class).key());
            }
        }
        assertThat(spooled).hasSizeGreaterThanOrEqualTo(3);
        Set<String> published = closed.stream().map(Candle::key).collect(Collectors.toSet());
        Set<String> onRecordOrKept = new HashSet<>(recordedKeys(disk.moved()));
        onRecordOrKept.addAll(spooled);
        assertThat(published).as("every closed candle recorded or kept").isSubsetOf(onRecordOrKept);

        disk.repair();
        // The next start gets no market data at all: what it records can only come from the kept file.
        JsonObject restart = NoDataReadinessIT.unreachable("spool-it-2", data, 60_000)
                .put("roles", "market,recorder")
                .put(
                        "recorder",
                        new JsonObject().put("dataDir", data.toString()).put("outboxDir", outbox.toString()));
        node = start(restart);
        await("kept candles recorded and the kept file released")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> recordedKeys(data).containsAll(published)
                        && jsonl(outbox).isEmpty());
        node.close().await(60, TimeUnit.SECONDS);
        node = null;

        assertThat(jsonl(outbox)).as("nothing left to keep").isEmpty();
        assertRecordedOnceAsPublished(data);
    }

    private Node start(JsonObject config) throws Exception {
        return Node.start(AppConfig.fromJson(config, Map.of()), vertx -> {
                    vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
                    vertx.eventBus()
                            .<Heartbeat>consumer(
                                    Addresses.STATUS_HEARTBEAT,
                                    m -> heartbeats.put(
                                            m.body().node() + "/" + m.body().component(), m.body()));
                })
                .await(90, TimeUnit.SECONDS);
    }

    /** A node with every role but strategy and order, on the simulator at 60x, following BTC spot. */
    private static JsonObject simNode(String name, Path data, Path outbox) {
        return new JsonObject()
                .put("node", name)
                .put("roles", "market,recorder,http")
                .put("sim", new JsonObject().put("speed", 60))
                .put("http", new JsonObject().put("port", 0))
                .put(
                        "recorder",
                        new JsonObject()
                                .put("dataDir", data.toString())
                                .put("outboxDir", outbox.toString())
                                .put("flushIntervalMillis", 500))
                .put(
                        "market",
                        new JsonObject()
                                .put("instruments", new JsonArray().add(BTC))
                                .put("reconnectMaxMillis", 1_000)
                                .put("recorderTimeoutMillis", 10_000));
    }

    /** Every key recorded once, and every published candle recorded with its published values. */
    private void assertRecordedOnceAsPublished(Path data) throws Exception {
        List<ParquetDataset.Row> rows = ParquetDataset.read(data);
        Map<String, Long> copies =
                rows.stream().collect(Collectors.groupingBy(ParquetDataset.Row::key, Collectors.counting()));
        assertThat(copies.entrySet().stream().filter(e -> e.getValue() > 1))
                .as("keys recorded more than once")
                .isEmpty();
        Map<String, Candle> byKey = new HashMap<>();
        closed.forEach(c -> byKey.put(c.key(), c));
        Map<String, ParquetDataset.Row> rowByKey = new HashMap<>();
        rows.forEach(r -> rowByKey.put(r.key(), r));
        for (Candle c : byKey.values()) {
            ParquetDataset.Row r = rowByKey.get(c.key());
            assertThat(r).as("published %s recorded", c.key()).isNotNull();
            assertThat(r.close()).as("%s close", c.key()).isEqualTo(c.close().doubleValue());
            assertThat(r.volume()).as("%s volume", c.key()).isEqualTo(c.volume().doubleValue());
        }
    }

    private static Set<String> recordedKeys(Path data) throws Exception {
        return ParquetDataset.read(data).stream().map(ParquetDataset.Row::key).collect(Collectors.toSet());
    }

    private static long openTime(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('/') + 1));
    }

    private static List<Path> jsonl(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList();
        }
    }

    /** Sums the counter over the component, or over its parts (the candle shards, market.aggregator.<shard>). */
    private long counter(String nodeAndComponent, String name) {
        return heartbeats.entrySet().stream()
                .filter(e -> e.getKey().equals(nodeAndComponent) || e.getKey().startsWith(nodeAndComponent + "."))
                .mapToLong(e -> e.getValue().counters().getOrDefault(name, 0L))
                .sum();
    }

    private JsonObject recorderStatus(String base) throws Exception {
        JsonArray components = new JsonObject(get(base + "/status").body()).getJsonArray("components");
        return components.stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("component").equals("recorder"))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The dataset's directory ({@code data/candles}), moved into the data directory {@code moved} with a regular
     * file in its place, until repaired.
     */
    private record Disk(Path candles, Path moved) {
        static Disk breakUnder(Path data) throws IOException {
            Path candles = data.resolve("candles");
            Path moved = Files.createDirectories(data.resolveSibling("data-moved"));
            Files.move(candles, moved.resolve("candles"));
            Files.writeString(candles, "a file where the dataset was");
            return new Disk(candles, moved);
        }

        void repair() throws IOException {
            Files.delete(candles);
            Files.move(moved.resolve("candles"), candles);
        }
    }
}
