package io.candlebus.order;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Signal;
import io.candlebus.order.paper.PaperBroker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes orders: turns {@code signals} into market orders, serves {@code orders.submit}, and
 * publishes every order event on {@code orders.events}. Each client order id is placed at most once
 * (a signal's id is derived from the signal id); a repeat gets the original result. Publishes a
 * heartbeat (component {@code order}) every second.
 */
public final class OrderVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(OrderVerticle.class);
    private static final String COMPONENT = "order";

    private final OrderConfig config;
    private final Clock clock;
    private final String node;
    private final OrderDesk desk;
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private long lastEventTime;
    private long heartbeatTimer = -1;

    /** Creates the verticle; {@code node} names this process in heartbeats. */
    public OrderVerticle(OrderConfig config, Clock clock, String node) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        // OrderConfig admits only paper mode; live brokers will be chosen here.
        Broker broker = new PaperBroker(clock);
        this.desk = new OrderDesk(
                broker, new RiskLimits(config), new OrderJournal(OrderJournal.DEFAULT_CAPACITY), clock, this::onEvent);
        for (String name : new String[] {
            "signals", "staleSignals", "submits", "orders", "fills", "rejects", "duplicates", "invalid"
        }) {
            counters.put(name, 0L);
        }
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        return Future.all(
                        bus.<Signal>consumer(Addresses.SIGNALS, this::onSignal).completion(),
                        bus.consumer(Addresses.ORDERS_SUBMIT, this::onSubmit).completion())
                .onSuccess(v -> {
                    heartbeatTimer = vertx.setPeriodic(1000, id -> publishHeartbeat("live"));
                    publishHeartbeat("live");
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeatTimer);
        publishHeartbeat("stopped");
        return Future.succeededFuture();
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
        BigDecimal quantity = config.settingsFor(signal.instrument()).quantity();
        OrderRequest request = new OrderRequest(
                ClientOrderIds.forSignal(signal.id()),
                signal.instrument(),
                signal.side(),
                OrderType.MARKET,
                quantity,
                signal.price(),
                "signal " + signal.id());
        place(request).onFailure(e -> LOG.warn("order for signal {} failed: {}", signal.id(), e.getMessage()));
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
        place(request)
                .onSuccess(message::reply)
                .onFailure(e -> message.fail(
                        FailureCode.UNAVAILABLE.code(),
                        Addresses.ORDERS_SUBMIT + ": the broker failed, the order's outcome is unknown: "
                                + e.getMessage()));
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
        count(counter);
        lastEventTime = clock.millis();
    }

    private void count(String counter) {
        counters.merge(counter, 1L, Long::sum);
    }

    private void publishHeartbeat(String state) {
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_HEARTBEAT,
                        new Heartbeat(node, COMPONENT, state, counters, lastEventTime, clock.millis()));
    }
}
