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
 * {@code /status} on an HTTP node lists every node of its cluster. This JVM runs only the HTTP role; a child JVM
 * runs a recorder. Both are listed with their roles, uptime and component states; once the child is killed with
 * SIGKILL, it is flagged (no longer {@code live}) within seconds. {@code http.goneAfterMillis} is far beyond the
 * test's deadlines, so the flag comes from the announcements stopping (stale after 5 s) or from Hazelcast
 * reporting the member gone, not from the silence bound.
 */
class ClusterViewIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyNodeIsListedAndAKilledOneFlaggedWithinSeconds(@TempDir Path dir) throws Exception {
        String clusterName = "candlebus-view-it-" + UUID.randomUUID();
        int childPort = ChildJvms.freePort();
        int httpPort = ChildJvms.freePort();
        String members = ChildJvms.members(childPort, httpPort);
        Process child = ChildJvms.recorder(
                dir.resolve("recorder.log"), "view-recorder", childPort, clusterName, members, dir.resolve("data"));
        Node node = null;
        try {
            node = Node.start(AppConfig.fromJson(
                            new JsonObject()
                                    .put("node", "view-http")
                                    .put("roles", "http")
                                    .put("cluster", ChildJvms.clusterJson(clusterName, httpPort, members))
                                    .put("http", new JsonObject().put("port", 0).put("goneAfterMillis", 600_000)),
                            Map.of()))
                    .await(90, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + node.httpPort();

            JsonArray nodes = await("both nodes listed")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                assertThat(child.isAlive())
                                        .as("child alive; see recorder.log")
                                        .isTrue();
                                return nodes(base);
                            },
                            n -> n.size() == 2
                                    && n.getJsonObject(1)
                                            .getJsonObject("components")
                                            .containsKey("recorder"));
            // Listed by name.
            JsonObject recorder = nodes.getJsonObject(1);
            JsonObject self = nodes.getJsonObject(0);
            assertThat(recorder.getString("node")).isEqualTo("view-recorder");
            assertThat(recorder.getString("state")).isEqualTo("live");
            assertThat(recorder.getJsonArray("roles")).isEqualTo(new JsonArray().add("recorder"));
            assertThat(recorder.getLong("pid")).isEqualTo(child.pid());
            assertThat(recorder.getLong("uptimeMillis")).isGreaterThan(0);
            assertThat(recorder.getJsonObject("components").getString("recorder"))
                    .isEqualTo("live");
            assertThat(self.getString("node")).isEqualTo("view-http");
            assertThat(self.getString("state")).isEqualTo("live");
            assertThat(self.getJsonArray("roles")).isEqualTo(new JsonArray().add("http"));
            assertThat(self.getLong("uptimeMillis")).isGreaterThan(0);
            long uptime = recorder.getLong("uptimeMillis");
            await("the recorder's uptime grows")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> nodes(base).getJsonObject(1).getLong("uptimeMillis") > uptime);

            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            JsonObject flagged = await("the killed node flagged")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> nodes(base).getJsonObject(1), n -> !n.getString("state")
                            .equals("live"));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
            assertThat(flagged.getString("state")).isIn("stale", "gone");
            assertThat(seconds).as("seconds until flagged").isLessThanOrEqualTo(10);
            // The HTTP node itself stays live; once Hazelcast drops the member, the recorder is gone.
            await("the killed node gone once the cluster drops it")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> nodes(base).getJsonObject(1).getString("state").equals("gone"));
            JsonObject after = nodes(base).getJsonObject(0);
            assertThat(after.getString("state")).isEqualTo("live");
        } finally {
            if (node != null) {
                node.close().await(60, TimeUnit.SECONDS);
            }
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private JsonArray nodes(String base) throws Exception {
        return new JsonObject(get(base + "/status").body()).getJsonArray("nodes");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
