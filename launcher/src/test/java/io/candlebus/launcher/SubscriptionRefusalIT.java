package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /subscriptions} of an instrument the venue does not list, or over the node's
 * {@code market.maxInstruments}, answers 422 naming the instrument, and adds nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SubscriptionRefusalIT {
    private static final String TOKEN = "it-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private Node node;
    private String base;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "refusal-it")
                        .put("http", new JsonObject().put("port", 0))
                        .put("recorder", new JsonObject().put("dataDir", data.toString()))
                        .put(
                                "market",
                                new JsonObject()
                                        .put("maxInstruments", 3)
                                        .put(
                                                "instruments",
                                                new JsonArray()
                                                        .add("binance:spot:BTCUSDT")
                                                        .add("bithumb:spot:KRW-BTC"))),
                Map.of("CANDLEBUS_CONTROL_TOKEN", TOKEN));
        node = Node.start(config).await(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + node.httpPort();
    }

    @AfterEach
    void stop() throws Exception {
        node.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void unknownInstrumentsAndAddsOverTheCapAre422() throws Exception {
        HttpResponse<String> unknown = post("{\"instrument\":\"binance:spot:NOSUCHCOIN\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.body()).contains("binance:spot:NOSUCHCOIN");

        HttpResponse<String> added = post("{\"instrument\":\"binance:spot:ETHUSDT\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        HttpResponse<String> overCap = post("{\"instrument\":\"binance:usdm:BTCUSDT\"}");
        assertThat(overCap.statusCode()).as(overCap.body()).isEqualTo(422);
        assertThat(overCap.body()).contains("binance:usdm:BTCUSDT").contains("market.maxInstruments");

        HttpResponse<String> list = http.send(
                HttpRequest.newBuilder(URI.create(base + "/subscriptions"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(new JsonObject(list.body())
                        .getJsonArray("instruments").stream()
                                .map(String::valueOf)
                                .toList())
                .containsExactly("binance:spot:BTCUSDT", "binance:spot:ETHUSDT", "bithumb:spot:KRW-BTC");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/subscriptions"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
