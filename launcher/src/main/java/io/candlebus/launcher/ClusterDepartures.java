package io.candlebus.launcher;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the status server when a cluster member leaves, by its candlebus node name, so readiness stops
 * waiting for its heartbeats as soon as Hazelcast drops the member (about 5 s after a kill, see {@link
 * HazelcastSetup}) instead of after {@code http.goneAfterMillis} of silence. Each member carries its node
 * name as a Hazelcast member attribute, since Hazelcast knows members only by UUID. The member list is read
 * once a second (a local snapshot): a membership listener would need Hazelcast's event class, whose
 * annotations the compiler cannot resolve without a further dependency.
 */
final class ClusterDepartures {
    private static final Logger log = LoggerFactory.getLogger(ClusterDepartures.class);
    private static final String NODE_ATTRIBUTE = "candlebus.node";
    private static final long CHECK_MILLIS = 1_000;

    private ClusterDepartures() {}

    /** Makes this member carry {@code node}, its candlebus node name. */
    static Config named(Config config, String node) {
        config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, node);
        return config;
    }

    /**
     * Calls {@code onLeft}, on a Vert.x event loop, with the node name of every member that leaves from now on;
     * stops with {@code vertx}.
     */
    static void watch(Vertx vertx, HazelcastClusterManager manager, Consumer<String> onLeft) {
        Set<String> known = new HashSet<>(names(manager));
        vertx.setPeriodic(CHECK_MILLIS, id -> {
            if (!manager.getHazelcastInstance().getLifecycleService().isRunning()) {
                return;
            }
            Set<String> now = names(manager);
            for (String node : known) {
                if (!now.contains(node)) {
                    log.info("cluster member of node {} left", node);
                    onLeft.accept(node);
                }
            }
            known.clear();
            known.addAll(now);
        });
    }

    private static Set<String> names(HazelcastClusterManager manager) {
        Set<String> names = new HashSet<>();
        for (Member m : manager.getHazelcastInstance().getCluster().getMembers()) {
            String node = m.getAttribute(NODE_ATTRIBUTE);
            if (node != null) {
                names.add(node);
            }
        }
        return names;
    }
}
