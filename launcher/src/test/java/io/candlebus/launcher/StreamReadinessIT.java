package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.launcher.http.StatusServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness follows the age of each stream's data: a node with live data is ready, becomes not ready naming
 * the stream while the simulator stalls it for longer than the threshold, and ready again once data flows.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StreamReadinessIT {
    private static final String BTC = "binance:spot:BTCUSDT";
    private static final long MINUTE = 60_000;
    /** Sim time: at 60x, five sim minutes are five real seconds, several heartbeats' worth. */
    private static final long THRESHOLD = 5 * MINUTE;

    private final HttpClient http = HttpClient.newHttpClient();
    private Node node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void notReadyNamingTheStreamWhileItsDataIsStalerThanTheThreshold(@TempDir Path data) throws Exception {
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "readiness-it")
                        .put("roles", "market,recorder")
                        .put("sim", new JsonObject().put("speed", 60))
                        .put("recorder", new JsonObject().put("dataDir", data.toString()))
                        .put(
                                "market",
                                new JsonObject()
                                        .put("instruments", new JsonArray().add(BTC))
                                        // The feed must not replace the stalled connection: the stream stays
                                        // quiet for the whole stall, as a silent link does until detected.
                                        .put("stallTimeoutMillis", 3_600_000)),
                Map.of());
        node = Node.start(config).await(120, TimeUnit.SECONDS);
        // The HTTP role with a small threshold; http.staleStreamMillis configures the same for a whole node.
        StatusServer server = new StatusServer(
                new StatusServer.Settings("127.0.0.1", 0, null, "readiness-it", THRESHOLD), Clock.systemUTC());
        node.vertx().deployVerticle(server).await(30, TimeUnit.SECONDS);
        String base = "http://127.0.0.1:" + server.actualPort();

        await("ready with live data")
                .atMost(Duration.ofSeconds(120))
                .until(() -> ready(base).statusCode() == 200
                        && "live".equals(stream(base).getString("state")));
        assertThat(get(base + "/metrics").body())
                .contains("candlebus_stream_state{instrument=\"" + BTC + "\",node=\"readiness-it\",state=\"live\"} 1");
        assertThat(get(base + "/").body()).contains("<table id=\"streams\">");

        // Twelve sim minutes (12 s at 60x): past the threshold long enough to be seen, and no longer.
        node.simulator().faults().stallStreams(12 * MINUTE).await(10, TimeUnit.SECONDS);

        HttpResponse<String> down = await("not ready while stalled")
                .atMost(Duration.ofSeconds(60))
                .until(() -> ready(base), r -> r.statusCode() == 503);
        JsonObject body = new JsonObject(down.body());
        assertThat(body.getString("status")).isEqualTo("DOWN");
        JsonObject stale = body.getJsonArray("staleStreams").getJsonObject(0);
        assertThat(stale.getString("instrument")).isEqualTo(BTC);
        assertThat(stale.getLong("ageMillis")).isGreaterThan(THRESHOLD);
        assertThat(body.getString("reason")).contains(BTC);
        assertThat(stream(base).getBoolean("stale")).isTrue();

        await("ready again once data flows")
                .atMost(Duration.ofSeconds(120))
                .until(() -> ready(base).statusCode() == 200);
        assertThat(stream(base).getBoolean("stale")).isFalse();
    }

    private HttpResponse<String> ready(String base) throws Exception {
        return get(base + "/health/ready");
    }

    private JsonObject stream(String base) throws Exception {
        // The instrument's own status: 404 until the node knows it.
        HttpResponse<String> r = get(base + "/status/" + BTC);
        JsonObject s = r.statusCode() == 200 ? new JsonObject(r.body()).getJsonObject("stream") : null;
        return s == null ? new JsonObject() : s;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
