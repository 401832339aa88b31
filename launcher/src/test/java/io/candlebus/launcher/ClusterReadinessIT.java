package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness in a cluster judges the members that are there now. This JVM runs market, strategy and HTTP; two
 * child JVMs run a recorder each. One recorder is killed with SIGKILL: once Hazelcast reports its member gone,
 * it is listed as gone and the node is ready again, as the other recorder works. When the last recorder goes
 * too, no recorder is left and the node is not ready. Before, readiness never forgot a node that left and
 * stayed 503 for good. {@code http.goneAfterMillis} (silence) is set far beyond the test's deadlines, so only
 * the membership can make the node ready again here; StatusViewTest covers the silence bound.
 */
class ClusterReadinessIT {
    private static final long GONE_AFTER = 600_000;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aKilledRecorderIsGoneAndTheNodeReadyWhileAnotherRecorderIsLeft(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        String clusterName = "candlebus-ready-it-" + UUID.randomUUID();
        int victimPort = ChildJvms.freePort();
        int survivorPort = ChildJvms.freePort();
        int marketPort = ChildJvms.freePort();
        String members = ChildJvms.members(victimPort, survivorPort, marketPort);
        Process victim = ChildJvms.recorder(
                dir.resolve("victim.log"), "recorder-victim", victimPort, clusterName, members, data);
        Process survivor = ChildJvms.recorder(
                dir.resolve("survivor.log"), "recorder-survivor", survivorPort, clusterName, members, data);
        Node node = null;
        try {
            node = Node.start(AppConfig.fromJson(
                            new JsonObject()
                                    .put("node", "http-jvm")
                                    .put("roles", "market,strategy,http")
                                    // Its outbox in the test's directory, not the module's shared ./data.
                                    .put(
                                            "recorder",
                                            new JsonObject()
                                                    .put(
                                                            "dataDir",
                                                            dir.resolve("market-data")
                                                                    .toString()))
                                    .put("cluster", ChildJvms.clusterJson(clusterName, marketPort, members))
                                    .put("sim", new JsonObject().put("speed", 60.0))
                                    .put("http", new JsonObject().put("port", 0).put("goneAfterMillis", GONE_AFTER))
                                    .put("market", new JsonObject().put("recorderTimeoutMillis", 10_000)),
                            Map.of()))
                    .await(90, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + node.httpPort();

            await("ready with both recorders")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(victim.isAlive())
                                .as("victim alive; see victim.log")
                                .isTrue();
                        assertThat(survivor.isAlive())
                                .as("survivor alive; see survivor.log")
                                .isTrue();
                        return get(base + "/health/ready").statusCode() == 200
                                && recorders(base).size() == 2;
                    });

            assertThat(victim.toHandle().destroyForcibly()).isTrue();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> ready = await("ready again once the killed recorder is gone")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> get(base + "/health/ready"),
                            r -> r.statusCode() == 200
                                    && new JsonObject(r.body())
                                                    .getJsonArray("goneComponents")
                                                    .size()
                                            == 1);
            JsonObject gone =
                    new JsonObject(ready.body()).getJsonArray("goneComponents").getJsonObject(0);
            assertThat(gone.getString("node")).isEqualTo("recorder-victim");
            assertThat(gone.getString("component")).isEqualTo("recorder");
            assertThat(gone.getBoolean("leftCluster")).isTrue();
            JsonObject status = new JsonObject(get(base + "/status").body());
            assertThat(status.getJsonArray("goneNodes")).isEqualTo(new JsonArray().add("recorder-victim"));
            assertThat(recorders(base))
                    .containsEntry("recorder-victim", "gone")
                    .containsEntry("recorder-survivor", "live");

            // The last recorder goes too: no recorder is left, which readiness must not forgive.
            assertThat(survivor.toHandle().destroyForcibly()).isTrue();
            assertThat(survivor.waitFor(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> down = await("not ready with no recorder left")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> get(base + "/health/ready"),
                            r -> r.statusCode() == 503
                                    && new JsonObject(r.body())
                                            .getJsonArray("missingRoles")
                                            .contains("recorder"));
            assertThat(new JsonObject(down.body()).getString("reason")).contains("no component left of [recorder]");
        } finally {
            if (node != null) {
                node.close().await(60, TimeUnit.SECONDS);
            }
            victim.destroyForcibly();
            survivor.destroyForcibly();
            survivor.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Returns the state /status shows per recorder node. */
    private Map<String, String> recorders(String base) throws Exception {
        JsonArray components = new JsonObject(get(base + "/status").body()).getJsonArray("components");
        Map<String, String> out = new java.util.TreeMap<>();
        components.stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getString("component").equals("recorder"))
                .forEach(c -> out.put(c.getString("node"), c.getString("state")));
        return out;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
