package io.candlebus.launcher.http;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.KillSwitchCommand;
import io.candlebus.contract.KillSwitchState;
import io.candlebus.contract.NodeInfo;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.PnlSnapshot;
import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.Signal;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.codec.ContractJson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves health, status, metrics, the dashboard and the token-guarded control endpoints. Everything
 * it shows comes from the bus, so one HTTP node sees the whole cluster.
 */
public final class StatusServer extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(StatusServer.class);
    private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

    /** The summary {@code GET /status} serves is rendered at most this often; it is at most this old. */
    static final long SUMMARY_MAX_AGE_MILLIS = 250;

    /** Where to listen, who guards control endpoints, what readiness tolerates, and client limits. */
    public record Settings(
            String host, int port, String controlToken, String node, ReadinessLimits readiness, HttpLimits limits) {
        /** Settings with the default readiness limits but for the stream threshold, and default client limits. */
        public Settings(String host, int port, String controlToken, String node, long staleStreamMillis) {
            this(host, port, controlToken, node, ReadinessLimits.withStaleStreamMillis(staleStreamMillis));
        }

        /** Settings with the default {@link HttpLimits}. */
        public Settings(String host, int port, String controlToken, String node, ReadinessLimits readiness) {
            this(host, port, controlToken, node, readiness, HttpLimits.defaults());
        }

        @Override
        public String toString() {
            return "Settings[host=" + host + ", port=" + port + ", node=" + node + ", readiness=" + readiness
                    + ", limits=" + limits + ", controlToken=" + (controlToken == null ? "unset" : "***") + "]";
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final StatusView view;
    private final CachedBody summary;
    private final DashboardSettings dashboardSettings;
    private Dashboard dashboard;
    // Micrometer gauges read their value through a holder; the scrape runs on this verticle's event loop.
    private final Map<String, AtomicLong> gauges = new HashMap<>();
    private final HttpErrors errors;
    private MeterRegistry registry;
    private StreamMeters streamMeters;
    private ConnectionGuard guard;
    private HttpServer server;
    private boolean askingKillSwitch;

    public StatusServer(Settings settings, Clock clock) {
        this(settings, clock, DashboardSettings.defaults());
    }

    public StatusServer(Settings settings, Clock clock, DashboardSettings dashboardSettings) {
        this.settings = settings;
        this.clock = clock;
        this.view = new StatusView(settings.readiness());
        this.summary = new CachedBody(SUMMARY_MAX_AGE_MILLIS, now -> view.summary(settings.node(), now));
        this.dashboardSettings = dashboardSettings;
        this.errors = new HttpErrors(settings.limits().maxBodyBytes());
    }

    /**
     * Tells the view that the cluster reported {@code node} (a candlebus node name) gone; callable from any
     * thread once deployed.
     */
    public void onNodeLeft(String node) {
        context.runOnContext(v -> view.onNodeLeft(node, clock.millis()));
    }

    /** Returns the port actually bound (useful with port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        registry = BackendRegistries.getDefaultNow();
        streamMeters = registry == null ? null : new StreamMeters(registry);
        EventBus bus = vertx.eventBus();
        bus.<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> onHeartbeat(m.body()));
        bus.<NodeInfo>consumer(Addresses.STATUS_NODES, m -> view.onNodeInfo(m.body(), clock.millis()));
        bus.<RecorderPresence>consumer(
                Addresses.RECORDER_MEMBERS, m -> view.onRecorderPresence(m.body(), clock.millis()));
        bus.<Candle>consumer(Addresses.CANDLES_CLOSED, m -> view.onClosedCandle(m.body()));
        bus.<Bands>consumer(Addresses.BANDS, m -> view.onBands(m.body()));
        bus.<Signal>consumer(Addresses.SIGNALS, m -> view.onSignal(m.body()));
        bus.<OrderEvent>consumer(Addresses.ORDERS_EVENTS, m -> view.onOrderEvent(m.body()));
        PnlMeters pnlMeters = registry == null ? null : new PnlMeters(registry);
        bus.<PnlSnapshot>consumer(Addresses.ORDERS_PNL, m -> {
            view.onPnl(m.body());
            if (pnlMeters != null) {
                pnlMeters.onSnapshot(m.body());
            }
        });
        dashboard = new Dashboard(vertx, dashboardSettings);
        dashboard.listen(bus);
        guard = new ConnectionGuard(vertx, clock, settings.limits());
        server = vertx.createHttpServer(settings.limits().serverOptions())
                .connectionHandler(guard::onConnection)
                .invalidRequestHandler(errors::onInvalidRequest)
                // Resets and garbage from clients are theirs, not the node's: no ERROR, no stack trace.
                .exceptionHandler(e -> log.debug("HTTP connection error: {}", e.toString()))
                .requestHandler(router());
        return server.listen(settings.port(), settings.host());
    }

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(guard::onRequest);
        router.route().failureHandler(errors::onFailure);
        // Control routes check the token before anything else, the body's size included: a refused request's
        // body is never read. Vert.x Web wants a body handler first on its route, so these are routes of their
        // own, matched before the handlers further down.
        TokenAuth auth = new TokenAuth(settings.controlToken());
        OrderRoutes orders = new OrderRoutes(vertx, REQUEST_TIMEOUT_MILLIS);
        router.post("/subscriptions").handler(auth);
        router.delete("/subscriptions/:instrument").handler(auth);
        router.post("/orders/kill").handler(auth);
        router.delete("/orders/kill").handler(auth);
        orders.guard(router, auth);
        router.route().handler(new DeclaredLengthLimit(errors, settings.limits().maxBodyBytes()));
        for (int status : new int[] {404, 405, 406, 415}) {
            router.errorHandler(status, ctx -> errors.onStatus(ctx, status));
        }
        router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        router.get("/health/ready").handler(this::onReady);
        router.get("/status").handler(this::onStatus);
        router.get("/status/:instrument").handler(this::onInstrumentStatus);
        if (registry != null) {
            router.get("/metrics").handler(PrometheusScrapingHandler.create());
        }
        router.get("/subscriptions").handler(this::onListSubscriptions);
        router.post("/subscriptions").handler(bodyHandler()).handler(this::onAddSubscription);
        router.delete("/subscriptions/:instrument").handler(this::onRemoveSubscription);
        router.post("/orders/kill").handler(bodyHandler()).handler(this::onKillSwitch);
        router.delete("/orders/kill").handler(bodyHandler()).handler(this::onKillSwitch);
        orders.mount(router, this::bodyHandler);
        dashboard.mount(router);
        router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
        return router;
    }

    private BodyHandler bodyHandler() {
        return BodyHandler.create()
                .setBodyLimit(settings.limits().maxBodyBytes())
                .setHandleFileUploads(false);
    }

    private void onHeartbeat(Heartbeat hb) {
        view.onHeartbeat(hb, clock.millis());
        if (!askingKillSwitch && view.killSwitchOutdatedBy(hb)) {
            askKillSwitch();
        }
        if (registry == null) {
            return;
        }
        hb.counters().forEach((name, value) -> gauges.computeIfAbsent(
                        hb.node() + "/" + hb.component() + "/" + name, k -> register(hb.node(), hb.component(), name))
                .set(value));
        streamMeters.onHeartbeat(hb);
    }

    private AtomicLong register(String node, String component, String counter) {
        AtomicLong holder = new AtomicLong();
        Gauge.builder("candlebus_component_counter", holder, AtomicLong::get)
                .description("a counter a candlebus component reports in its heartbeat")
                .tag("node", node)
                .tag("component", component)
                .tag("counter", counter)
                .register(registry);
        return holder;
    }

    /** The cached summary by default; {@code ?detail=full} renders the full document afresh. */
    private void onStatus(RoutingContext ctx) {
        String detail = ctx.queryParams().get("detail");
        if (detail == null || detail.equals("summary")) {
            json(ctx, summary.get(clock.millis()));
        } else if (detail.equals("full")) {
            json(ctx, view.toJson(settings.node(), clock.millis()).toBuffer());
        } else {
            TokenAuth.error(ctx, 400, "detail: expected summary or full, was '" + detail + "'");
        }
    }

    private void onInstrumentStatus(RoutingContext ctx) {
        Instrument instrument = instrumentOrError(ctx, ctx.pathParam("instrument"));
        if (instrument == null) {
            return;
        }
        JsonObject detail = view.instrument(instrument.key(), clock.millis());
        if (detail == null) {
            TokenAuth.error(
                    ctx,
                    404,
                    "instrument: " + instrument.key()
                            + " is unknown to this node (no stream, candle, signal, order or position of it)");
        } else {
            json(ctx, detail.toBuffer());
        }
    }

    private static void json(RoutingContext ctx, Buffer body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body);
    }

    private void onReady(RoutingContext ctx) {
        JsonObject readiness = view.readiness(clock.millis());
        ctx.response()
                .setStatusCode("UP".equals(readiness.getString("status")) ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(readiness.encode());
    }

    private void onListSubscriptions(RoutingContext ctx) {
        subscriptions(ctx, new SubscriptionCommand(SubscriptionCommand.Action.LIST, null), 200);
    }

    private void onAddSubscription(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (RuntimeException e) {
            TokenAuth.error(
                    ctx, 400, "body: expected JSON {\"instrument\":\"exchange:market:SYMBOL\"}, was invalid JSON");
            return;
        }
        Instrument instrument = instrumentOrError(ctx, body == null ? null : body.getValue("instrument"));
        if (instrument != null) {
            subscriptions(ctx, new SubscriptionCommand(SubscriptionCommand.Action.ADD, instrument), 201);
        }
    }

    private void onRemoveSubscription(RoutingContext ctx) {
        Instrument instrument = instrumentOrError(ctx, ctx.pathParam("instrument"));
        if (instrument != null) {
            subscriptions(ctx, new SubscriptionCommand(SubscriptionCommand.Action.REMOVE, instrument), 200);
        }
    }

    private static Instrument instrumentOrError(RoutingContext ctx, Object value) {
        if (!(value instanceof String text)) {
            TokenAuth.error(ctx, 400, "instrument: expected exchange:market:SYMBOL, was " + value);
            return null;
        }
        try {
            return Instrument.parse(text);
        } catch (IllegalArgumentException e) {
            TokenAuth.error(ctx, 400, e.getMessage());
            return null;
        }
    }

    private void subscriptions(RoutingContext ctx, SubscriptionCommand command, int status) {
        vertx.eventBus()
                .<SubscriptionList>request(Addresses.CONTROL_SUBSCRIPTIONS, command, timeout())
                .onSuccess(reply -> ctx.response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject()
                                .put(
                                        "instruments",
                                        new JsonArray(reply.body().instruments().stream()
                                                .map(Instrument::key)
                                                .toList()))
                                .encode()))
                .onFailure(e -> replyFailure(ctx, e));
    }

    /** {@code POST /orders/kill} trips the order kill switch, {@code DELETE /orders/kill} clears it. */
    private void onKillSwitch(RoutingContext ctx) {
        KillSwitchCommand command;
        try {
            command = KillRequest.of(ctx.request().method().name(), ctx.body().asString());
        } catch (IllegalArgumentException e) {
            TokenAuth.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.eventBus()
                .<KillSwitchState>request(Addresses.ORDERS_KILL, command, timeout())
                .onSuccess(reply -> {
                    view.onKillSwitch(reply.body());
                    ctx.response()
                            .setStatusCode(200)
                            .putHeader("Content-Type", "application/json")
                            .end(ContractJson.toJson(reply.body()));
                })
                .onFailure(e -> replyFailure(ctx, e));
    }

    /** Reads the kill switch's state (reason, time) that an order heartbeat only flags; one request at a time. */
    private void askKillSwitch() {
        askingKillSwitch = true;
        vertx.eventBus()
                .<KillSwitchState>request(
                        Addresses.ORDERS_KILL, new KillSwitchCommand(KillSwitchCommand.Action.GET, null), timeout())
                .onComplete(ar -> {
                    askingKillSwitch = false;
                    if (ar.succeeded()) {
                        view.onKillSwitch(ar.result().body());
                    } else {
                        log.debug("kill switch state not read: {}", ar.cause().getMessage());
                    }
                });
    }

    private static DeliveryOptions timeout() {
        return new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MILLIS);
    }

    private static void replyFailure(RoutingContext ctx, Throwable e) {
        if (e instanceof ReplyException re) {
            int status =
                    switch (re.failureType()) {
                        case RECIPIENT_FAILURE -> FailureCode.of(re.failureCode())
                                .httpStatus();
                        case NO_HANDLERS, TIMEOUT -> 503;
                        default -> 500;
                    };
            TokenAuth.error(ctx, status, re.getMessage());
        } else {
            TokenAuth.error(ctx, 500, String.valueOf(e.getMessage()));
        }
    }
}
