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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The token-guarded control endpoints of a whole node: runtime subscriptions and orders. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlEndpointsIT {
    private static final String TOKEN = "it-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    private Node node;
    private String base;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "control-it")
                        .put("http", new JsonObject().put("port", 0))
                        .put("recorder", new JsonObject().put("dataDir", data.toString()))
                        .put(
                                "market",
                                new JsonObject()
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
    void subscriptionsAreListedAddedAndRemovedWithTheToken() throws Exception {
        assertThat(instruments(send("GET", "/subscriptions", null, null)))
                .containsExactly("binance:spot:BTCUSDT", "bithumb:spot:KRW-BTC");

        String add = "{\"instrument\":\"binance:spot:ETHUSDT\"}";
        assertThat(send("POST", "/subscriptions", add, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/subscriptions", add, "wrong-token").statusCode())
                .isEqualTo(401);
        HttpResponse<String> added = send("POST", "/subscriptions", add, TOKEN);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(instruments(added)).contains("binance:spot:ETHUSDT");
        await().atMost(Duration.ofSeconds(30)).until(() -> new JsonObject(
                        send("GET", "/status?detail=full", null, null).body())
                .getJsonObject("instruments")
                .containsKey("binance:spot:ETHUSDT"));

        HttpResponse<String> bad = send("POST", "/subscriptions", "{\"instrument\":\"binance:margin:X\"}", TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("market: expected one of spot, usdm, coinm, was 'margin'");

        assertThat(send("DELETE", "/subscriptions/binance:spot:ETHUSDT", null, null)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> removed = send("DELETE", "/subscriptions/binance:spot:ETHUSDT", null, TOKEN);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(instruments(removed)).containsExactly("binance:spot:BTCUSDT", "bithumb:spot:KRW-BTC");
    }

    @Test
    void ordersGoThroughTheBrokerOnceAndNameBadFields() throws Exception {
        String order = "{\"clientOrderId\":\"http-1\",\"instrument\":\"binance:spot:BTCUSDT\",\"side\":\"BUY\","
                + "\"type\":\"LIMIT\",\"quantity\":\"0.001\",\"price\":\"81000.5\",\"origin\":\"http\"}";
        assertThat(send("POST", "/orders", order, null).statusCode()).isEqualTo(401);
        // An order needs its instrument's market data flowing (a price seen): until then it is refused, 422.
        await().atMost(Duration.ofSeconds(30)).until(() -> send("POST", "/orders", order.replace("81000.5", "1"), TOKEN)
                .body()
                .contains("maxPriceDeviationPercent"));
        HttpResponse<String> first = send("POST", "/orders", order, TOKEN);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonObject event = new JsonObject(first.body());
        // About 7 % below the market (within the 10 % fat-finger guard): the paper broker rests it.
        assertThat(event.getString("status")).isEqualTo("ACCEPTED");
        assertThat(event.getBoolean("paper")).isTrue();
        HttpResponse<String> again = send("POST", "/orders", order, TOKEN);
        assertThat(new JsonObject(again.body()))
                .as("same id, same result, no second order")
                .isEqualTo(event);

        HttpResponse<String> bad = send("POST", "/orders", order.replace("\"0.001\"", "\"-1\""), TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("order.quantity: expected > 0, was -1");
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static java.util.List<String> instruments(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return new JsonObject(response.body())
                .getJsonArray("instruments").stream().map(String::valueOf).toList();
    }
}
