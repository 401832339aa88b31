package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two clustered nodes in this JVM over Hazelcast on loopback: the alerts node reports the other node joining
 * when its heartbeats first cross the cluster, and leaving once they stop after it closes.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterAlertsIT {
    private final Vertx fakeVertx = Vertx.vertx();
    private Node alertsNode;
    private Node other;

    @AfterEach
    void stop() throws Exception {
        if (other != null) {
            other.close().await(60, TimeUnit.SECONDS);
        }
        if (alertsNode != null) {
            alertsNode.close().await(60, TimeUnit.SECONDS);
        }
        fakeVertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aNodeJoiningAndLeavingTheClusterIsReported() throws Exception {
        List<JsonObject> webhook = new CopyOnWriteArrayList<>();
        HttpServer fake = fakeVertx
                .createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    webhook.add(body.toJsonObject());
                    req.response().end();
                }))
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        String clusterName = "candlebus-alerts-it-" + UUID.randomUUID();
        int alertsPort = ClusterIT.freePort();
        int otherPort = ClusterIT.freePort();
        JsonArray members = new JsonArray(List.of("127.0.0.1:" + alertsPort, "127.0.0.1:" + otherPort));

        AtomicInteger ownHeartbeats = new AtomicInteger();
        alertsNode = Node.start(
                        AppConfig.fromJson(
                                new JsonObject()
                                        .put("node", "alerts-node")
                                        .put("roles", "alerts")
                                        .put("cluster", cluster(clusterName, alertsPort, members))
                                        .put(
                                                "alerts",
                                                new JsonObject()
                                                        .put(
                                                                "webhook",
                                                                new JsonObject()
                                                                        .put(
                                                                                "url",
                                                                                "http://127.0.0.1:" + fake.actualPort()
                                                                                        + "/hook"))
                                                        .put("kinds", "node-joined,node-left")
                                                        .put("nodeSilentMillis", 3000)),
                                Map.of()),
                        vertx -> vertx.eventBus().<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> {
                            if (m.body().node().equals("alerts-node")) {
                                ownHeartbeats.incrementAndGet();
                            }
                        }))
                .await(90, TimeUnit.SECONDS);
        // Past the first nodeSilentMillis, in which a node heard counts as already there.
        await().atMost(Duration.ofSeconds(30)).until(() -> ownHeartbeats.get() >= 5);

        other = Node.start(AppConfig.fromJson(
                        new JsonObject()
                                .put("node", "strategy-node")
                                .put("roles", "strategy")
                                .put("cluster", cluster(clusterName, otherPort, members)),
                        Map.of()))
                .await(90, TimeUnit.SECONDS);

        await("joined").atMost(Duration.ofSeconds(60)).until(() -> webhook.size() >= 1);
        assertThat(webhook.get(0).getString("kind")).isEqualTo("node-joined");
        assertThat(webhook.get(0).getString("subject")).isEqualTo("strategy-node");

        other.close().await(60, TimeUnit.SECONDS);
        other = null;

        await("left").atMost(Duration.ofSeconds(60)).until(() -> webhook.size() >= 2);
        assertThat(webhook.get(1).getString("kind")).isEqualTo("node-left");
        assertThat(webhook.get(1).getString("subject")).isEqualTo("strategy-node");
        assertThat(webhook.get(1).getString("text")).contains("it ran strategy");
        assertThat(webhook).hasSize(2);
    }

    private static JsonObject cluster(String name, int port, JsonArray members) {
        return new JsonObject()
                .put("enabled", true)
                .put("name", name)
                .put("port", port)
                .put("members", members);
    }
}
