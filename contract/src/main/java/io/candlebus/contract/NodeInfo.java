package io.candlebus.contract;

import java.util.List;

/**
 * A node's announcement, published every second by every node whatever its roles, so any HTTP node can list
 * the whole cluster: the node's name, its roles, the candlebus version it runs, its process id, when it started
 * and when this was sent (both by the node's own wall clock, so {@code time - startTime} is its uptime whatever
 * the receiver's clock says). A node that stops announcing itself has stopped or is cut off.
 */
public record NodeInfo(String node, List<String> roles, String version, long pid, long startTime, long time) {

    public NodeInfo {
        Checks.text(node, "nodeInfo.node");
        roles = List.copyOf(Checks.present(roles, "nodeInfo.roles"));
        Checks.text(version, "nodeInfo.version");
        Checks.nonNegative(pid, "nodeInfo.pid");
        Checks.nonNegative(startTime, "nodeInfo.startTime");
        if (time < startTime) {
            throw new IllegalArgumentException(
                    "nodeInfo.time: expected at or after startTime " + startTime + ", was " + time);
        }
    }

    /** Returns how long the node has run when it sent this, by its own clock. */
    public long uptimeMillis() {
        return time - startTime;
    }
}
