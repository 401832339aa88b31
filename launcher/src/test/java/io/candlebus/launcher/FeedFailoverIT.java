package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One active feed per venue market across a cluster, and failover: a recorder+HTTP JVM and two market JVMs, all fed
 * by one simulator in this JVM (the venue outlives the nodes; the nodes run {@code --source live} against it). The
 * simulator runs {@value #SPEED} times real time and the market nodes follow its clock ({@code sim.followClock}), so
 * the minutes pass quickly while what is real stays real: the lease TTL, Hazelcast's failure detection, the
 * takeover bound and the time the nodes' consumers take to be known cluster-wide. The first market node holds every
 * feed lease, the second stands by ({@code standby} in its heartbeats and in {@code /status}). The first is killed
 * with SIGKILL just before a minute ends, so that minute closes with no feed running; the second takes over within
 * seconds, fills it from REST and carries on. Every closed candle then reached {@code candles.closed} (heard here, a
 * fourth cluster member) once, with no hole and the simulator's values, and the dataset holds each once.
 */
class FeedFailoverIT {
    private static final Instrument SPOT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final List<String> COMPONENTS = List.of("market.binance.spot", "market.bithumb");
    private static final long MINUTE = 60_000;
    /**
     * How many times real time the simulator and the market nodes' clocks run. A takeover at the bound below (20 s,
     * 200 simulated s) still lies within the standby's REST warm-up (3 candles of 5 minutes).
     */
    private static final int SPEED = 10;
    /**
     * Simulated time before a minute's end at which the first node is killed: 1 s of real time, so that a loaded
     * machine's pause between the poll and the kill does not carry the kill past the minute's end.
     */
    private static final long KILL_LEAD_MILLIS = 10_000;

    private static final int KILLED = 137;
    /** Kill to the standby's first heartbeat as holder; the lease TTL (4 s) and Hazelcast's 5 s detection bound it. */
    private static final long TAKEOVER_LIMIT_MILLIS = 20_000;

    private final Queue<Candle> closed = new ConcurrentLinkedQueue<>();
    private final Map<String, Heartbeat> latest = new ConcurrentHashMap<>();
    /** Per component, when (this JVM's nanoTime) and at what node time the standby's first heartbeat as holder came. */
    private final Map<String, Long> firstActive = new ConcurrentHashMap<>();

    private final Map<String, Long> firstActiveTime = new ConcurrentHashMap<>();

    @Test
    @Timeout(value = 720, unit = TimeUnit.SECONDS)
    void theStandbyTakesOverAKilledFeedNodeAndEveryClosedCandleIsPublishedAndRecordedOnce(@TempDir Path dir)
            throws Exception {
        Vertx simVertx = Vertx.vertx();
        Codecs.registerAll(simVertx.eventBus());
        ExchangeSimulator sim = ExchangeSimulator.start(
                        simVertx,
                        SimConfig.demo()
                                .withSeed(11)
                                .withSpeed(SPEED)
                                .withPort(0)
                                .withInstruments(Simulators.instruments(List.of(SPOT, KRW))))
                .await(60, TimeUnit.SECONDS);
        Path data = dir.resolve("data");
        String clusterName = "candlebus-failover-it-" + UUID.randomUUID();
        int[] ports = {ChildJvms.freePort(), ChildJvms.freePort(), ChildJvms.freePort(), ChildJvms.freePort()};
        String members = ChildJvms.members(ports);
        int httpPort = ChildJvms.freePort();
        List<Process> processes = new ArrayList<>();
        Vertx vertx = null;
        try {
            processes.add(ChildJvms.start(
                    dir.resolve("recorder.log"),
                    "-Xmx384m",
                    List.of(
                            "--cluster",
                            "--cluster-name",
                            clusterName,
                            "--cluster-port",
                            String.valueOf(ports[0]),
                            "--cluster-members",
                            members,
                            "--roles",
                            "recorder,http",
                            "--node",
                            "recorder-http",
                            "--data",
                            data.toString(),
                            "--http-port",
                            String.valueOf(httpPort))));
            Process first = marketNode(dir, "market-a", sim, clusterName, ports[1], members);
            processes.add(first);
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
            vertx.eventBus().<Object>consumer(Addresses.CANDLES_CLOSED, m -> {
                if (m.body() instanceof Candle c) {
                    closed.add(c);
                }
            });
            vertx.eventBus().<Object>consumer(Addresses.STATUS_HEARTBEAT, m -> {
                if (m.body() instanceof Heartbeat hb) {
                    latest.put(hb.node() + "/" + hb.component(), hb);
                    if (!hb.state().equals("standby") && hb.node().equals("market-b")) {
                        firstActive.putIfAbsent(hb.component(), System.nanoTime());
                        firstActiveTime.putIfAbsent(hb.component(), hb.time());
                    }
                }
            });

            // The first market node holds every lease and feeds; then the second joins and stands by.
            awaitState("market-a", first, s -> !s.equals("standby") && !s.equals("starting"));
            Process second = marketNode(dir, "market-b", sim, clusterName, ports[2], members);
            processes.add(second);
            awaitState("market-b", second, s -> s.equals("standby"));
            assertThat(statusComponents(httpPort))
                    .as("/status shows the standby")
                    .containsEntry("market-b/market.binance.spot", "standby")
                    .containsEntry("market-b/market.bithumb", "standby");
            long epochBefore =
                    latest.get("market-a/market.binance.spot").counters().get("leaseEpoch");

            // A minute of each stream published by the first node, then the kill 10 simulated seconds (1 s) before
            // the next minute ends: its lease outlives it by at least 3 s of real time (4 s TTL, renewed every
            // second), so that minute closes while no feed runs and only the standby's REST warm-up can bring it.
            // Both feeds published a minute while the second node stood by, so it heard one of each stream (a
            // standby that heard no minute of a stream publishes its warm-up again: README, failover). The first
            // minute that ends at least 10 s of real time after the standby showed up is that minute: the 10 s leave
            // its consumers time to be known cluster-wide; a later minute would only make the test wait longer.
            long liveFrom =
                    Interval.M1.openTimeOf(sim.clock().millis() + sim.clock().toSimMillis(10_000));
            for (Instrument i : List.of(SPOT, KRW)) {
                await().atMost(Duration.ofSeconds(240))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() ->
                                closed.stream().anyMatch(c -> c.instrument().equals(i) && c.openTime() >= liveFrom));
            }
            long boundary = Interval.M1.openTimeOf(sim.clock().millis() + KILL_LEAD_MILLIS) + MINUTE;
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> sim.clock().millis() >= boundary - KILL_LEAD_MILLIS);
            assertThat(first.toHandle().destroyForcibly()).isTrue();
            long killedAt = System.nanoTime();
            assertThat(sim.clock().millis())
                    .as("the kill came before the minute ended")
                    .isLessThan(boundary);
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue())
                    .as("the first market node's exit status (SIGKILL)")
                    .isEqualTo(KILLED);

            Map<String, Long> takeoverMillis = new TreeMap<>();
            for (String component : COMPONENTS) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> firstActive.containsKey(component));
                takeoverMillis.put(component, (firstActive.get(component) - killedAt) / 1_000_000);
            }
            assertThat(takeoverMillis.values())
                    .as("kill to the standby feeding, per feed: %s", takeoverMillis)
                    .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(TAKEOVER_LIMIT_MILLIS));
            assertThat(COMPONENTS.stream().map(firstActiveTime::get))
                    .as("the standby started feeding after the minute closed (node clock = the simulator's)")
                    .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(boundary));
            assertThat(latest.get("market-b/market.binance.spot").counters().get("leaseEpoch"))
                    .as("the takeover's fencing epoch")
                    .isGreaterThan(epochBefore);

            // The minute that closed while no feed ran, and the first minute the second node built live: the one in
            // which it started feeding (at this speed a slow takeover may begin a minute or two after the boundary;
            // the minutes between come from its REST warm-up).
            long liveAgain = Interval.M1.openTimeOf(firstActiveTime.values().stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElseThrow());
            for (Instrument i : List.of(SPOT, KRW)) {
                await().atMost(Duration.ofSeconds(200))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> closed.stream()
                                .anyMatch(c -> c.instrument().equals(i)
                                        && c.interval() == Interval.M1
                                        && c.openTime() >= liveAgain));
            }
            // The second node's candle shards hold back what the first had published.
            long suppressed = latest.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("market-b/market.aggregator."))
                    .mapToLong(e -> e.getValue().counters().getOrDefault("takeoverSuppressed", 0L))
                    .sum();
            assertThat(suppressed)
                    .as("closed candles of the second node's warm-up not published again")
                    .isPositive();

            Map<String, Candle> published = new HashMap<>();
            for (Instrument i : List.of(SPOT, KRW)) {
                List<Candle> truth = sim.truth(i);
                for (Interval interval : List.of(Interval.M1, Interval.M5)) {
                    List<Candle> stream = closed.stream()
                            .filter(c -> c.instrument().equals(i) && c.interval() == interval)
                            .toList();
                    assertOnceInOrderWithoutHole(i, interval, stream);
                    stream.forEach(c -> published.put(c.key(), c));
                }
                assertEqualToTruth(i, closedOf(i), truth, boundary);
            }
            assertDatasetHoldsEachPublishedKeyOnce(data, published);
            System.out.printf(
                    "FeedFailoverIT: takeover after kill -9 (ms) %s; epoch %d -> %d; %d closed candles published,"
                            + " %d warm-up candles not published again%n",
                    takeoverMillis,
                    epochBefore,
                    latest.get("market-b/market.binance.spot").counters().get("leaseEpoch"),
                    published.size(),
                    suppressed);
        } finally {
            if (vertx != null) {
                vertx.close().await(60, TimeUnit.SECONDS);
            }
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            sim.close().await(30, TimeUnit.SECONDS);
            simVertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    /** A market-only node in live mode against the test's simulator, its outbox in the test's directory. */
    private static Process marketNode(
            Path dir, String name, ExchangeSimulator sim, String clusterName, int port, String members)
            throws Exception {
        JsonObject binance = new JsonObject();
        for (Market m : Market.values()) {
            binance.put(
                    m.wireName(),
                    new JsonObject().put("restUrl", sim.binanceRestUrl(m)).put("wsUrl", sim.binanceWsUrl(m)));
        }
        JsonObject tree = new JsonObject()
                .put("source", "live")
                .put("sim", new JsonObject().put("followClock", followClock(sim)))
                .put(
                        "recorder",
                        new JsonObject()
                                .put("dataDir", dir.resolve(name + "-data").toString()))
                .put(
                        "market",
                        new JsonObject()
                                .put(
                                        "instruments",
                                        new JsonArray().add(SPOT.key()).add(KRW.key()))
                                .put("intervals", new JsonArray().add("1m").add("5m"))
                                .put("warmupCandles", 3)
                                .put("binance", binance)
                                .put(
                                        "bithumb",
                                        new JsonObject()
                                                .put("restUrl", sim.bithumbRestUrl())
                                                .put("wsUrl", sim.bithumbWsUrl()))
                                .put(
                                        "upbit",
                                        new JsonObject()
                                                .put("restUrl", sim.upbitRestUrl())
                                                .put("wsUrl", sim.upbitWsUrl())));
        Path config = dir.resolve(name + ".json");
        Files.writeString(config, tree.encodePrettily());
        return ChildJvms.start(
                dir.resolve(name + ".log"),
                "-Xmx384m",
                List.of(
                        "--config",
                        config.toString(),
                        "--cluster",
                        "--cluster-name",
                        clusterName,
                        "--cluster-port",
                        String.valueOf(port),
                        "--cluster-members",
                        members,
                        "--roles",
                        "market",
                        "--node",
                        name));
    }

    /** The simulator's clock as a node reads it in: its time at a wall-clock moment, and its speed. */
    private static JsonObject followClock(ExchangeSimulator sim) {
        long wall = System.currentTimeMillis();
        return new JsonObject()
                .put("simTime", sim.clock().millis())
                .put("wallTime", wall)
                .put("speed", sim.clock().speed());
    }

    private void awaitState(String node, Process process, java.util.function.Predicate<String> wanted) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive()).as("%s alive", node).isTrue();
                    return COMPONENTS.stream().allMatch(c -> {
                        Heartbeat hb = latest.get(node + "/" + c);
                        return hb != null && wanted.test(hb.state());
                    });
                });
    }

    private List<Candle> closedOf(Instrument i) {
        return closed.stream()
                .filter(c -> c.instrument().equals(i) && c.interval() == Interval.M1)
                .toList();
    }

    /** Returns node/component to state from {@code GET /status}. */
    private static Map<String, String> statusComponents(int httpPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> {
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/status"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            Map<String, String> out = new HashMap<>();
                            JsonArray components = new JsonObject(r.body()).getJsonArray("components");
                            for (int k = 0; k < components.size(); k++) {
                                JsonObject c = components.getJsonObject(k);
                                out.put(c.getString("node") + "/" + c.getString("component"), c.getString("state"));
                            }
                            return out;
                        },
                        m -> "standby".equals(m.get("market-b/market.bithumb")));
    }

    private static void assertOnceInOrderWithoutHole(Instrument i, Interval interval, List<Candle> stream) {
        assertThat(stream).as("closed %s candles of %s", interval, i).isNotEmpty();
        assertThat(stream.stream().map(Candle::openTime).distinct().count())
                .as("each closed %s candle of %s published once: %s", interval, i, openTimes(stream))
                .isEqualTo(stream.size());
        for (int k = 1; k < stream.size(); k++) {
            assertThat(stream.get(k).openTime())
                    .as("closed %s candles of %s in order without a hole: %s", interval, i, openTimes(stream))
                    .isEqualTo(stream.get(k - 1).openTime() + interval.millis());
        }
    }

    private static String openTimes(List<Candle> stream) {
        return stream.stream().map(c -> String.valueOf(c.openTime())).collect(Collectors.joining(","));
    }

    private static void assertEqualToTruth(Instrument i, List<Candle> published, List<Candle> truth, long boundary) {
        Map<Long, Candle> byOpen = new TreeMap<>();
        truth.forEach(t -> byOpen.put(t.openTime(), t));
        assertThat(published.stream().map(Candle::openTime))
                .as("%s: the minute that closed while no feed ran was published", i)
                .contains(boundary - MINUTE);
        for (Candle p : published) {
            Candle t = byOpen.get(p.openTime());
            assertThat(t).as("truth of %s", p).isNotNull();
            if (i.exchange() == Exchange.BITHUMB && p.source() == CandleSource.REST) {
                // Bithumb's REST candles carry no trade count or taker volumes.
                assertThat(List.of(p.open(), p.high(), p.low(), p.close(), p.volume(), p.quoteVolume()))
                        .as("%s %d", i, p.openTime())
                        .usingElementComparator(BigDecimal::compareTo)
                        .containsExactlyElementsOf(
                                List.of(t.open(), t.high(), t.low(), t.close(), t.volume(), t.quoteVolume()));
            } else {
                assertThat(p.sameValues(t)).as("%s equals truth %s", p, t).isTrue();
            }
        }
    }

    /** The recorder acknowledges within its flush interval; the dataset then holds each published key once. */
    private static void assertDatasetHoldsEachPublishedKeyOnce(Path data, Map<String, Candle> published)
            throws IOException {
        List<ParquetDataset.Row> rows = await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ParquetDataset.read(data), r -> r.stream()
                        .map(ParquetDataset.Row::key)
                        .collect(Collectors.toSet())
                        .containsAll(published.keySet()));
        Map<String, Long> copies =
                rows.stream().collect(Collectors.groupingBy(ParquetDataset.Row::key, Collectors.counting()));
        assertThat(copies.entrySet().stream().filter(e -> e.getValue() > 1))
                .as("keys recorded more than once")
                .isEmpty();
        Map<String, Long> lastPublished = new HashMap<>();
        published.values().forEach(c -> lastPublished.merge(streamOf(c), c.openTime(), Math::max));
        for (ParquetDataset.Row r : rows) {
            String stream = r.exchange() + ":" + r.market() + ":" + r.symbol() + "/" + r.interval();
            Long last = lastPublished.get(stream);
            if (last != null && r.openTime() <= last) {
                Candle p = published.get(r.key());
                assertThat(p).as("recorded %s was published", r.key()).isNotNull();
                assertThat(r.close())
                        .as("close of %s", r.key())
                        .isEqualTo(p.close().doubleValue());
            }
        }
        assertThat(DatasetCheck.run(data)).allSatisfy(s -> {
            assertThat(s.duplicates()).as("duplicates in %s", s).isZero();
            assertThat(s.missing()).as("holes in %s", s).isZero();
        });
    }

    private static String streamOf(Candle c) {
        return c.instrument().key() + "/" + c.interval().code();
    }
}
