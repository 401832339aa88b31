package io.candlebus.order;

import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Places each client order id at most once: a known id gets its recorded result, an id still at the
 * broker gets the same pending result, a new one goes through the risk limits to the broker. Every new
 * result is recorded in the journal and handed to {@code events} exactly once. Single-threaded: the
 * order verticle's event loop owns it.
 */
final class OrderDesk {
    private final Broker broker;
    private final RiskLimits risk;
    private final OrderJournal journal;
    private final Clock clock;
    private final Consumer<OrderEvent> events;
    /** Orders sent to the broker and not yet answered: a repeat waits for the same result. */
    private final Map<String, Future<OrderEvent>> inFlight = new HashMap<>();

    /** What {@link #place} did: {@code duplicate} is true when no new order was placed. */
    record Placement(Future<OrderEvent> result, boolean duplicate) {}

    OrderDesk(Broker broker, RiskLimits risk, OrderJournal journal, Clock clock, Consumer<OrderEvent> events) {
        this.broker = broker;
        this.risk = risk;
        this.journal = journal;
        this.clock = clock;
        this.events = events;
    }

    /** Places {@code request} unless its client order id was seen before. */
    Placement place(OrderRequest request) {
        String id = request.clientOrderId();
        Optional<OrderEvent> done = journal.find(id);
        if (done.isPresent()) {
            return new Placement(Future.succeededFuture(done.get()), true);
        }
        Future<OrderEvent> pending = inFlight.get(id);
        if (pending != null) {
            return new Placement(pending, true);
        }
        BigDecimal position = broker.position(request.instrument());
        Optional<String> violation = risk.admit(request, position, clock.millis());
        Future<OrderEvent> result = violation.isPresent()
                ? Future.succeededFuture(rejected(request, position, violation.get()))
                : broker.submit(request);
        inFlight.put(id, result);
        // A broker failure leaves the outcome unknown: nothing is journaled, so a retry may place it again.
        result.onComplete(outcome -> {
            inFlight.remove(id);
            if (outcome.succeeded()) {
                journal.record(outcome.result());
                events.accept(outcome.result());
            }
        });
        return new Placement(result, false);
    }

    private OrderEvent rejected(OrderRequest request, BigDecimal position, String reason) {
        return new OrderEvent(
                request.clientOrderId(),
                null,
                request.instrument(),
                request.side(),
                OrderStatus.REJECTED,
                request.quantity(),
                BigDecimal.ZERO,
                request.price(),
                position,
                reason,
                true,
                clock.millis());
    }
}
