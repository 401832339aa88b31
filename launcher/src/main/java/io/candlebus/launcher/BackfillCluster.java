package io.candlebus.launcher;

import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The cluster a {@code backfill} joins so its candles reach the live recorders that own their streams: the
 * node's own cluster flags ({@code --cluster}, {@code --cluster-name}, {@code --cluster-host},
 * {@code --cluster-port}, {@code --cluster-bus-port}, {@code --cluster-members}, and their environment variables
 * and config file), read and checked by the node's configuration loader. Without {@code --cluster} the backfill
 * runs on a Vert.x of its own.
 */
final class BackfillCluster {
    private static final List<String> VALUED =
            List.of("--cluster-name", "--cluster-host", "--cluster-port", "--cluster-bus-port", "--cluster-members");

    /** The backfill's own arguments and the cluster flags taken out of them. */
    record Split(List<String> backfillArgs, List<String> clusterArgs) {}

    private BackfillCluster() {}

    /** Separates the cluster flags (with their values) from the backfill's own arguments. */
    static Split split(List<String> args) {
        List<String> own = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--cluster")) {
                cluster.add(a);
            } else if (VALUED.contains(a) && i + 1 < args.size()) {
                cluster.add(a);
                cluster.add(args.get(++i));
            } else {
                own.add(a);
            }
        }
        return new Split(List.copyOf(own), List.copyOf(cluster));
    }

    /**
     * Returns the Vert.x the backfill runs on: clustered as {@code clusterArgs} and {@code env} say (under a
     * node name of its own), or a plain one when they do not enable the cluster.
     */
    static Vertx vertx(List<String> clusterArgs, Map<String, String> env) throws Exception {
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
