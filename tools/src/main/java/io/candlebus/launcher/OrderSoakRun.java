package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Signal;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.sim.ConnectionLimits;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimClock;
import io.candlebus.sim.faults.FaultSchedule;
import io.candlebus.sim.faults.OrderFaultInjector;
import io.candlebus.sim.faults.OrderFaultKind;
import io.candlebus.sim.faults.PlannedOrderFault;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimAccounts;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimOrderStatus;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One order soak ({@code soak --orders}): a node with every role trades the strategies' signals in live mode
 * against its simulator's private endpoints while the simulator's seeded order-fault schedule spoils requests
 * (answers lost after acceptance, 5xx, 429, 418, -1021, orders invisible for a while, insufficient balance).
 * At the end the kill switch stops new orders (and cancels open ones), the node settles, and the journal is
 * compared with the simulator's book ({@link OrderSoakCheck}). Runs on the caller's thread, which it blocks.
 */
final class OrderSoakRun {
    /** The sim clock speed of an order soak unless {@code --speed} says otherwise. */
    static final int DEFAULT_SPEED = 60;

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    /** Real ms a delayed answer comes late: past the node's order timeout (10 s) in live mode. */
    static final long DELAY_REAL_MILLIS = 11_000L;
    /** Real ms the node looks up an order with an unclear outcome before deciding it was not placed. */
    static final long LOOKUP_DEADLINE_MILLIS = 5_000L;
    /**
     * Real ms after the kill switch before the checks may start: a submit in flight when it tripped may wait
     * for a delayed answer and then look its order up.
     */
    private static final long DRAIN_REAL_MILLIS = DELAY_REAL_MILLIS + LOOKUP_DEADLINE_MILLIS + 2_000L;
    /** Real ms the node gets after that to agree with the venue. */
    private static final long SETTLE_REAL_MILLIS = 60_000L;

    private static final Map<SimVenue, String> ACCOUNTS = Map.of(
            SimVenue.BITHUMB, SimAccounts.BITHUMB_ACCESS_KEY,
            SimVenue.BINANCE_SPOT, SimAccounts.BINANCE_API_KEY,
            SimVenue.BINANCE_USDM, SimAccounts.BINANCE_API_KEY,
            SimVenue.BINANCE_COINM, SimAccounts.BINANCE_API_KEY);

    private final SoakOptions options;
    private final Path data;
    private final PrintStream out;
    private final NodeStarter nodes;
    private final String token = UUID.randomUUID().toString();
    private final AtomicLong signals = new AtomicLong();
    private final Map<String, OrderEvent> latest = new ConcurrentHashMap<>();

    OrderSoakRun(SoakOptions options, Path data, PrintStream out, NodeStarter nodes) {
        this.options = options;
        this.data = data;
        this.out = out;
        this.nodes = nodes;
    }

    int run() throws Exception {
        long duration = (long) (options.simHours() * HOUR);
        List<PlannedOrderFault> plan = FaultSchedule.planOrders(
                options.seed(), options.faults(), SoakRun.FAULTS_FROM_MILLIS, duration - SoakRun.QUIET_TAIL_MILLIS);
        ToolNode node = nodes.start(nodeConfig(), environment(), vertx -> {
                    vertx.eventBus().<Signal>consumer(Addresses.SIGNALS, m -> signals.incrementAndGet());
                    vertx.eventBus()
                            .<OrderEvent>consumer(
                                    Addresses.ORDERS_EVENTS,
                                    m -> latest.put(m.body().clientOrderId(), m.body()));
                })
                .await(120, TimeUnit.SECONDS);
        List<SimOrder> book;
        Map<OrderFaultKind, Long> armed;
        Map<String, Long> met;
        try {
            ExchangeSimulator sim = node.simulator();
            SimClock clock = sim.clock();
            sim.connectionLimits(ConnectionLimits.venues().inSimTime(clock.speed()));
            long start = clock.millis();
            long end = start + duration;
            out.printf(
                    "soak --orders: %d instruments, %d order faults over %s sim hours at %sx (about %d s real), seed"
                            + " %d%n",
                    node.market().instruments().size(),
                    plan.size(),
                    number(options.simHours()),
                    number(options.speed()),
                    clock.toRealMillis(duration) / 1000,
                    options.seed());
            OrderFaultInjector injector =
                    new OrderFaultInjector(node.vertx(), sim.orders().faults(), clock, DELAY_REAL_MILLIS);
            injector.start(plan, start).await(10, TimeUnit.SECONDS);
            for (long t = start + HOUR; t < end; t += HOUR) {
                waitForSimTime(node, clock, t);
                out.printf(
                        "soak --orders: %s/%s sim hours, %d signals, %d orders%n",
                        number((t - start) / (double) HOUR), number(options.simHours()), signals.get(), latest.size());
            }
            waitForSimTime(node, clock, end);
            injector.stop().await(10, TimeUnit.SECONDS);
            armed = injector.armed().await(10, TimeUnit.SECONDS);
            met = sim.orders().faults().met();
            kill(node.httpPort());
            node.vertx().timer(DRAIN_REAL_MILLIS).await();
            book = settle(node, sim.orders());
        } finally {
            node.close().await(120, TimeUnit.SECONDS);
        }
        OrderSoakCheck.Result result;
        try (OrderJournalFile journal = OrderJournalFile.open(node.orderJournalDir())) {
            result = OrderSoakCheck.check(journal.entries(), book);
        }
        StringBuilder faults = new StringBuilder();
        for (OrderFaultKind kind : OrderFaultKind.values()) {
            faults.append(' ').append(kind.label()).append('=').append(armed.getOrDefault(kind, 0L));
        }
        out.println("soak --orders: " + signals.get() + " signals; order faults armed:" + faults);
        StringBuilder requests = new StringBuilder();
        met.forEach((kind, n) -> requests.append(' ').append(kind).append('=').append(n));
        out.println("soak --orders: requests that met a fault:" + requests);
        result.problems().forEach(p -> out.println("soak --orders:   " + p));
        if (result.intents() == 0) {
            out.println("soak --orders: no signal became an order; run longer (--sim-hours)");
        }
        out.println(result.line());
        return result.clean() && result.intents() > 0 ? 0 : 1;
    }

    private Map<String, String> environment() {
        return Map.of(
                "CANDLEBUS_BITHUMB_ACCESS_KEY", SimAccounts.BITHUMB_ACCESS_KEY,
                "CANDLEBUS_BITHUMB_SECRET_KEY", SimAccounts.BITHUMB_SECRET_KEY,
                "CANDLEBUS_BINANCE_API_KEY", SimAccounts.BINANCE_API_KEY,
                "CANDLEBUS_BINANCE_API_SECRET", SimAccounts.BINANCE_API_SECRET,
                "CANDLEBUS_CONTROL_TOKEN", token);
    }

    private JsonObject nodeConfig() {
        JsonObject market =
                SoakRun.marketConfig(options, new JsonArray().add("1m"), SoakRun.stallTimeoutMillis(options.speed()));
        JsonObject order = new JsonObject()
                .put("mode", "live")
                .put("pollMillis", 200)
                .put("lookupDeadlineMillis", LOOKUP_DEADLINE_MILLIS)
                // Sim time: hundreds of sim minutes pass in a real one, and a busy machine delays a signal by
                // some real milliseconds.
                .put("maxOrdersPerMinute", 1_000)
                .put("maxSignalAgeMillis", 30 * MINUTE)
                // The simulated instruments other than BTC spot, sized above the venues' minimum notional.
                .put(
                        "instruments",
                        new JsonObject()
                                .put("binance:spot:ETHUSDT", size("0.01", "0.1"))
                                .put("binance:usdm:BTCUSDT", size("0.002", "0.02"))
                                .put("binance:coinm:BTCUSD_PERP", size("1", "10"))
                                .put("bithumb:spot:KRW-ETH", size("0.01", "0.1")));
        return new JsonObject()
                .put("node", "soak-orders")
                .put("http", new JsonObject().put("port", 0))
                .put("sim", new JsonObject().put("seed", options.seed()).put("speed", options.speed()))
                .put(
                        "recorder",
                        new JsonObject().put("dataDir", data.toString()).put("flushIntervalMillis", 250))
                .put("market", market)
                .put("order", order);
    }

    private static JsonObject size(String quantity, String max) {
        return new JsonObject()
                .put("quantity", quantity)
                .put("maxOrderQuantity", max)
                .put("maxPosition", max);
    }

    /** Trips the kill switch: no new order from here on, and the open ones are cancelled. */
    private void kill(int httpPort) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/orders/kill"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"order soak ended\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /orders/kill: expected 200, was " + response.statusCode());
        }
    }

    /**
     * Waits (at most {@link #SETTLE_REAL_MILLIS}) until the latest event of every order agrees with the
     * simulator's book, then returns the book's orders of every account.
     */
    private List<SimOrder> settle(ToolNode node, OrderEngine engine) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_REAL_MILLIS);
        List<SimOrder> book = book(engine);
        while (System.nanoTime() - deadline < 0 && !agrees(book)) {
            node.vertx().timer(100).await();
            book = book(engine);
        }
        return book;
    }

    private static List<SimOrder> book(OrderEngine engine) {
        List<SimOrder> out = new ArrayList<>();
        for (Map.Entry<SimVenue, String> e : ACCOUNTS.entrySet()) {
            SimAccount account = engine.account(e.getKey(), e.getValue()).orElse(null);
            if (account != null) {
                out.addAll(engine.orders(account));
            }
        }
        return out;
    }

    private boolean agrees(List<SimOrder> book) {
        Map<String, SimOrder> byId = new HashMap<>();
        for (SimOrder o : book) {
            if (o.request().clientOrderId() != null) {
                byId.put(o.request().clientOrderId(), o);
            }
        }
        for (OrderEvent event : latest.values()) {
            SimOrder order = byId.get(event.clientOrderId());
            OrderStatus venue = order == null ? OrderStatus.REJECTED : status(order.status());
            if (venue != event.status()) {
                return false;
            }
        }
        return true;
    }

    private static OrderStatus status(SimOrderStatus status) {
        return switch (status) {
            case NEW, PARTIALLY_FILLED -> OrderStatus.ACCEPTED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELED, EXPIRED -> OrderStatus.CANCELLED;
        };
    }

    private static void waitForSimTime(ToolNode node, SimClock clock, long simTime) {
        while (clock.millis() < simTime) {
            node.vertx().timer(clock.toRealMillis(simTime - clock.millis())).await();
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
