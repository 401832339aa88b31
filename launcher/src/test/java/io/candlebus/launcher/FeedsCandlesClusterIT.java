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
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds on one JVM (this one, with the simulator: {@code --roles feeds}), candle shards and the recorder on another
 * ({@code --roles candles,recorder}): every feed event crosses the cluster bus. Every closed candle is published
 * once, in order, without a hole and equal to the simulator's truth, and the dataset holds each once.
 */
class FeedsCandlesClusterIT {
    private static final long MIN = 60_000L;
    private static final List<Instrument> CHECKED = PipelineIT.CHECKED;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void feedsAndCandlesOnTwoJvmsPublishEveryCandleOnceAndTrue(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String clusterName = "candlebus-split-it-" + UUID.randomUUID();
        int candlesPort = ChildJvms.freePort();
        int feedsPort = ChildJvms.freePort();
        String members = ChildJvms.members(candlesPort, feedsPort);
        // The same market settings on both nodes; the shard count is the event-loop count of the same machine.
        JsonObject market = new JsonObject()
                .put(
                        "instruments",
                        new JsonArray(CHECKED.stream().map(Instrument::key).toList()))
                .put("closeGraceMillis", 20_000);
        Path candlesConfig = dir.resolve("candles.json");
        Files.writeString(candlesConfig, new JsonObject().put("market", market).encode());
        Path candlesLog = dir.resolve("candles.log");
        Process candles = ChildJvms.start(
                candlesLog,
                "-Xmx384m",
                List.of(
                        "--cluster",
                        "--cluster-name",
                        clusterName,
                        "--cluster-port",
                        String.valueOf(candlesPort),
                        "--cluster-members",
                        members,
                        "--roles",
                        "candles,recorder",
                        "--node",
                        "candles-jvm",
                        "--data",
                        data.toString(),
                        "--config",
                        candlesConfig.toString()));
        Node node = null;
        Queue<Candle> closed = new ConcurrentLinkedQueue<>();
        Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
        Map<Instrument, List<Candle>> truth = new HashMap<>();
        long start;
        try {
            AppConfig config = AppConfig.fromJson(
                    new JsonObject()
                            .put("node", "feeds-jvm")
                            .put("roles", "feeds")
                            .put(
                                    "recorder",
                                    new JsonObject()
                                            .put(
                                                    "dataDir",
                                                    dir.resolve("feeds-data").toString()))
                            .put("cluster", ChildJvms.clusterJson(clusterName, feedsPort, members))
                            .put("sim", new JsonObject().put("speed", 120.0).put("seed", 31))
                            .put("market", market.copy()),
                    Map.of());
            node = Node.start(config, vertx -> {
                        vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body()));
                        vertx.eventBus()
                                .<Heartbeat>consumer(
                                        Addresses.STATUS_HEARTBEAT,
                                        m -> heartbeats.put(
                                                m.body().node() + "/" + m.body().component(), m.body()));
                    })
                    .await(120, TimeUnit.SECONDS);
            ExchangeSimulator sim = node.simulator();
            start = sim.clock().millis();
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(candles.isAlive())
                                .as("candles JVM alive; see %s", candlesLog)
                                .isTrue();
                        return CHECKED.stream().allMatch(i -> lastOpen(closed, i, Interval.M5) >= start + 20 * MIN);
                    });
            for (Instrument i : CHECKED) {
                truth.put(i, sim.truth(i));
            }
            assertThat(heartbeats.keySet())
                    .as("candle shards run on the candles JVM only")
                    .contains(
                            "candles-jvm/market.aggregator.0",
                            "feeds-jvm/market.binance.spot",
                            "feeds-jvm/market.bithumb")
                    .noneMatch(k -> k.startsWith("feeds-jvm/market.aggregator"))
                    .noneMatch(k -> k.startsWith("candles-jvm/market.binance"));
        } finally {
            if (node != null) {
                node.close().await(60, TimeUnit.SECONDS);
            }
            candles.destroy();
            candles.waitFor(60, TimeUnit.SECONDS);
        }
        for (Instrument instrument : CHECKED) {
            assertOnceInOrderWholeAndTrue(instrument, closed, truth.get(instrument), start);
            List<Long> fives = closed.stream()
                    .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M5)
                    .map(Candle::openTime)
                    .toList();
            assertThat(fives)
                    .as("5m candles of %s once", instrument)
                    .doesNotHaveDuplicates()
                    .isNotEmpty();
        }
        assertRecordedOnce(data, closed);
    }

    private static long lastOpen(Queue<Candle> closed, Instrument instrument, Interval interval) {
        return closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == interval)
                .mapToLong(Candle::openTime)
                .max()
                .orElse(Long.MIN_VALUE);
    }

    private static void assertOnceInOrderWholeAndTrue(
            Instrument instrument, Queue<Candle> closed, List<Candle> truth, long start) {
        List<Candle> published = closed.stream()
                .filter(c -> c.instrument().equals(instrument) && c.interval() == Interval.M1)
                .toList();
        assertThat(published).as("closed 1m candles of %s", instrument).isNotEmpty();
        for (int i = 1; i < published.size(); i++) {
            assertThat(published.get(i).openTime())
                    .as("closed candles of %s once and in order", instrument)
                    .isGreaterThan(published.get(i - 1).openTime());
        }
        long first = published.get(0).openTime();
        long last = Math.min(
                published.get(published.size() - 1).openTime(),
                truth.get(truth.size() - 1).openTime());
        assertThat(last).as("live candles of %s", instrument).isGreaterThanOrEqualTo(start + 15 * MIN);
        Map<Long, Candle> byOpen = new TreeMap<>();
        published.stream().filter(c -> c.openTime() <= last).forEach(c -> byOpen.put(c.openTime(), c));
        List<Candle> expected = truth.stream()
                .filter(t -> t.openTime() >= first && t.openTime() <= last)
                .toList();
        assertThat(byOpen.keySet())
                .as("every truth minute of %s from %d to %d published", instrument, first, last)
                .containsExactlyElementsOf(
                        expected.stream().map(Candle::openTime).toList());
        for (Candle t : expected) {
            Candle p = byOpen.get(t.openTime());
            boolean upbitFamily = instrument.exchange() == Exchange.BITHUMB || instrument.exchange() == Exchange.UPBIT;
            if (upbitFamily && p.source() == CandleSource.REST) {
                // Bithumb's and Upbit's REST candles carry no trade count or taker volumes.
                assertThat(List.of(p.open(), p.high(), p.low(), p.close(), p.volume(), p.quoteVolume()))
                        .as("%s %d", instrument, t.openTime())
                        .usingElementComparator(BigDecimal::compareTo)
                        .containsExactlyElementsOf(
                                List.of(t.open(), t.high(), t.low(), t.close(), t.volume(), t.quoteVolume()));
            } else {
                assertThat(p.sameValues(t)).as("%s equals truth %s", p, t).isTrue();
            }
        }
    }

    /** The recorder on the candles JVM holds every published candle once (all but the last moments' ones). */
    private static void assertRecordedOnce(Path data, Queue<Candle> closed) throws Exception {
        Map<String, ParquetDataset.Row> byKey = new HashMap<>();
        for (ParquetDataset.Row r : ParquetDataset.read(data)) {
            assertThat(byKey.put(r.key(), r))
                    .as("dataset holds %s once", r.key())
                    .isNull();
        }
        Map<String, Candle> published = new HashMap<>();
        closed.forEach(c -> published.put(c.key(), c));
        assertThat(published.keySet()).as("every recorded row was published").containsAll(byKey.keySet());
        long newest = closed.stream().mapToLong(Candle::openTime).max().orElseThrow();
        assertThat(published.values().stream()
                        .filter(c -> c.endTime() <= newest - 10 * MIN)
                        .map(Candle::key))
                .as("published candles recorded")
                .isNotEmpty()
                .allMatch(byKey::containsKey);
    }
}
