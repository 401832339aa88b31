package io.candlebus.sim.faults;

import io.candlebus.sim.SimClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a fault injector's actions at sim times on its one Vert.x context, and cancels those not run yet:
 * the scheduling both {@link FaultInjector} and {@link OrderFaultInjector} need, so their state needs no lock.
 */
final class SimTimers {
    private final Context context;
    private final SimClock clock;
    private final List<Long> timers = new ArrayList<>();

    /** Creates timers on a context of {@code vertx}, timed by {@code clock}. */
    SimTimers(Vertx vertx, SimClock clock) {
        this.context = vertx.getOrCreateContext();
        this.clock = clock;
    }

    /** Runs {@code action} on the context at sim time {@code simMillis} (at least 1 ms of sim time from now). */
    void at(long simMillis, Runnable action) {
        long delay = clock.toRealMillis(Math.max(1, simMillis - clock.millis()));
        timers.add(context.owner().setTimer(delay, id -> action.run()));
    }

    /** Cancels every action not run yet; call on the context. */
    void cancelAll() {
        timers.forEach(context.owner()::cancelTimer);
        timers.clear();
    }

    /** Runs {@code action} on the context; the future completes after it. */
    Future<Void> onContext(Runnable action) {
        return read(() -> {
            action.run();
            return null;
        });
    }

    /** Returns what {@code read} gives on the context (a copy of state only the context touches). */
    <T> Future<T> read(Supplier<T> read) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> promise.complete(read.get()));
        return promise.future();
    }
}
