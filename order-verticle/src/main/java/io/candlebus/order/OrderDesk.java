package io.candlebus.order;

import io.candlebus.contract.Instrument;
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
import java.util.function.Function;

/**
 * Places each client order id at most once: a known id gets its recorded result, an id still at the
 * broker gets the same pending result, a new one goes through the price guard and the risk limits to the
 * broker. A known id with other parameters is an {@link OrderIdConflict}. Every new result is handed to
 * {@code events} exactly once, and recorded in the journal if it came from the broker.
 *
 * <p>A rejection by our own limits is not recorded against the id: nothing reached a venue, and the limit
 * may allow the same order later (a position closed, a minute passed), so a later request with the same id
 * is checked afresh. Anything the broker answered (filled, accepted, or rejected by the venue) stays the
 * id's result. Single-threaded: the order verticle's event loop owns it.
 */
final class OrderDesk {
    private final Broker broker;
    private final RiskLimits risk;
    private final PriceGuard guard;
    private final Function<Instrument, Optional<BigDecimal>> lastPrices;
    private final OrderJournal journal;
    private final Clock clock;
    private final Consumer<OrderEvent> events;
    /** Orders sent to the broker and not yet answered: a repeat waits for the same result. */
    private final Map<String, Future<OrderEvent>> inFlight = new HashMap<>();
    /** The requests of the orders in flight, to tell a repeat from a conflicting reuse of the id. */
    private final Map<String, OrderRequest> inFlightRequests = new HashMap<>();

    /** What {@link #place} did: {@code duplicate} is true when no new order was placed. */
    record Placement(Future<OrderEvent> result, boolean duplicate) {}

    OrderDesk(
            Broker broker,
            RiskLimits risk,
            PriceGuard guard,
            Function<Instrument, Optional<BigDecimal>> lastPrices,
            OrderJournal journal,
            Clock clock,
            Consumer<OrderEvent> events) {
        this.broker = broker;
        this.risk = risk;
        this.guard = guard;
        this.lastPrices = lastPrices;
        this.journal = journal;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Places {@code request} unless its client order id was seen before; throws {@link OrderIdConflict} if it
     * was, with other parameters.
     */
    Placement place(OrderRequest request) {
        String id = request.clientOrderId();
        Optional<OrderEvent> done = journal.find(id);
        if (done.isPresent()) {
            journal.request(id)
                    .flatMap(placed -> OrderIdConflict.between(placed, request))
                    .ifPresent(c -> {
                        throw c;
                    });
            return new Placement(Future.succeededFuture(done.get()), true);
        }
        Future<OrderEvent> pending = inFlight.get(id);
        if (pending != null) {
            OrderIdConflict.between(inFlightRequests.get(id), request).ifPresent(c -> {
                throw c;
            });
            return new Placement(pending, true);
        }
        BigDecimal position = broker.position(request.instrument());
        Optional<String> violation = guard.check(request, lastPrices.apply(request.instrument()));
        if (violation.isEmpty()) {
            violation = risk.admit(request, position, clock.millis());
        }
        if (violation.isPresent()) {
            OrderEvent rejected = rejected(request, position, violation.get());
            events.accept(rejected);
            return new Placement(Future.succeededFuture(rejected), false);
        }
        Future<OrderEvent> result = broker.submit(request);
        inFlight.put(id, result);
        inFlightRequests.put(id, request);
        // A broker failure leaves the outcome unknown: nothing is journaled, so a retry may place it again.
        result.onComplete(outcome -> {
            inFlight.remove(id);
            inFlightRequests.remove(id);
            if (outcome.succeeded()) {
                journal.record(request, outcome.result());
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
