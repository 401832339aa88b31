package io.candlebus.sim.faults;

import io.candlebus.sim.SimClock;
import io.candlebus.sim.orders.OrderFaults;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arms a {@link FaultSchedule#planOrders} plan in the simulator's {@link OrderFaults} at its sim times: each
 * fault spoils the next new-order request that comes after it (on either venue), however long after. A
 * delayed answer comes {@code delayRealMillis} late, which should exceed the client's order timeout. All its
 * state lives on one Vert.x context.
 */
public final class OrderFaultInjector {
    private static final Logger log = LoggerFactory.getLogger(OrderFaultInjector.class);

    private final OrderFaults faults;
    private final SimTimers timers;
    private final Map<OrderFaultKind, Long> armed = new EnumMap<>(OrderFaultKind.class);
    private boolean stopped;

    /**
     * Creates an injector arming {@code faults} on a context of {@code vertx}, timed by {@code clock}; a
     * delayed answer comes {@code delayRealMillis} (real time) late.
     */
    public OrderFaultInjector(Vertx vertx, OrderFaults faults, SimClock clock, long delayRealMillis) {
        if (delayRealMillis < 1) {
            throw new IllegalArgumentException("delayRealMillis: expected >= 1, was " + delayRealMillis);
        }
        this.faults = faults;
        this.timers = new SimTimers(vertx, clock);
        faults.delayRealMillis(delayRealMillis);
    }

    /** Schedules every fault of {@code plan} at {@code startMillis} + its offset, in sim time. */
    public Future<Void> start(List<PlannedOrderFault> plan, long startMillis) {
        return timers.onContext(() -> {
            for (PlannedOrderFault fault : plan) {
                timers.at(startMillis + fault.atMillis(), () -> arm(fault));
            }
        });
    }

    /**
     * Cancels what has not been armed and disarms what no request has met yet, so that the orders placed
     * after the run are not spoiled.
     */
    public Future<Void> stop() {
        return timers.onContext(() -> {
            stopped = true;
            timers.cancelAll();
            faults.clear();
        });
    }

    /** Returns how many faults of each kind have been armed. */
    public Future<Map<OrderFaultKind, Long>> armed() {
        return timers.read(() -> new EnumMap<>(armed));
    }

    private void arm(PlannedOrderFault fault) {
        if (stopped) {
            return;
        }
        armed.merge(fault.kind(), 1L, Long::sum);
        log.info("order fault {} armed {}", fault.kind().label(), fault);
        switch (fault.kind()) {
            case LOST_CLOSED -> faults.loseNextAnswers(1, OrderFaults.Loss.CLOSE_CONNECTION);
            case LOST_DELAYED -> faults.loseNextAnswers(1, OrderFaults.Loss.DELAY);
            case LOST_5XX -> faults.loseNextAnswers(1, OrderFaults.Loss.SERVER_ERROR);
            case REFUSED_5XX -> faults.refuseNext(1, OrderFaults.Refusal.UNAVAILABLE);
            case REFUSED_429 -> faults.refuseNext(1, OrderFaults.Refusal.TOO_MANY_REQUESTS);
            case REFUSED_418 -> faults.refuseNext(1, OrderFaults.Refusal.BANNED);
            case REFUSED_1021 -> faults.refuseNext(1, OrderFaults.Refusal.TIMESTAMP_OUTSIDE_WINDOW);
            case INSUFFICIENT_BALANCE -> faults.refuseNext(1, OrderFaults.Refusal.INSUFFICIENT_BALANCE);
            case NOT_FOUND -> {
                // The answer is lost, so the client must look the order up, and the venue does not know it yet.
                faults.hideNextOrdersFor(1, fault.durationMillis());
                faults.loseNextAnswers(1, OrderFaults.Loss.SERVER_ERROR);
            }
        }
    }
}
