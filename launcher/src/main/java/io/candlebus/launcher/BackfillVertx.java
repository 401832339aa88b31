package io.candlebus.launcher;

import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x a {@code backfill} runs on: joined to the nodes' cluster (under a node name of its own) when the
 * cluster flags taken out of its arguments ({@link BackfillCluster}) and the environment enable it, so its
 * candles reach the live recorders that own their streams; a plain one otherwise.
 */
final class BackfillVertx {
    private BackfillVertx() {}

    /** Returns the backfill's Vert.x; a bad cluster flag fails with the node's {@code ConfigException}. */
    static Vertx create(List<String> clusterArgs, Map<String, String> env) throws Exception {
        AppConfig config = AppConfig.fromLayers(ConfigLoader.load(clusterArgs.toArray(String[]::new), env), env);
        if (!config.cluster().enabled()) {
            return Vertx.vertx();
        }
        String node = "backfill-" + UUID.randomUUID().toString().substring(0, 8);
        HazelcastClusterManager manager =
                new HazelcastClusterManager(ClusterDepartures.named(HazelcastSetup.config(config.cluster()), node));
        return Node.createVertx(config, manager).await(120, TimeUnit.SECONDS);
    }
}
