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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order endpoints of a paper node over real HTTP: listing and reading orders, cancelling, positions and
 * balances; and every kind of bad input answered with a 4xx in our own words (conflicting ids, unfollowed
 * instruments, unknown fields, extreme decimals), the node staying responsive.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrdersHttpIT {
    private static final String TOKEN = "orders-http-it-token";
    private final HttpClient http = HttpClient.newHttpClient();
    private Node node;
    private String base;

    @BeforeEach
    void start(@TempDir Path data) throws Exception {
        node = Node.start(config(data, "all")).await(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + node.httpPort();
        // Orders need the instrument's market data: wait until the order verticle has seen a price. The probe is
        // a fat-fingered LIMIT order: refused by the guard once followed, and such a refusal keeps nothing.
        JsonObject probe = order("warm-up", "0.001", "1").put("type", "LIMIT");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> send("POST", "/orders", probe, TOKEN).body().contains("maxPriceDeviationPercent"));
    }

    private static AppConfig config(Path data, String roles) {
        return AppConfig.fromJson(
                new JsonObject()
                        .put("node", "orders-http-it")
                        .put("roles", roles)
                        .put("http", new JsonObject().put("port", 0))
                        .put("recorder", new JsonObject().put("dataDir", data.toString()))
                        .put(
                                "market",
                                new JsonObject().put("instruments", new JsonArray().add("binance:spot:BTCUSDT"))),
                Map.of("CANDLEBUS_CONTROL_TOKEN", TOKEN));
    }

    @AfterEach
    void stop() throws Exception {
        node.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void ordersAreListedNewestFirstReadByIdCancelledAndPositionsAndBalancesShown() throws Exception {
        assertThat(send("POST", "/orders", order("h-1", "0.001", "87000"), TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(send("POST", "/orders", order("h-2", "0.002", "87000"), TOKEN)
                        .statusCode())
                .isEqualTo(200);

        JsonObject listed = json(send("GET", "/orders", null, null), 200);
        assertThat(ids(listed)).startsWith("h-2", "h-1");
        assertThat(ids(json(send("GET", "/orders?instrument=binance:spot:BTCUSDT&limit=1", null, null), 200)))
                .containsExactly("h-2");
        assertThat(ids(json(send("GET", "/orders?instrument=bithumb:spot:KRW-BTC", null, null), 200)))
                .isEmpty();
        assertThat(error(send("GET", "/orders?limit=0", null, null), 400))
                .isEqualTo("orders.query: limit: expected an integer from 1 to 500, was 0");
        assertThat(error(send("GET", "/orders?sort=asc", null, null), 400))
                .isEqualTo("sort: unknown query parameter, expected instrument or limit");

        JsonObject one = json(send("GET", "/orders/h-1", null, null), 200);
        assertThat(one.getString("status")).isEqualTo("FILLED");
        assertThat(one.getString("clientOrderId")).isEqualTo("h-1");
        assertThat(error(send("GET", "/orders/nope-1", null, null), 404))
                .isEqualTo("orders.query: no order with client order id 'nope-1'");

        assertThat(send("DELETE", "/orders/h-1", null, null).statusCode()).isEqualTo(401);
        assertThat(json(send("DELETE", "/orders/h-1", null, TOKEN), 200).getString("status"))
                .as("a filled order cancels to its final event")
                .isEqualTo("FILLED");
        assertThat(error(send("DELETE", "/orders/nope-1", null, TOKEN), 404))
                .isEqualTo("orders.cancel: no order with client order id 'nope-1'");

        JsonObject positions = json(send("GET", "/positions", null, null), 200);
        assertThat(positions.getJsonObject("positions").getString("binance:spot:BTCUSDT"))
                .isEqualTo("0.003");
        assertThat(send("GET", "/balances", null, null).statusCode()).isEqualTo(401);
        JsonObject balances = json(send("GET", "/balances", null, TOKEN), 200);
        assertThat(balances.getString("mode")).isEqualTo("paper");
        assertThat(balances.getJsonObject("venues").containsKey("paper")).isTrue();
    }

    @Test
    void badOrdersGetA4xxNamingTheFieldInOurOwnWords() throws Exception {
        assertThat(send("POST", "/orders", order("b-1", "0.001", "87000"), TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(error(send("POST", "/orders", order("b-1", "0.002", "87000"), TOKEN), 409))
                .isEqualTo("orders.submit: order.quantity: client order id 'b-1' was already used for an order with"
                        + " quantity 0.001, this request has 0.002; an id names one order, use a new id for a new"
                        + " order");
        assertThat(error(
                        send(
                                "POST",
                                "/orders",
                                order("b-2", "0.001", null).put("instrument", "binance:spot:DOGEUSDT"),
                                TOKEN),
                        422))
                .startsWith(
                        "orders.submit: order.instrument: binance:spot:DOGEUSDT is not followed by this deployment");
        assertThat(error(send("POST", "/orders", order("b-3", "0.001", null).put("leverage", 100), TOKEN), 400))
                .isEqualTo("order.leverage: unknown field, expected one of clientOrderId, instrument,"
                        + " origin, price, quantity, side, type");
        // A risk rejection does not keep the id: the same id passes once within the limits.
        JsonObject fatFinger =
                json(send("POST", "/orders", order("b-4", "0.001", "1000").put("type", "LIMIT"), TOKEN), 200);
        assertThat(fatFinger.getString("status")).isEqualTo("REJECTED");
        assertThat(fatFinger.getString("reason")).startsWith("risk limit maxPriceDeviationPercent: LIMIT price 1000");

        for (String raw :
                List.of("1e999999999", "-1e999999999", "\"1e999999999\"", "\"-1e999999999\"", "\"1e-400\"", "1e-400")) {
            long started = System.nanoTime();
            String body = "{\"clientOrderId\":\"x-1\",\"instrument\":\"binance:spot:BTCUSDT\",\"side\":\"BUY\","
                    + "\"type\":\"MARKET\",\"quantity\":" + raw + "}";
            HttpResponse<String> refused = sendRaw("POST", "/orders", body, TOKEN);
            assertThat(refused.statusCode()).as(raw + ": " + refused.body()).isEqualTo(400);
            assertThat(new JsonObject(refused.body()).getString("error"))
                    .as(raw)
                    .startsWith("order.quantity: expected");
            assertThat(System.nanoTime() - started).as(raw).isLessThan(5_000_000_000L);
        }
        for (String body : List.of("[1]", "{", "\"x\"", "{\"quantity\":{\"a\":1}}", "{\"side\":[\"BUY\"]}")) {
            HttpResponse<String> refused = sendRaw("POST", "/orders", body, TOKEN);
            assertThat(refused.statusCode()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body())
                    .as(body)
                    .doesNotContain("Exception", "com.fasterxml", "java.", "io.vertx", "Cannot ");
        }
        assertThat(send("GET", "/status", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aNodeWithoutTheOrderRoleAnswers503NamingIt(@TempDir Path other) throws Exception {
        Node httpOnly = Node.start(config(other, "http")).await(60, TimeUnit.SECONDS);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpOnly.httpPort() + "/orders"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(r.body()).getString("error"))
                    .isEqualTo("no node of this cluster runs the order role (nothing consumes orders.query); start one"
                            + " with --roles order");
        } finally {
            httpOnly.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static JsonObject order(String id, String quantity, String price) {
        JsonObject order = new JsonObject()
                .put("clientOrderId", id)
                .put("instrument", "binance:spot:BTCUSDT")
                .put("side", "BUY")
                .put("type", "MARKET")
                .put("quantity", quantity)
                .put("origin", "http-it");
        return price == null ? order : order.put("price", price);
    }

    private static List<String> ids(JsonObject listed) {
        return listed.getJsonArray("orders").stream()
                .map(o -> ((JsonObject) o).getString("clientOrderId"))
                .toList();
    }

    private static JsonObject json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return new JsonObject(response.body());
    }

    private static String error(HttpResponse<String> response, int status) {
        return json(response, status).getString("error");
    }

    private HttpResponse<String> send(String method, String path, JsonObject body, String token) throws Exception {
        return sendRaw(method, path, body == null ? null : body.encode(), token);
    }

    private HttpResponse<String> sendRaw(String method, String path, String body, String token) throws Exception {
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
}
