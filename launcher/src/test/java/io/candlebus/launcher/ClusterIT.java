package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs clustered over Hazelcast on loopback: this one runs market and strategy (and the
 * simulator), a child JVM runs only the recorder. Closed candles must land in the child's Parquet files.
 */
class ClusterIT {

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void candlesFromOneJvmLandInTheRecorderOfAnother(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String clusterName = "candlebus-it-" + UUID.randomUUID();
        int recorderPort = freePort();
        int marketPort = freePort();
        int recorderBusPort = freePort();
        int marketBusPort = freePort();
        String members = "127.0.0.1:" + recorderPort + ",127.0.0.1:" + marketPort;

        Process recorder = startJvm(
                dir.resolve("recorder.log"),
                "--cluster",
                "--cluster-name",
                clusterName,
                "--cluster-port",
                String.valueOf(recorderPort),
                "--cluster-members",
                members,
                "--cluster-bus-port",
                String.valueOf(recorderBusPort),
                "--roles",
                "recorder",
                "--node",
                "recorder-jvm",
                "--data",
                data.toString());
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
                                            .put("busPort", marketBusPort)
                                            .put("members", new JsonArray(List.of(members.split(",")))))
                            .put("sim", new JsonObject().put("speed", 120.0))
                            .put("market", new JsonObject().put("closeGraceMillis", 20_000)),
                    Map.of());
            Queue<Candle> closed = new ConcurrentLinkedQueue<>();
            node = Node.start(config, vertx -> vertx.eventBus()
                            .<Candle>consumer(Addresses.CANDLES_CLOSED, m -> closed.add(m.body())))
                    .await(90, TimeUnit.SECONDS);
            long start = node.simulator().clock().millis();

            // Wait for live candles (closed after start) of every instrument to be on the recorder's disk.
            int instruments = config.market().instruments().size();
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        assertThat(recorder.isAlive())
                                .as("recorder JVM alive; see recorder.log")
                                .isTrue();
                        return ParquetDataset.read(data).stream()
                                        .filter(r -> r.openTime() >= start)
                                        .map(r -> r.exchange() + r.market() + r.symbol())
                                        .distinct()
                                        .count()
                                == instruments;
                    });

            // Both event buses listen on the ports configured for them (a firewall rule can name them).
            for (int busPort : new int[] {marketBusPort, recorderBusPort}) {
                assertThatThrownBy(
                                () -> new java.net.ServerSocket(busPort, 1, java.net.InetAddress.getByName("127.0.0.1"))
                                        .close())
                        .as("event bus bound to %d", busPort)
                        .isInstanceOf(java.net.BindException.class);
            }
            List<ParquetDataset.Row> rows = ParquetDataset.read(data);
            Map<String, Candle> published = new HashMap<>();
            closed.forEach(c -> published.put(c.key(), c));
            assertThat(rows).hasSizeGreaterThan(100 * instruments);
            for (ParquetDataset.Row r : rows) {
                Candle c = published.get(r.key());
                assertThat(c)
                        .as("recorded row %s was published by the other JVM", r.key())
                        .isNotNull();
                assertThat(r.close()).isEqualTo(c.close().doubleValue());
                assertThat(r.volume()).isEqualTo(c.volume().doubleValue());
            }
            assertThat(rows.stream().map(ParquetDataset.Row::key).distinct().count())
                    .isEqualTo(rows.size());
        } finally {
            if (node != null) {
                node.close().await(60, TimeUnit.SECONDS);
            }
            recorder.destroy();
            assertThat(recorder.waitFor(60, TimeUnit.SECONDS))
                    .as("recorder JVM stops on SIGTERM")
                    .isTrue();
        }
        assertThat(Files.readString(dir.resolve("recorder.log")))
                .contains("running roles [RECORDER]")
                .contains("shutting down");
    }

    /** See {@link ChildJvms#start(Path, String...)}. */
    static Process startJvm(Path log, String... args) throws IOException {
        return ChildJvms.start(log, args);
    }

    /** See {@link ChildJvms#freePort()}. */
    static int freePort() throws IOException {
        return ChildJvms.freePort();
    }
}
