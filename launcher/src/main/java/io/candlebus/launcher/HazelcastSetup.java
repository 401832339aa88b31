package io.candlebus.launcher;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.candlebus.launcher.AppConfig.ClusterConfig;

/**
 * Builds the Hazelcast configuration: TCP/IP discovery only (multicast and auto-detection off), bound
 * to the configured address (loopback by default), no phone-home, and quick failure detection.
 */
final class HazelcastSetup {
    private HazelcastSetup() {}

    static Config config(ClusterConfig cluster) {
        Config cfg = new Config();
        cfg.setClusterName(cluster.name());
        cfg.setProperty("hazelcast.phone.home.enabled", "false");
        cfg.setProperty("hazelcast.socket.bind.any", "false");
        cfg.setProperty("hazelcast.wait.seconds.before.join", "0");
        // A hung peer black-holes half the traffic until it is evicted: 60 s by default is far too long.
        cfg.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        cfg.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        cfg.setProperty("hazelcast.logging.type", "slf4j");
        // The node's own shutdown hook leaves the cluster through Vert.x; a second hook stopping Hazelcast
        // underneath it would turn a clean stop into a failed one.
        cfg.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig net = cfg.getNetworkConfig();
        net.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(20);
        net.getInterfaces().setEnabled(true).addInterface(cluster.host());
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
        for (String member : cluster.members()) {
            join.getTcpIpConfig().addMember(member);
        }
        // The maps Vert.x keeps its subscriptions and HA info in, as in its bundled default-cluster.xml.
        cfg.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
                .setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        cfg.getMapConfig("__vertx.haInfo").setBackupCount(1);
        cfg.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
        return cfg;
    }
}
