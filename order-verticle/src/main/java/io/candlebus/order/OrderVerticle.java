package io.candlebus.order;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.KillSwitchState;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Signal;
import io.candlebus.order.journal.KillSwitchFile;
import io.candlebus.order.journal.ReplayReport;
import io.candlebus.order.live.LiveBrokers;
import io.candlebus.order.live.LiveSetup;
import io.candlebus.order.paper.PaperBroker;
import io.candlebus.order.paper.RulesBook;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.client.WebClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes orders: turns {@code signals} into market orders, serves {@code orders.submit}, and
 * publishes every order event on {@code orders.events}. Each client order id is placed at most once
 * (a signal's id is derived from the signal id); a repeat gets the original result, a reuse with other
 * parameters fails CONFLICT. {@code orders.submit} refuses an instrument not followed (see {@link
 * LastPrices}, fed from {@code candles.live} and {@code candles.closed}, which also price the {@link
 * PriceGuard}). Serves {@code orders.query} and {@code orders.cancel} ({@link OrderQueries}). Publishes a
 * heartbeat (component {@code order}) every second.
 *
 * <p>Paper mode (the default) fills through {@link PaperBroker}. Live mode opens the durable journal, and
 * until every non-final intent in it is reconciled with its venue refuses new orders (heartbeat state
 * {@code reconciling}; {@code orders.submit} fails UNAVAILABLE, signals are dropped and counted), then
 * trades through {@link LiveBrokers} and polls open orders to their final state ({@link LiveOrderSync}),
 * publishing each change.
 *
 * <p>The {@link KillSwitch} ({@code orders.kill}, or {@code killSwitch: true} in the config) refuses every new
 * order while tripped (heartbeat state {@code killed}, counter {@code killSwitch} 1) and, in live mode,
 * cancels the open orders at their venues on every poll until they are final; in paper mode it cancels the
 * open paper orders at once. {@code order.risk.maxDailyLoss} trips it when the realised PnL of the UTC day
 * falls below the limit.
 *
 * <p>Paper mode feeds {@link PaperBroker} the market it observes: trades ({@code market.trades}) and live
 * candles ({@code candles.live}). Both modes keep a {@link PnlBook} of the fills, marked by trades and
 * candles, and publish it on {@code orders.pnl} with every heartbeat.
 */
public final class OrderVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(OrderVerticle.class);
    private static final String COMPONENT = "order";

    private final OrderConfig config;
    private final Clock clock;
    private final String node;
    /** Null in paper mode. */
    private final LiveSetup live;

    private final OrderJournal results = new OrderJournal(OrderJournal.DEFAULT_CAPACITY);
    private final OrderCounters counters = new OrderCounters(
            "signals",
            "staleSignals",
            "submits",
            "orders",
            "fills",
            "rejects",
            "duplicates",
            "invalid",
            "refusedKillSwitch",
            "conflicts");
    private final KillSwitch kill;
    private final OrderGate gate;
    private final LastPrices prices = new LastPrices();
    private OrderPnl pnl;
    private KillSwitchEndpoint killEndpoint;
    /** Null in live mode. */
    private PaperBroker paper;

    private WebClient web;
    private Broker broker;
    private OrderDesk desk;
    private LiveBrokers brokers;
    /** Null in paper mode. */
    private LiveOrderSync sync;

    private boolean reconciled;
    private long heartbeatTimer = -1;

    /** Creates a paper-mode verticle; {@code node} names this process in heartbeats. */
    public OrderVerticle(OrderConfig config, Clock clock, String node) {
        this(config, clock, node, null);
    }

    /** Creates the verticle; {@code live} is required in live mode and must be null in paper mode. */
    public OrderVerticle(OrderConfig config, Clock clock, String node, LiveSetup live) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        if (config.live() != (live != null)) {
            throw new IllegalArgumentException("order.mode: " + config.mode() + " needs "
                    + (config.live() ? "a live setup (keys, endpoints, journal)" : "no live setup"));
        }
        this.live = live;
        this.kill = new KillSwitch(config.killSwitch(), clock.millis());
        this.gate = new OrderGate(kill, () -> reconciled, prices, results, clock);
    }

    @Override
    public Future<?> start() {
        pnl = new OrderPnl(vertx, clock, config.maxDailyLoss(), reason -> killEndpoint.trip(reason));
        if (live == null) {
            web = WebClient.create(vertx);
            RulesBook rules = new RulesBook(web, config.endpoints());
            paper = new PaperBroker(clock, config.paper(), rules::rules, this::onLaterEvent, pnl::onPaperFill);
            pnl.trade(paper, rules);
            desk = newDesk(paper);
            reconciled = true;
            counters.set("openPaperOrders", 0L);
            return listen();
        }
        counters.set("refusedReconciling", 0L);
        return vertx.executeBlocking(() -> KillSwitchFile.read(live.journalDir(), clock.millis()))
                .compose(kept -> {
                    kept.ifPresent(kill::restore);
                    return LiveBrokers.open(vertx, live, clock);
                })
                .compose(opened -> {
                    brokers = opened;
                    opened.journaled().forEach(results::record);
                    opened.journaledRequests().forEach(results::remember);
                    ReplayReport report = opened.replayReport();
                    LOG.info(
                            "live orders: journal {} replayed ({} intents, {} open, {} torn bytes cut off); reconciling",
                            live.journalDir(),
                            report.intents(),
                            report.openIntents(),
                            report.tornBytes());
                    desk = newDesk(opened);
                    sync = new LiveOrderSync(vertx, opened, live.pollMillis(), kill, results, this::onEvent, () -> {
                        reconciled = true;
                        publishHeartbeat(state());
                    });
                    return listen().onSuccess(v -> sync.reconcile());
                });
    }

    private OrderDesk newDesk(Broker placing) {
        broker = placing;
        return new OrderDesk(
                placing,
                new RiskLimits(config),
                new PriceGuard(config),
                instrument -> prices.last(instrument, clock.millis()),
                results,
                clock,
                this::onEvent);
    }

    private Future<?> listen() {
        EventBus bus = vertx.eventBus();
        killEndpoint = new KillSwitchEndpoint(
                vertx, kill, clock, live == null ? null : live.journalDir(), this::onKillSwitchChange);
        OrderQueries queries = new OrderQueries(config.mode(), results, () -> broker, event -> {
            results.update(event);
            onEvent(event);
        });
        return Future.all(List.of(
                        bus.<Signal>consumer(Addresses.SIGNALS, this::onSignal).completion(),
                        pnl.listen(bus),
                        bus.<Candle>consumer(Addresses.CANDLES_LIVE, m -> prices.observe(m.body(), clock.millis()))
                                .completion(),
                        bus.<Candle>consumer(Addresses.CANDLES_CLOSED, m -> prices.observe(m.body(), clock.millis()))
                                .completion(),
                        bus.consumer(Addresses.ORDERS_QUERY, queries::onQuery).completion(),
                        bus.consumer(Addresses.ORDERS_CANCEL, queries::onCancel).completion(),
                        bus.consumer(Addresses.ORDERS_SUBMIT, this::onSubmit).completion(),
                        bus.consumer(Addresses.ORDERS_KILL, killEndpoint::onMessage)
                                .completion()))
                .onSuccess(v -> {
                    if (kill.tripped()) {
                        LOG.warn("orders: {}; no order is placed until DELETE /orders/kill", kill.refusal());
                    }
                    heartbeatTimer = vertx.setPeriodic(1000, id -> {
                        if (paper != null) {
                            paper.expire();
                        }
                        publishHeartbeat(state());
                    });
                    publishHeartbeat(state());
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        if (sync != null) {
            sync.stop();
        }
        publishHeartbeat("stopped");
        if (web != null) {
            web.close();
        }
        return brokers == null ? Future.succeededFuture() : brokers.close(vertx);
    }

    private String state() {
        if (kill.tripped()) {
            return "killed";
        }
        return reconciled ? "live" : "reconciling";
    }

    private void onSignal(Message<Signal> message) {
        Signal signal = message.body();
        touch("signals");
        if (!config.tradeSignals()) {
            return;
        }
        long closedAgo = clock.millis() - (signal.openTime() + signal.interval().millis());
        if (closedAgo > config.maxSignalAgeMillis()) {
            count("staleSignals");
            return;
        }
        Optional<OrderGate.Refusal> refused = gate.forSignal();
        if (refused.isPresent()) {
            count(refused.get().counter());
            LOG.warn("signal {} not traded: {}", signal.id(), refused.get().message());
            return;
        }
        BigDecimal quantity = config.settingsFor(signal.instrument()).quantity();
        OrderRequest request = new OrderRequest(
                ClientOrderIds.forSignal(signal.id()),
                signal.instrument(),
                signal.side(),
                OrderType.MARKET,
                quantity,
                signal.price(),
                "signal " + signal.id());
        try {
            place(request).onFailure(e -> LOG.warn("order for signal {} failed: {}", signal.id(), e.getMessage()));
        } catch (OrderIdConflict e) {
            count("conflicts");
            LOG.warn("signal {} not traded: {}", signal.id(), e.getMessage());
        }
    }

    private void onSubmit(Message<Object> message) {
        touch("submits");
        OrderRequest request;
        try {
            request = OrderRequestParser.parse(message.body());
        } catch (IllegalArgumentException e) {
            count("invalid");
            message.fail(FailureCode.INVALID.code(), Addresses.ORDERS_SUBMIT + ": " + e.getMessage());
            return;
        }
        Optional<OrderGate.Refusal> refused = gate.forSubmit(request);
        if (refused.isPresent()) {
            count(refused.get().counter());
            message.fail(
                    refused.get().code().code(),
                    Addresses.ORDERS_SUBMIT + ": " + refused.get().message());
            return;
        }
        Future<OrderEvent> placed;
        try {
            placed = place(request);
        } catch (OrderIdConflict e) {
            count("conflicts");
            message.fail(FailureCode.CONFLICT.code(), Addresses.ORDERS_SUBMIT + ": " + e.getMessage());
            return;
        }
        placed.onSuccess(message::reply)
                .onFailure(e -> message.fail(
                        FailureCode.UNAVAILABLE.code(),
                        Addresses.ORDERS_SUBMIT + ": the broker failed, the order's outcome is unknown: "
                                + e.getMessage()));
    }

    /** The kill switch tripped or cleared: the heartbeat says so at once, and a trip cancels the open orders. */
    private void onKillSwitchChange(KillSwitchState changed) {
        if (changed.tripped() && paper != null) {
            paper.cancelOpen(changed.reason()).forEach(this::onLaterEvent);
        }
        publishHeartbeat(state());
        if (changed.tripped() && sync != null && reconciled) {
            sync.poll();
        }
    }

    /** A paper order's event after its submit answered (a later fill, a cancel): journaled and published. */
    private void onLaterEvent(OrderEvent event) {
        results.update(event);
        onEvent(event);
    }

    private Future<OrderEvent> place(OrderRequest request) {
        OrderDesk.Placement placement = desk.place(request);
        count(placement.duplicate() ? "duplicates" : "orders");
        return placement.result();
    }

    private void onEvent(OrderEvent event) {
        count(
                switch (event.status()) {
                    case FILLED -> "fills";
                    case REJECTED -> "rejects";
                    case ACCEPTED -> "accepted";
                    case CANCELLED -> "cancelled";
                });
        pnl.onEvent(event);
        LOG.info(
                "order {} {} {} {} {}: {}",
                event.clientOrderId(),
                event.status(),
                event.side(),
                event.quantity().toPlainString(),
                event.instrument(),
                event.reason());
        vertx.eventBus().publish(Addresses.ORDERS_EVENTS, event);
    }

    private void touch(String counter) {
        counters.touch(counter, clock.millis());
    }

    private void count(String counter) {
        counters.count(counter);
    }

    private void publishHeartbeat(String state) {
        if (brokers != null) {
            counters.set("openIntents", brokers.openIntents());
        }
        if (paper != null) {
            counters.set("openPaperOrders", paper.openOrders());
        }
        counters.set("killSwitch", kill.tripped() ? 1L : 0L);
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_HEARTBEAT,
                        new Heartbeat(
                                node, COMPONENT, state, counters.snapshot(), counters.lastEventTime(), clock.millis()));
        pnl.publish(node);
    }
}
