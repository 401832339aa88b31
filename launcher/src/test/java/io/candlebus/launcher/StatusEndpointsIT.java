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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three shapes of {@code /status} on a whole node on the simulator: the compact summary by default, one
 * instrument's detail at {@code /status/{instrument}} (404 naming an instrument the node does not know), and the
 * full document at {@code ?detail=full}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatusEndpointsIT {
    private static final String BTC = "binance:spot:BTCUSDT";
    private static final String KRW = "bithumb:spot:KRW-BTC";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void summaryInstrumentDetailAndFullBody(@TempDir Path data) throws Exception {
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "status-it")
                        .put("roles", "market,strategy,http")
                        .put("http", new JsonObject().put("port", 0))
                        .put("sim", new JsonObject().put("speed", 60.0))
                        .put("recorder", new JsonObject().put("dataDir", data.toString()))
                        .put(
                                "market",
                                new JsonObject()
                                        .put(
                                                "instruments",
                                                new JsonArray().add(BTC).add(KRW))
                                        .put("intervals", new JsonArray().add("1m"))),
                Map.of());
        Node node = Node.start(config).await(60, TimeUnit.SECONDS);
        try {
            String base = "http://127.0.0.1:" + node.httpPort();

            // Once a candle closed and the stream is live (a reconnect of a loaded machine may pass through
            // "connecting" first).
            HttpResponse<String> btc = await("BTC's detail once a candle closed, its stream live")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> get(base + "/status/" + BTC),
                            r -> r.statusCode() == 200
                                    && new JsonObject(r.body())
                                            .getJsonObject("intervals")
                                            .containsKey("1m")
                                    && new JsonObject(r.body()).getJsonObject("stream") != null
                                    && "live"
                                            .equals(new JsonObject(r.body())
                                                    .getJsonObject("stream")
                                                    .getString("state")));
            JsonObject detail = new JsonObject(btc.body());
            assertThat(detail.getString("instrument")).isEqualTo(BTC);
            assertThat(detail.getJsonObject("stream").getString("component")).startsWith("market.binance");
            assertThat(detail.getJsonObject("stream").getString("state")).isEqualTo("live");
            assertThat(detail.getJsonObject("intervals")
                            .getJsonObject("1m")
                            .getJsonObject("lastClosedCandle")
                            .getString("instrument"))
                    .isEqualTo(BTC);
            assertThat(btc.headers().firstValue("Content-Type")).hasValue("application/json");

            HttpResponse<String> unknown = get(base + "/status/binance:spot:NOPEUSDT");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(unknown.body()).getString("error"))
                    .contains("binance:spot:NOPEUSDT")
                    .contains("unknown");
            HttpResponse<String> malformed = get(base + "/status/not-an-instrument");
            assertThat(malformed.statusCode()).isEqualTo(400);

            JsonObject summary = await("both streams in the summary")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> new JsonObject(get(base + "/status").body()),
                            s -> s.getJsonObject("streams").getInteger("count") == 2);
            assertThat(summary.getString("detail")).isEqualTo("summary");
            assertThat(summary.getString("node")).isEqualTo("status-it");
            assertThat(summary.containsKey("instruments")).isFalse();
            JsonArray fields = summary.getJsonObject("streams").getJsonArray("fields");
            JsonArray rows = summary.getJsonObject("streams").getJsonArray("rows");
            assertThat(rows.stream()
                            .map(r -> ((JsonArray) r).getString(fields.getList().indexOf("instrument"))))
                    .containsExactly(BTC, KRW);
            JsonObject self = summary.getJsonArray("nodes").getJsonObject(0);
            assertThat(self.getString("node")).isEqualTo("status-it");
            assertThat(self.getString("state")).isEqualTo("live");
            assertThat(self.getJsonArray("roles"))
                    .isEqualTo(new JsonArray().add("market").add("strategy").add("http"));
            assertThat(self.getLong("pid")).isEqualTo(ProcessHandle.current().pid());
            assertThat(self.getLong("uptimeMillis")).isGreaterThan(0);
            assertThat(self.getJsonObject("components").getString("strategy")).isEqualTo("live");

            JsonObject full = new JsonObject(get(base + "/status?detail=full").body());
            assertThat(full.getString("detail")).isEqualTo("full");
            assertThat(full.getJsonObject("instruments").getJsonObject(BTC).getJsonObject("1m"))
                    .isNotNull();
            assertThat(full.getJsonObject("streams").getJsonObject(KRW).getString("component"))
                    .startsWith("market.bithumb");
            assertThat(full.getJsonArray("components").getJsonObject(0).getJsonObject("counters"))
                    .isNotNull();
            HttpResponse<String> bogus = get(base + "/status?detail=everything");
            assertThat(bogus.statusCode()).isEqualTo(400);
            assertThat(bogus.body()).contains("detail: expected summary or full, was 'everything'");
        } finally {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
