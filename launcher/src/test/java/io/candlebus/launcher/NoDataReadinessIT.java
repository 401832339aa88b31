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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node pointed at endpoints where nothing answers (as {@code --source live} without a network) never gets
 * data: it is not ready from the start, and once the start-up grace has passed its readiness names every stream
 * that never delivered. Before, a stream with no message had no age and so was never stale: the node was ready.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoDataReadinessIT {
    private static final String BTC = "binance:spot:BTCUSDT";
    private static final String ETH = "binance:spot:ETHUSDT";
    private static final long GRACE = 3_000;

    private final HttpClient http = HttpClient.newHttpClient();
    private Node node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aNodeThatNeverGetsDataIsNeverReadyAndNamesTheStreams(@TempDir Path data) throws Exception {
        node = Node.start(AppConfig.fromJson(unreachable("no-data-it", data, GRACE), Map.of()))
                .await(60, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + node.httpPort();

        HttpResponse<String> starting = await("streams reported")
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> get(base + "/health/ready"),
                        r -> new JsonObject(r.body())
                                        .getJsonArray("awaitingFirstData")
                                        .size()
                                == 2);
        assertThat(starting.statusCode())
                .as("not ready while waiting for the first data")
                .isEqualTo(503);

        HttpResponse<String> down = await("named as never delivered after the grace")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> get(base + "/health/ready"),
                        r -> new JsonObject(r.body())
                                        .getJsonArray("neverDelivered")
                                        .size()
                                == 2);
        assertThat(down.statusCode()).isEqualTo(503);
        JsonObject body = new JsonObject(down.body());
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getLong("startupGraceMillis")).isEqualTo(GRACE);
        JsonArray never = body.getJsonArray("neverDelivered");
        assertThat(never.stream().map(o -> ((JsonObject) o).getString("instrument")))
                .containsExactlyInAnyOrder(BTC, ETH);
        assertThat(never.getJsonObject(0).getLong("waitingMillis")).isGreaterThan(GRACE);
        assertThat(body.getString("reason"))
                .startsWith("no data ever within the start-up grace of 3000 ms on")
                .contains(BTC, ETH);
        JsonObject status = new JsonObject(get(base + "/status?detail=full").body());
        assertThat(status.getJsonObject("streams").getJsonObject(BTC).getValue("lastMessageAgeMillis"))
                .isNull();
    }

    /** A market and HTTP node following two Binance spot streams on a port where nothing listens. */
    static JsonObject unreachable(String name, Path data, long grace) throws Exception {
        int closed = ChildJvms.freePort();
        return new JsonObject()
                .put("node", name)
                .put("roles", "market,http")
                .put("source", "live")
                .put("http", new JsonObject().put("port", 0).put("startupGraceMillis", grace))
                .put("recorder", new JsonObject().put("dataDir", data.toString()))
                .put(
                        "market",
                        new JsonObject()
                                .put("instruments", new JsonArray().add(BTC).add(ETH))
                                .put("reconnectMinMillis", 100)
                                .put("reconnectMaxMillis", 500)
                                .put(
                                        "binance",
                                        new JsonObject()
                                                .put(
                                                        "spot",
                                                        new JsonObject()
                                                                .put("restUrl", "http://127.0.0.1:" + closed)
                                                                .put("wsUrl", "ws://127.0.0.1:" + closed))));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
