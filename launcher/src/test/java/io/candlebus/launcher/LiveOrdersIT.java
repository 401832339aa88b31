package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.ClientOrderIds;
import io.candlebus.order.bithumb.BithumbJwtSigner;
import io.candlebus.order.bithumb.BithumbOrderClient;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.candlebus.order.live.VenueOrders;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Live order mode end to end against the simulator's private endpoints, over loopback: a node trades
 * through the live brokers, a restarted node reconciles its journal before trading, and no key leaks.
 */
class LiveOrdersIT {
    private static final String TOKEN = "live-orders-it-token";
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Map<String, String> SIM_KEYS = Map.of(
            "CANDLEBUS_BITHUMB_ACCESS_KEY", SimAccounts.BITHUMB_ACCESS_KEY,
            "CANDLEBUS_BITHUMB_SECRET_KEY", SimAccounts.BITHUMB_SECRET_KEY,
            "CANDLEBUS_BINANCE_API_KEY", SimAccounts.BINANCE_API_KEY,
            "CANDLEBUS_BINANCE_API_SECRET", SimAccounts.BINANCE_API_SECRET,
            "CANDLEBUS_CONTROL_TOKEN", TOKEN);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aLiveNodeAgainstTheSimulatorPlacesExactlyOneOrderPerIntentAndFollowsItToFilled(@TempDir Path data)
            throws Exception {
        Queue<OrderEvent> events = new ConcurrentLinkedQueue<>();
        Node node = start(liveNode(data, "market,order,http"), SIM_KEYS, events);
        try {
            String base = "http://127.0.0.1:" + node.httpPort();
            String bithumbId = "live-it-bithumb-" + UUID.randomUUID().toString().substring(0, 8);
            String binanceId = "live-it-binance-" + UUID.randomUUID().toString().substring(0, 8);

            JsonObject bithumbReply = submit(base, order(bithumbId, KRW_BTC, Side.SELL, "0.001"));
            // Bithumb answers an order with its acceptance; the poll finds it filled.
            assertThat(bithumbReply.getString("status")).isEqualTo("ACCEPTED");
            assertThat(bithumbReply.getBoolean("paper")).isFalse();
            JsonObject binanceReply = submit(base, order(binanceId, BTCUSDT, Side.BUY, "0.001"));
            assertThat(binanceReply.getString("status")).isEqualTo("FILLED");
            assertThat(binanceReply.getString("exchangeOrderId")).isNotBlank();

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> statuses(events, bithumbId).contains(OrderStatus.FILLED));
            assertThat(statuses(events, bithumbId)).containsExactly(OrderStatus.ACCEPTED, OrderStatus.FILLED);
            assertThat(statuses(events, binanceId)).containsExactly(OrderStatus.FILLED);

            ExchangeSimulator sim = node.simulator();
            List<SimOrder> atBithumb = atVenue(sim, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, bithumbId);
            assertThat(atBithumb).hasSize(1);
            assertThat(atBithumb.get(0).executedQuantity()).isEqualByComparingTo("0.001");
            assertThat(atVenue(sim, SimVenue.BINANCE_SPOT, SimAccounts.BINANCE_API_KEY, binanceId))
                    .hasSize(1);

            // A repeat of an intent answers its latest state and places nothing.
            JsonObject again = submit(base, order(bithumbId, KRW_BTC, Side.SELL, "0.001"));
            assertThat(again.getString("status")).isEqualTo("FILLED");
            assertThat(atVenue(sim, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, bithumbId))
                    .hasSize(1);

            // Balances come from the venues, per venue market.
            HttpResponse<String> balances = send("GET", base + "/balances", TOKEN);
            assertThat(balances.statusCode()).as(balances.body()).isEqualTo(200);
            JsonObject venues = new JsonObject(balances.body()).getJsonObject("venues");
            assertThat(venues.getJsonArray("bithumb:spot").encode()).contains("\"asset\":\"KRW\"");
            assertThat(venues.getJsonArray("binance:spot").encode()).contains("\"asset\":\"USDT\"");
            assertThat(send("GET", base + "/balances", null).statusCode()).isEqualTo(401);

            // Positions: the broker's (journal fills, for the risk limit) beside the venue's spot base balance.
            JsonObject positions = new JsonObject(get(base + "/positions").body());
            assertThat(new BigDecimal(positions.getJsonObject("positions").getString(BTCUSDT.key())))
                    .isEqualByComparingTo("0.001");
            BigDecimal btcHeld = venues.getJsonArray("binance:spot").stream()
                    .map(JsonObject.class::cast)
                    .filter(b -> b.getString("asset").equals("BTC"))
                    .map(b -> new BigDecimal(b.getString("free")).add(new BigDecimal(b.getString("locked"))))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(positions.getJsonObject("venue").getString(BTCUSDT.key())))
                    .isEqualByComparingTo(btcHeld);
            assertThat(positions.getJsonObject("venue").getString(KRW_BTC.key()))
                    .isNotBlank();
            assertThat(positions.getJsonObject("venueErrors")).isEmpty();

            // A resting order is cancelled at its venue by DELETE /orders/{id}, which answers the final event.
            String resting = "live-it-rest-" + UUID.randomUUID().toString().substring(0, 8);
            BigDecimal above = sim.orders()
                    .lastPrice(KRW_BTC)
                    .multiply(new BigDecimal("1.05"))
                    .divide(new BigDecimal("1000"), 0, java.math.RoundingMode.DOWN)
                    .multiply(new BigDecimal("1000"));
            JsonObject accepted = submit(
                    base,
                    new JsonObject(order(resting, KRW_BTC, Side.SELL, "0.001"))
                            .put("type", "LIMIT")
                            .put("price", above.toPlainString())
                            .encode());
            assertThat(accepted.getString("status")).as(accepted.encode()).isEqualTo("ACCEPTED");
            assertThat(send("DELETE", base + "/orders/" + resting, null).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> cancelled = send("DELETE", base + "/orders/" + resting, TOKEN);
            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            assertThat(new JsonObject(cancelled.body()).getString("status")).isEqualTo("CANCELLED");
            assertThat(new JsonObject(get(base + "/orders/" + resting).body()).getString("status"))
                    .isEqualTo("CANCELLED");
            assertThat(atVenue(sim, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, resting))
                    .singleElement()
                    .satisfies(o -> assertThat(o.status().isOpen()).isFalse());

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonArray orders = getJson(base + "/status").getJsonArray("orders");
                return orders.encode().contains(bithumbId)
                        && orders.encode().contains(binanceId)
                        && orders.encode().contains("\"FILLED\"");
            });
        } finally {
            node.close().await(30, TimeUnit.SECONDS);
        }
        try (OrderJournalFile journal = OrderJournalFile.open(data.resolve("orders"))) {
            assertThat(journal.entries()).hasSize(3);
            assertThat(journal.entries())
                    .extracting(e -> e.state())
                    .containsExactly(OrderState.FILLED, OrderState.FILLED, OrderState.CANCELED);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRestartedNodeReconcilesItsJournalBeforePlacingAnyNewOrder(@TempDir Path data) throws Exception {
        // The venue outlives the node: a simulator of its own, reached through an order endpoint set in the
        // config (which wins over --source sim's default).
        Vertx vertx = Vertx.vertx();
        ExchangeSimulator venue = ExchangeSimulator.start(
                        vertx, SimConfig.defaults().withHistoryMinutes(60))
                .await(30, TimeUnit.SECONDS);
        Queue<OrderEvent> events = new ConcurrentLinkedQueue<>();
        Queue<Heartbeat> heartbeats = new ConcurrentLinkedQueue<>();
        Node node = null;
        try {
            String pending = ClientOrderIds.forSignal("restart-it-" + UUID.randomUUID());
            // The first life of the node: the intent journaled, the order sent, and the node gone before the
            // answer was journaled.
            JournaledCrash.sendAndDie(vertx, venue, data.resolve("orders"), pending, KRW_BTC);
            assertThat(atVenue(venue, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, pending))
                    .hasSize(1);

            // The venue is unreachable at first: reconciliation cannot finish, so nothing new may be placed.
            venue.faults().restOutage(3_600_000);
            JsonObject tree = liveNode(data, "market,order,http");
            tree.getJsonObject("market").put("instruments", new JsonArray().add(KRW_BTC.key()));
            tree.getJsonObject("order")
                    .put("lookupDeadlineMillis", 100)
                    .put("bithumb", new JsonObject().put("restUrl", venue.bithumbRestUrl()));
            node = Node.start(AppConfig.fromJson(tree, SIM_KEYS), vertx2 -> {
                        vertx2.eventBus().<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> events.add(m.body()));
                        vertx2.eventBus()
                                .<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()));
                    })
                    .await(60, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + node.httpPort();
            String fresh = "restart-it-new-" + UUID.randomUUID().toString().substring(0, 8);
            HttpResponse<String> refused = post(base, order(fresh, KRW_BTC, Side.SELL, "0.001"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("reconciling the order journal");
            assertThat(heartbeats)
                    .anyMatch(h -> h.component().equals("order") && h.state().equals("reconciling"));
            assertThat(atVenue(venue, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, fresh))
                    .isEmpty();

            venue.faults().restOutage(0);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> statuses(events, pending).contains(OrderStatus.FILLED));
            JsonObject placed = submitWhenReady(base, order(fresh, KRW_BTC, Side.SELL, "0.001"));
            assertThat(placed.getString("status")).isEqualTo("ACCEPTED");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> statuses(events, fresh).contains(OrderStatus.FILLED));

            List<String> order = events.stream().map(OrderEvent::clientOrderId).toList();
            assertThat(order.indexOf(pending))
                    .as("reconciled before the new order")
                    .isLessThan(order.indexOf(fresh));
            assertThat(atVenue(venue, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, pending))
                    .as("one order for the journaled intent, never resent")
                    .hasSize(1);
            assertThat(atVenue(venue, SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY, fresh))
                    .hasSize(1);
        } finally {
            if (node != null) {
                node.close().await(30, TimeUnit.SECONDS);
            }
            venue.close().await(30, TimeUnit.SECONDS);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        try (OrderJournalFile journal = OrderJournalFile.open(data.resolve("orders"))) {
            assertThat(journal.entries()).hasSize(2);
            assertThat(journal.find(fresh(journal)).orElseThrow().state()).isEqualTo(OrderState.FILLED);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void noKeyAppearsInLogsStatusMetricsOrAnyFileOfTheDataDirectory(@TempDir Path data) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        Map<String, String> keys = Map.of(
                "CANDLEBUS_BITHUMB_ACCESS_KEY", "bthA" + suffix,
                "CANDLEBUS_BITHUMB_SECRET_KEY", "bthS" + suffix,
                "CANDLEBUS_BINANCE_API_KEY", "bnbA" + suffix,
                "CANDLEBUS_BINANCE_API_SECRET", "bnbS" + suffix);
        Map<String, String> env = new java.util.HashMap<>(keys);
        env.put("CANDLEBUS_CONTROL_TOKEN", TOKEN);
        Capture logs = Capture.attach();
        Queue<OrderEvent> events = new ConcurrentLinkedQueue<>();
        Node node = start(liveNode(data, "market,order,http"), env, events);
        String status;
        String metrics;
        try {
            ExchangeSimulator sim = node.simulator();
            sim.orders()
                    .openAccount(
                            SimVenue.BITHUMB,
                            keys.get("CANDLEBUS_BITHUMB_ACCESS_KEY"),
                            keys.get("CANDLEBUS_BITHUMB_SECRET_KEY"),
                            Map.of("KRW", new BigDecimal("1000000000"), "BTC", BigDecimal.TEN));
            sim.orders()
                    .openAccount(
                            SimVenue.BINANCE_SPOT,
                            keys.get("CANDLEBUS_BINANCE_API_KEY"),
                            keys.get("CANDLEBUS_BINANCE_API_SECRET"),
                            Map.of("USDT", new BigDecimal("1000000"), "BTC", BigDecimal.TEN));
            String base = "http://127.0.0.1:" + node.httpPort();
            String a = "secret-it-a-" + suffix.substring(0, 8);
            String b = "secret-it-b-" + suffix.substring(0, 8);
            submit(base, order(a, KRW_BTC, Side.SELL, "0.001"));
            submit(base, order(b, BTCUSDT, Side.BUY, "0.001"));
            // A refusal by the venue too: its error body is passed on, so it must hold no key either.
            post(base, order("secret-it-c-" + suffix.substring(0, 8), BTCUSDT, Side.BUY, "0.0000001"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> statuses(events, a).contains(OrderStatus.FILLED));
            status = get(base + "/status").body();
            metrics = get(base + "/metrics").body();
        } finally {
            node.close().await(30, TimeUnit.SECONDS);
            logs.detach();
        }
        assertThat(logs.text()).contains("LIVE orders to").contains(a(events));
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(data)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(p.toString()));
        }
        assertThat(files).anyMatch(f -> f.endsWith(OrderJournalFile.FILE_NAME));
        for (String value : keys.values()) {
            assertThat(logs.text()).as("logs").doesNotContain(value);
            assertThat(status).as("/status").doesNotContain(value);
            assertThat(metrics).as("/metrics").doesNotContain(value);
            for (String file : files) {
                assertThat(new String(Files.readAllBytes(Path.of(file)), StandardCharsets.ISO_8859_1))
                        .as(file)
                        .doesNotContain(value);
            }
        }
    }

    /** The first life of a node, cut short: an intent journaled and sent, its answer never journaled. */
    private static final class JournaledCrash {
        static void sendAndDie(Vertx vertx, ExchangeSimulator venue, Path journalDir, String id, Instrument instrument)
                throws Exception {
            OrderRequest request = new OrderRequest(
                    id,
                    instrument,
                    Side.SELL,
                    OrderType.MARKET,
                    new BigDecimal("0.001"),
                    null,
                    "signal before restart");
            WebClient client = WebClient.create(vertx);
            try (OrderJournalFile journal = OrderJournalFile.open(journalDir)) {
                journal.recordIntent(request, venue.clock().millis());
                BithumbOrderClient bithumb = new BithumbOrderClient(
                        client,
                        venue.bithumbRestUrl(),
                        new BithumbJwtSigner(
                                new ApiCredentials(SimAccounts.BITHUMB_ACCESS_KEY, SimAccounts.BITHUMB_SECRET_KEY),
                                venue.clock()));
                VenueOrders.Reply reply = bithumb.place(request, 10_000).await(15, TimeUnit.SECONDS);
                assertThat(reply).isInstanceOf(VenueOrders.Known.class);
            } finally {
                client.close();
            }
        }
    }

    private static String a(Queue<OrderEvent> events) {
        // The log holds the order lines: the capture did see the live node's activity.
        return events.stream().findFirst().orElseThrow().clientOrderId();
    }

    private static String fresh(OrderJournalFile journal) {
        return journal.entries().get(1).clientOrderId();
    }

    private static JsonObject liveNode(Path data, String roles) {
        return new JsonObject()
                .put("node", "live-orders-it")
                .put("roles", roles)
                .put("http", new JsonObject().put("port", 0))
                .put("recorder", new JsonObject().put("dataDir", data.toString()))
                .put(
                        "market",
                        new JsonObject()
                                .put(
                                        "instruments",
                                        new JsonArray().add(KRW_BTC.key()).add(BTCUSDT.key())))
                .put(
                        "order",
                        new JsonObject()
                                .put("mode", "live")
                                .put("tradeSignals", false)
                                .put("pollMillis", 100));
    }

    private static Node start(JsonObject tree, Map<String, String> env, Queue<OrderEvent> events) throws Exception {
        return Node.start(AppConfig.fromJson(tree, env), vertx -> vertx.eventBus()
                        .<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> events.add(m.body())))
                .await(60, TimeUnit.SECONDS);
    }

    private static List<OrderStatus> statuses(Queue<OrderEvent> events, String clientOrderId) {
        return events.stream()
                .filter(e -> e.clientOrderId().equals(clientOrderId))
                .map(OrderEvent::status)
                .toList();
    }

    static List<SimOrder> atVenue(ExchangeSimulator sim, SimVenue venue, String key, String clientOrderId) {
        return sim.orders().orders(sim.orders().account(venue, key).orElseThrow()).stream()
                .filter(o -> clientOrderId.equals(o.request().clientOrderId()))
                .toList();
    }

    private static String order(String id, Instrument instrument, Side side, String quantity) {
        return new JsonObject()
                .put("clientOrderId", id)
                .put("instrument", instrument.key())
                .put("side", side.name())
                .put("type", "MARKET")
                .put("quantity", quantity)
                .put("origin", "live-orders-it")
                .encode();
    }

    /**
     * Posts an order once the node accepts orders: a just-started live node reconciles first, and an instrument
     * is traded once its market data flows.
     */
    private JsonObject submitWhenReady(String base, String body) {
        List<HttpResponse<String>> last = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    HttpResponse<String> r = post(base, body);
                    last.add(r);
                    return (r.statusCode() != 503 || !r.body().contains("reconciling"))
                            && !r.body().contains("is not followed");
                });
        HttpResponse<String> r = last.get(last.size() - 1);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private JsonObject submit(String base, String body) {
        return submitWhenReady(base, body);
    }

    private HttpResponse<String> post(String base, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + "/orders"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(
                b.method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject getJson(String url) throws Exception {
        return new JsonObject(get(url).body());
    }

    /** Every log event of the process while attached, formatted with its stack trace. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final Queue<String> lines = new ConcurrentLinkedQueue<>();
        private ch.qos.logback.classic.Logger root;
        private Level previous;
        private ch.qos.logback.classic.Logger candlebus;

        static Capture attach() {
            Capture capture = new Capture();
            capture.root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            capture.candlebus = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.candlebus");
            capture.previous = capture.candlebus.getLevel();
            // Everything our code logs, down to debug.
            capture.candlebus.setLevel(Level.DEBUG);
            capture.setContext(capture.root.getLoggerContext());
            capture.start();
            capture.root.addAppender(capture);
            return capture;
        }

        @Override
        protected void append(ILoggingEvent event) {
            String trace =
                    event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
            lines.add(event.getLoggerName() + " " + event.getFormattedMessage() + " " + trace);
        }

        void detach() {
            root.detachAppender(this);
            candlebus.setLevel(previous);
            stop();
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}
