package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Publishes one component's {@link Heartbeat} on {@code status.heartbeat} every second: the one way every market
 * verticle (feeds, candle shards, the subscription owner) reports itself. Create it on the verticle's context, so
 * the source is read on the event loop that owns its state.
 */
public final class HeartbeatTimer {
    /** What a heartbeat reports, read on the owning verticle's event loop. */
    public interface Source {
        String state();

        Map<String, Long> counters();

        /** Clock time of the last event handled, 0 if none. */
        long lastEventTime();

        default List<StreamStatus> streams() {
            return List.of();
        }
    }

    private static final long PERIOD_MILLIS = 1_000;

    private final Vertx vertx;
    private final String component;
    private final Clock clock;
    private final LongFunction<Heartbeat> build;
    private long timer = -1;

    public HeartbeatTimer(Vertx vertx, String node, String component, Clock clock, Source source) {
        this(
                vertx,
                component,
                clock,
                now -> new Heartbeat(
                        node,
                        component,
                        source.state(),
                        source.counters(),
                        source.lastEventTime(),
                        now,
                        source.streams()));
    }

    /**
     * A timer publishing what {@code build} makes of the clock time: for a component whose heartbeat is made whole
     * elsewhere (a feed's, by its lease gate), read once per beat.
     */
    public HeartbeatTimer(Vertx vertx, String component, Clock clock, LongFunction<Heartbeat> build) {
        this.vertx = vertx;
        this.component = component;
        this.clock = clock;
        this.build = build;
    }

    /** Starts publishing every second. */
    public void start() {
        timer = vertx.setPeriodic(PERIOD_MILLIS, id -> publish());
    }

    /** Stops publishing. */
    public void stop() {
        vertx.cancelTimer(timer);
    }

    /** Returns the component name it reports as. */
    public String component() {
        return component;
    }

    /** Publishes one heartbeat now. */
    public void publish() {
        vertx.eventBus().publish(Addresses.STATUS_HEARTBEAT, build.apply(clock.millis()));
    }
}
