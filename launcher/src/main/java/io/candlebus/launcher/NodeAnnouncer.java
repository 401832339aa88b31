package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.NodeInfo;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.util.List;

/**
 * Publishes this node's {@link NodeInfo} on {@link Addresses#STATUS_NODES} at once and then every second, so
 * every HTTP node of the cluster lists it with its roles and uptime, and notices within seconds when it stops.
 * Deployed on every node, first, so it is undeployed last.
 */
final class NodeAnnouncer extends VerticleBase {
    static final long EVERY_MILLIS = 1_000;

    private final String node;
    private final List<String> roles;
    private final long startTime;
    private final Clock clock;

    /** Announces {@code node} running {@code roles}, started at {@code startTime} by {@code clock}. */
    NodeAnnouncer(String node, List<String> roles, long startTime, Clock clock) {
        this.node = node;
        this.roles = List.copyOf(roles);
        this.startTime = startTime;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        announce();
        vertx.setPeriodic(EVERY_MILLIS, id -> announce());
        return Future.succeededFuture();
    }

    private void announce() {
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_NODES,
                        new NodeInfo(
                                node,
                                roles,
                                Version.CURRENT,
                                ProcessHandle.current().pid(),
                                startTime,
                                Math.max(startTime, clock.millis())));
    }
}
