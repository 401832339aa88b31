package io.candlebus.alerts;

import io.candlebus.contract.Heartbeat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Knows which nodes are present by their heartbeats: a node whose first heartbeat arrives has joined, and a
 * node silent for longer than the bound has left (and joins again when its heartbeats come back). Nodes
 * first heard within one bound of this watch starting were already there: they are the baseline, not news,
 * so restarting the alerts role in a cluster of ten does not send ten "joined" messages. Times are
 * when heartbeats arrived here, by this node's wall clock: a publisher's own clock may be a simulator's.
 * Clustered Vert.x keeps a single {@code NodeListener} on its cluster manager, taken by its HA manager, so
 * heartbeats are the one membership signal a verticle can use.
 */
final class NodeWatch {
    private final long silentMillis;
    private final String self;
    private final long baselineUntil;
    private final Map<String, Presence> nodes = new LinkedHashMap<>();

    private static final class Presence {
        long lastSeen;
        final TreeSet<String> components = new TreeSet<>();
    }

    NodeWatch(long silentMillis, String self, long startedAt) {
        this.silentMillis = silentMillis;
        this.self = self;
        this.baselineUntil = startedAt + silentMillis;
    }

    List<Alert> onHeartbeat(Heartbeat hb, long now) {
        Presence p = nodes.get(hb.node());
        boolean joined = p == null;
        if (joined) {
            p = new Presence();
            nodes.put(hb.node(), p);
        }
        p.lastSeen = now;
        p.components.add(hb.component());
        // This node joining is this verticle starting, not news; nor is a node that was there before it.
        if (!joined || hb.node().equals(self) || now < baselineUntil) {
            return List.of();
        }
        return List.of(
                new Alert(AlertKind.NODE_JOINED, hb.node(), "first heartbeat from " + hb.component(), null, now));
    }

    /** Returns the nodes that have been silent past the bound, forgetting them. */
    List<Alert> expire(long now, List<String> leftNodes) {
        List<Alert> alerts = new ArrayList<>();
        for (Iterator<Map.Entry<String, Presence>> it = nodes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Presence> e = it.next();
            long silent = now - e.getValue().lastSeen;
            if (silent > silentMillis) {
                it.remove();
                leftNodes.add(e.getKey());
                alerts.add(new Alert(
                        AlertKind.NODE_LEFT,
                        e.getKey(),
                        "no heartbeat for " + silent / 1000 + " s (bound " + silentMillis / 1000 + " s); it ran "
                                + String.join(", ", e.getValue().components),
                        null,
                        now));
            }
        }
        return alerts;
    }

    /** Returns how many nodes are present. */
    int present() {
        return nodes.size();
    }
}
