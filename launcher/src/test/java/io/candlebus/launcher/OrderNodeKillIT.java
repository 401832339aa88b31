package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.order.ClientOrderIds;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.OrderState;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.orders.OrderFaults;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimOrderStatus;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live node in a child JVM, trading against a simulator in this JVM (the venue outlives the node), killed
 * with SIGKILL (a) between journal write and send and (b) between send and answer, then restarted on the same
 * journal: it reconciles, the venue holds exactly one order per intent that was sent (none for the one that
 * was not), and candlebus's journal ends in the venue's state.
 */
class OrderNodeKillIT {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    /** Exit status of a process ended by SIGKILL (128 + 9), as {@link Process#exitValue()} reports it. */
    private static final int KILLED = 137;

    private final String token = "kill-it-" + UUID.randomUUID();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> children = new ArrayList<>();
    private Vertx vertx;
    private ExchangeSimulator venue;

    @TempDir
    Path dir;

    @BeforeEach
    void startVenue() throws Exception {
        vertx = Vertx.vertx();
        venue = ExchangeSimulator.start(vertx, SimConfig.defaults().withHistoryMinutes(60))
                .await(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        venue.close().await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedBetweenSendAndAnswerTheRestartedNodeFindsTheOneOrderAndFollowsItToFilled() throws Exception {
        Path config = nodeConfig();
        int port =
                new JsonObject(Files.readString(config)).getJsonObject("http").getInteger("port");
        Process first = node(dir.resolve("node-1.log"), config);
        waitUntilUp(port, first);
        awaitFollowed(port);
        String id = "kill-b-" + UUID.randomUUID().toString().substring(0, 8);

        // The venue places the order and holds its answer far past the node's life.
        venue.orders().faults().delayRealMillis(600_000);
        venue.orders().faults().loseNextAnswers(1, OrderFaults.Loss.DELAY);
        http.sendAsync(post(port, "/orders", order(id)), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !atVenue(id).isEmpty());
        kill(first);
        venue.orders().faults().clear();
        assertThat(journaled(id).state()).as("sent, answer never journaled").isEqualTo(OrderState.PENDING);

        Process second = node(dir.resolve("node-2.log"), config);
        waitUntilUp(port, second);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "FILLED".equals(statusOf(port, id)));
        stopGracefully(second);

        assertThat(atVenue(id)).as("one order for the intent, never resent").hasSize(1);
        SimOrder order = atVenue(id).get(0);
        assertThat(order.status()).isEqualTo(SimOrderStatus.FILLED);
        JournalEntry entry = journaled(id);
        assertThat(entry.state()).isEqualTo(OrderState.FILLED);
        assertThat(entry.filledQuantity()).isEqualByComparingTo(order.executedQuantity());
        assertThat(entry.exchangeOrderId()).isEqualTo(order.bithumbId());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedBetweenJournalWriteAndSendTheRestartedNodeSettlesTheIntentAsNotPlaced() throws Exception {
        Path config = nodeConfig();
        int port =
                new JsonObject(Files.readString(config)).getJsonObject("http").getInteger("port");
        String id = ClientOrderIds.forSignal("kill-a-" + UUID.randomUUID());
        Path log = dir.resolve("first-life.log");
        Process first = child(
                log,
                JournalThenHangMain.class.getName(),
                List.of(dir.resolve("data").resolve("orders").toString(), venue.bithumbRestUrl(), id, KRW_BTC.key()));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    assertThat(first.isAlive())
                            .as("first life alive; see %s", log)
                            .isTrue();
                    return Files.readString(log).contains("journaled " + id);
                });
        kill(first);
        assertThat(journaled(id).state()).as("journaled, never sent").isEqualTo(OrderState.PENDING);
        assertThat(atVenue(id)).isEmpty();

        Process second = node(dir.resolve("node.log"), config);
        waitUntilUp(port, second);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "REJECTED".equals(statusOf(port, id)));
        awaitFollowed(port);
        // Reconciled, the node trades again: a new intent becomes exactly one order.
        String fresh = "kill-a-new-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> placed =
                http.send(post(port, "/orders", order(fresh)), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
        stopGracefully(second);

        assertThat(atVenue(id))
                .as("the intent never sent stays unplaced, not sent late")
                .isEmpty();
        JournalEntry entry = journaled(id);
        assertThat(entry.state()).isEqualTo(OrderState.REJECTED);
        assertThat(entry.reason()).startsWith("not placed:");
        assertThat(atVenue(fresh)).hasSize(1);
    }

    /**
     * The node's config: market, order and HTTP roles, live mode, every order endpoint at the test's simulator. The
     * market role (fed by the node's own simulator) makes KRW-BTC followed: orders in an instrument without market
     * data are refused.
     */
    private Path nodeConfig() throws IOException {
        JsonObject order = new JsonObject()
                .put("mode", "live")
                .put("tradeSignals", false)
                .put("pollMillis", 100)
                .put("lookupDeadlineMillis", 2_000)
                .put("bithumb", new JsonObject().put("restUrl", venue.bithumbRestUrl()))
                .put(
                        "binance",
                        new JsonObject()
                                .put("spot", new JsonObject().put("restUrl", venue.binanceRestUrl(Market.SPOT)))
                                .put("usdm", new JsonObject().put("restUrl", venue.binanceRestUrl(Market.USDM)))
                                .put("coinm", new JsonObject().put("restUrl", venue.binanceRestUrl(Market.COINM))));
        JsonObject tree = new JsonObject()
                .put("node", "order-kill-it")
                .put("roles", "market,order,http")
                .put("http", new JsonObject().put("port", ChildJvms.freePort()))
                .put(
                        "recorder",
                        new JsonObject().put("dataDir", dir.resolve("data").toString()))
                .put("market", new JsonObject().put("instruments", new JsonArray().add(KRW_BTC.key())))
                .put("order", order);
        Path file = dir.resolve("node.json");
        Files.writeString(file, tree.encodePrettily());
        return file;
    }

    private Process node(Path log, Path config) throws IOException {
        return child(log, Main.class.getName(), List.of("--config", config.toString()));
    }

    private Process child(Path log, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")));
        Map<String, String> env = builder.environment();
        env.put("CANDLEBUS_BITHUMB_ACCESS_KEY", SimAccounts.BITHUMB_ACCESS_KEY);
        env.put("CANDLEBUS_BITHUMB_SECRET_KEY", SimAccounts.BITHUMB_SECRET_KEY);
        env.put("CANDLEBUS_BINANCE_API_KEY", SimAccounts.BINANCE_API_KEY);
        env.put("CANDLEBUS_BINANCE_API_SECRET", SimAccounts.BINANCE_API_SECRET);
        env.put("CANDLEBUS_CONTROL_TOKEN", token);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    private static void kill(Process process) throws InterruptedException {
        assertThat(process.toHandle().destroyForcibly()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("exit status (SIGKILL)").isEqualTo(KILLED);
    }

    private static void stopGracefully(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void waitUntilUp(int port, Process process) {
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertThat(process.isAlive())
                            .as("node alive; see its log under %s", dir)
                            .isTrue();
                    try {
                        return http.send(get(port, "/status"), HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** The status of the latest event of order {@code id} in {@code /status}, or null. */
    /**
     * Returns the order's status as {@code GET /orders/{id}} reports it (the order verticle's journal, so also an
     * event it published before this node's HTTP server listened), null while it is not known.
     */
    private String statusOf(int port, String id) throws Exception {
        HttpResponse<String> reply = http.send(get(port, "/orders/" + id), HttpResponse.BodyHandlers.ofString());
        return reply.statusCode() == 200 ? new JsonObject(reply.body()).getString("status") : null;
    }

    private JournalEntry journaled(String id) throws IOException {
        try (OrderJournalFile journal =
                OrderJournalFile.open(dir.resolve("data").resolve("orders"))) {
            return journal.find(id).orElseThrow(() -> new AssertionError("no journal entry for " + id));
        }
    }

    private List<SimOrder> atVenue(String id) {
        return venue
                .orders()
                .orders(venue.orders()
                        .account(SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY)
                        .orElseThrow())
                .stream()
                .filter(o -> id.equals(o.request().clientOrderId()))
                .toList();
    }

    /**
     * Waits until the node follows KRW-BTC: a LIMIT probe at price 1 is then refused by the fat-finger guard, which
     * needs a last price (before, it is refused as not followed). A refusal by our own guard places nothing.
     */
    private void awaitFollowed(int port) {
        String probe = new JsonObject()
                .put("clientOrderId", "probe-" + UUID.randomUUID().toString().substring(0, 8))
                .put("instrument", KRW_BTC.key())
                .put("side", "BUY")
                .put("type", "LIMIT")
                .put("quantity", "0.001")
                .put("price", "1")
                .put("origin", "kill-it")
                .encode();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> http.send(post(port, "/orders", probe), HttpResponse.BodyHandlers.ofString())
                        .body()
                        .contains("maxPriceDeviationPercent"));
    }

    private HttpRequest post(int port, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private static String order(String id) {
        return new JsonObject()
                .put("clientOrderId", id)
                .put("instrument", KRW_BTC.key())
                .put("side", "SELL")
                .put("type", "MARKET")
                .put("quantity", "0.001")
                .put("origin", "kill-it")
                .encode();
    }
}
