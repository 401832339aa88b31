package io.candlebus.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The cluster a {@code backfill} joins so its candles reach the live recorders that own their streams: the
 * node's own cluster flags ({@code --cluster}, {@code --cluster-name}, {@code --cluster-host},
 * {@code --cluster-port}, {@code --cluster-bus-port}, {@code --cluster-members}, and their environment variables
 * and config file), taken out of the backfill's arguments here and read and checked by the node's configuration
 * loader ({@link NodeStarter#backfillVertx}). Without {@code --cluster} the backfill runs on a Vert.x of its own.
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
}
