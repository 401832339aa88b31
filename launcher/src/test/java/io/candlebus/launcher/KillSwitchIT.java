package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.order.journal.KillSwitchFile;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimOrderStatus;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order kill switch end to end over loopback: tripped and cleared only with the token, it refuses new
 * orders, and in live mode against the simulator cancels the resting orders at the venue (Bithumb and
 * Binance spot); a restart keeps it tripped. A config-tripped switch starts the node refusing orders.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KillSwitchIT {
    private static final String TOKEN = "kill-switch-it-token";
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Pattern KILL_METRIC = Pattern.compile(
            "candlebus_component_counter\\{[^}]*component=\"order\",counter=\"killSwitch\"[^}]*} 1\\.0");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aTrippedSwitchCancelsRestingLiveOrdersRefusesNewOnesAndOnlyTheTokenClearsIt(@TempDir Path data)
            throws Exception {
        Queue<OrderEvent> events = new ConcurrentLinkedQueue<>();
        JsonObject tree = node(data)
                .put(
                        "order",
                        new JsonObject()
                                .put("mode", "live")
                                .put("tradeSignals", false)
                                .put("pollMillis", 100));
        Map<String, String> env = Map.of(
                "CANDLEBUS_BITHUMB_ACCESS_KEY", SimAccounts.BITHUMB_ACCESS_KEY,
                "CANDLEBUS_BITHUMB_SECRET_KEY", SimAccounts.BITHUMB_SECRET_KEY,
                "CANDLEBUS_BINANCE_API_KEY", SimAccounts.BINANCE_API_KEY,
                "CANDLEBUS_BINANCE_API_SECRET", SimAccounts.BINANCE_API_SECRET,
                "CANDLEBUS_CONTROL_TOKEN", TOKEN);
        Node node = Node.start(AppConfig.fromJson(tree, env), vertx -> vertx.eventBus()
                        .<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> events.add(m.body())))
                .await(60, TimeUnit.SECONDS);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String refusedId = "kill-it-refused-" + suffix;
        try {
            String base = "http://127.0.0.1:" + node.httpPort();
            ExchangeSimulator sim = node.simulator();
            // Limit buys below the market (within the fat-finger guard's 10 %): they rest at the venue.
            String bithumbId = "kill-it-bithumb-" + suffix;
            String binanceId = "kill-it-binance-" + suffix;
            assertThat(submitWhenReady(base, limit(bithumbId, KRW_BTC, below(sim, KRW_BTC, "1000")))
                            .getString("status"))
                    .isEqualTo("ACCEPTED");
            assertThat(submitWhenReady(base, limit(binanceId, BTCUSDT, below(sim, BTCUSDT, "0.01")))
                            .getString("status"))
                    .isEqualTo("ACCEPTED");
            assertThat(status(sim, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, bithumbId))
                    .isEqualTo(SimOrderStatus.NEW);
            assertThat(status(sim, SimVenue.BINANCE_SPOT, SimAccounts.BINANCE_API_KEY, binanceId))
                    .isEqualTo(SimOrderStatus.NEW);

            String why = "{\"reason\":\"kill-it halt\"}";
            assertThat(send("POST", base + "/orders/kill", why, null).statusCode())
                    .isEqualTo(401);
            assertThat(send("POST", base + "/orders/kill", why, "wrong").statusCode())
                    .isEqualTo(401);
            assertThat(status(sim, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, bithumbId))
                    .as("a refused call trips nothing")
                    .isEqualTo(SimOrderStatus.NEW);
            HttpResponse<String> tripped = send("POST", base + "/orders/kill", why, TOKEN);
            assertThat(tripped.statusCode()).as(tripped.body()).isEqualTo(200);
            assertThat(new JsonObject(tripped.body()).getBoolean("tripped")).isTrue();
            assertThat(new JsonObject(tripped.body()).getString("reason")).isEqualTo("POST /orders/kill: kill-it halt");

            // The resting orders are cancelled at the venue and journaled CANCELED.
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> status(sim, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, bithumbId)
                                    == SimOrderStatus.CANCELED
                            && status(sim, SimVenue.BINANCE_SPOT, SimAccounts.BINANCE_API_KEY, binanceId)
                                    == SimOrderStatus.CANCELED);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> cancelled(events, bithumbId) && cancelled(events, binanceId));

            // A new order is refused, naming the switch, and nothing reaches the venue.
            HttpResponse<String> refused = send("POST", base + "/orders", market(refusedId), TOKEN);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("kill switch tripped: POST /orders/kill: kill-it halt");
            assertThat(atVenue(sim, refusedId)).isEmpty();

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonObject ks = getJson(base + "/status").getJsonObject("killSwitch");
                return ks != null && ks.getBoolean("tripped");
            });
            JsonObject full = getJson(base + "/status?detail=full").getJsonObject("killSwitch");
            assertThat(full.getString("reason")).isEqualTo("POST /orders/kill: kill-it halt");
            assertThat(full.getLong("since")).isPositive();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> KILL_METRIC.matcher(get(base + "/metrics")).find());
        } finally {
            node.close().await(30, TimeUnit.SECONDS);
        }

        // A restart does not re-arm it: the journal directory keeps the tripped state.
        Path keptAt = data.resolve("orders").resolve(KillSwitchFile.FILE_NAME);
        assertThat(keptAt).exists();
        Node restarted = Node.start(AppConfig.fromJson(tree, env)).await(60, TimeUnit.SECONDS);
        try {
            String base = "http://127.0.0.1:" + restarted.httpPort();
            ExchangeSimulator sim = restarted.simulator();
            HttpResponse<String> afterRestart = send("POST", base + "/orders", market(refusedId), TOKEN);
            assertThat(afterRestart.statusCode()).isEqualTo(422);
            assertThat(afterRestart.body()).contains("kill switch tripped: POST /orders/kill: kill-it halt");
            JsonObject kept = await().atMost(Duration.ofSeconds(10))
                    .until(() -> getJson(base + "/status").getJsonObject("killSwitch"), ks -> ks != null);
            assertThat(kept.getBoolean("tripped")).isTrue();
            assertThat(kept.getString("reason")).isEqualTo("POST /orders/kill: kill-it halt");

            // Only the token clears it; then orders flow again.
            assertThat(send("DELETE", base + "/orders/kill", null, null).statusCode())
                    .isEqualTo(401);
            assertThat(send("POST", base + "/orders", market(refusedId), TOKEN).statusCode())
                    .isEqualTo(422);
            HttpResponse<String> cleared = send("DELETE", base + "/orders/kill", null, TOKEN);
            assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
            assertThat(new JsonObject(cleared.body()).getBoolean("tripped")).isFalse();
            submitWhenReady(base, market(refusedId));
            assertThat(atVenue(sim, refusedId)).hasSize(1);
            assertThat(keptAt).doesNotExist();
            await().atMost(Duration.ofSeconds(10)).until(() -> !getJson(base + "/status")
                    .getJsonObject("killSwitch")
                    .getBoolean("tripped"));
        } finally {
            restarted.close().await(30, TimeUnit.SECONDS);
        }
        try (OrderJournalFile journal = OrderJournalFile.open(data.resolve("orders"))) {
            assertThat(journal.entries())
                    .filteredOn(e -> e.clientOrderId().startsWith("kill-it-b"))
                    .hasSize(2)
                    .allMatch(e -> e.state() == OrderState.CANCELED);
        }
    }

    @Test
    void theConfigStartsTheSwitchTrippedUntilTheTokenClearsIt(@TempDir Path data) throws Exception {
        JsonObject tree = node(data).put("order", new JsonObject().put("killSwitch", true));
        Node node = Node.start(AppConfig.fromJson(tree, Map.of("CANDLEBUS_CONTROL_TOKEN", TOKEN)))
                .await(60, TimeUnit.SECONDS);
        try {
            String base = "http://127.0.0.1:" + node.httpPort();
            String id = "kill-it-paper-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> refused = send("POST", base + "/orders", market(id), TOKEN);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("kill switch tripped: config order.killSwitch: true");
            // The status server learns the reason from the order verticle on its own.
            JsonObject ks = await().atMost(Duration.ofSeconds(10))
                    .until(() -> getJson(base + "/status").getJsonObject("killSwitch"), s -> s != null);
            assertThat(ks.getBoolean("tripped")).isTrue();
            assertThat(ks.getString("reason")).isEqualTo("config order.killSwitch: true");

            HttpResponse<String> cleared =
                    send("DELETE", base + "/orders/kill", "{\"reason\":\"checked, resuming\"}", TOKEN);
            assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(200);
            assertThat(new JsonObject(cleared.body()).getString("reason"))
                    .isEqualTo("DELETE /orders/kill: checked, resuming");
            // The order reaches the paper broker again (which may still lack a market price to fill at).
            JsonObject placed = submitWhenReady(base, market(id));
            assertThat(placed.getString("clientOrderId")).isEqualTo(id);
            assertThat(placed.encode()).doesNotContain("kill switch");

            HttpResponse<String> bad = send("POST", base + "/orders/kill", "{\"reason\":\"x\",\"who\":1}", TOKEN);
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("body.who: unknown field");
        } finally {
            node.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static JsonObject node(Path data) {
        return new JsonObject()
                .put("node", "kill-switch-it")
                .put("roles", "market,order,http")
                .put("http", new JsonObject().put("port", 0))
                .put("recorder", new JsonObject().put("dataDir", data.toString()))
                .put(
                        "market",
                        new JsonObject()
                                .put(
                                        "instruments",
                                        new JsonArray().add(KRW_BTC.key()).add(BTCUSDT.key())));
    }

    private static boolean cancelled(Queue<OrderEvent> events, String id) {
        return events.stream().anyMatch(e -> e.clientOrderId().equals(id) && e.status() == OrderStatus.CANCELLED);
    }

    private static SimOrderStatus status(ExchangeSimulator sim, SimVenue venue, String key, String id) {
        List<SimOrder> orders = LiveOrdersIT.atVenue(sim, venue, key, id);
        assertThat(orders).hasSize(1);
        return orders.get(0).status();
    }

    private static List<SimOrder> atVenue(ExchangeSimulator sim, String id) {
        return LiveOrdersIT.atVenue(sim, SimVenue.BINANCE_SPOT, SimAccounts.BINANCE_API_KEY, id);
    }

    private static String limit(String id, Instrument instrument, String price) {
        return new JsonObject()
                .put("clientOrderId", id)
                .put("instrument", instrument.key())
                .put("side", "BUY")
                .put("type", "LIMIT")
                .put("quantity", "0.001")
                .put("price", price)
                .put("origin", "kill-switch-it")
                .encode();
    }

    private static String market(String id) {
        return new JsonObject()
                .put("clientOrderId", id)
                .put("instrument", BTCUSDT.key())
                .put("side", "BUY")
                .put("type", "MARKET")
                .put("quantity", "0.001")
                .put("origin", "kill-switch-it")
                .encode();
    }

    /** Returns a price 7 % under the venue's last price of {@code instrument}, on its {@code tick}. */
    private static String below(ExchangeSimulator sim, Instrument instrument, String tick) {
        BigDecimal step = new BigDecimal(tick);
        return sim.orders()
                .lastPrice(instrument)
                .multiply(new BigDecimal("0.93"))
                .divide(step, 0, java.math.RoundingMode.DOWN)
                .multiply(step)
                .toPlainString();
    }

    /**
     * Posts an order once the node accepts orders: a just-started live node reconciles first, and an instrument
     * is traded once its market data flows.
     */
    private JsonObject submitWhenReady(String base, String body) {
        HttpResponse<String> r = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> send("POST", base + "/orders", body, TOKEN),
                        x -> (x.statusCode() != 503 || !x.body().contains("reconciling"))
                                && !x.body().contains("is not followed"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String url) throws Exception {
        return send("GET", url, null, null).body();
    }

    private JsonObject getJson(String url) throws Exception {
        return new JsonObject(get(url));
    }
}
