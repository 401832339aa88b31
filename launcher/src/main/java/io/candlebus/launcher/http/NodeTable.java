package io.candlebus.launcher.http;

import io.candlebus.contract.NodeInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The nodes of the cluster as {@code /status} lists them: each node's last announcement ({@link NodeInfo} on
 * {@code status.nodes}) and the components its heartbeats report. A node is heard from by either; it is {@code
 * live} while heard from within {@link ReadinessLimits#STALE_AFTER_MILLIS}, {@code stale} after that, and {@code
 * gone} once the cluster reported it left or it has been silent past {@code goneAfterMillis}; it is forgotten
 * {@link ReadinessLimits#GONE_SHOWN_MILLIS} later. A node that sends heartbeats but no announcement (an older
 * build, a test publishing heartbeats by hand) is listed with {@code roles} null.
 */
final class NodeTable {
    private record Seen(NodeInfo info, long receivedAt) {}

    private final ReadinessLimits limits;
    private final Map<String, Seen> announced = new TreeMap<>();

    NodeTable(ReadinessLimits limits) {
        this.limits = limits;
    }

    /** Records an announcement received at {@code now} (local wall-clock millis). */
    void onNodeInfo(NodeInfo info, long now) {
        announced.put(info.node(), new Seen(info, now));
    }

    /** Forgets nodes silent for longer than a gone node is shown. */
    void forgetGone(long now) {
        long forgetAfter = limits.goneAfterMillis() + ReadinessLimits.GONE_SHOWN_MILLIS;
        announced.values().removeIf(seen -> now - seen.receivedAt() > forgetAfter);
    }

    /** Returns the nodes that announced themselves and are not forgotten. */
    Set<String> names() {
        return announced.keySet();
    }

    /**
     * Renders one entry per node, by name: {@code node}, {@code state}, {@code silentMillis}, {@code roles},
     * {@code version}, {@code pid}, {@code startTime}, {@code uptimeMillis} (by the node's own clock, at its last
     * announcement) and {@code components} (component name to its state as {@code /status} shows it).
     *
     * @param heartbeats the latest heartbeat of every component known
     * @param componentState a component's state as shown at {@code now}
     * @param leftAt when the cluster reported each node gone
     */
    JsonArray toJson(
            Collection<SeenHeartbeat> heartbeats,
            Function<SeenHeartbeat, String> componentState,
            Map<String, Long> leftAt,
            long now) {
        Map<String, Long> lastHeard = new TreeMap<>();
        Map<String, JsonObject> components = new TreeMap<>();
        announced.forEach((node, seen) -> lastHeard.put(node, seen.receivedAt()));
        for (SeenHeartbeat seen : heartbeats) {
            String node = seen.hb().node();
            lastHeard.merge(node, seen.receivedAt(), Math::max);
            components
                    .computeIfAbsent(node, k -> new JsonObject())
                    .put(seen.hb().component(), componentState.apply(seen));
        }
        JsonArray out = new JsonArray();
        lastHeard.forEach((node, heardAt) -> {
            long silent = now - heardAt;
            Long left = leftAt.get(node);
            String state = (left != null && heardAt <= left) || silent > limits.goneAfterMillis()
                    ? "gone"
                    : silent > ReadinessLimits.STALE_AFTER_MILLIS ? "stale" : "live";
            Seen seen = announced.get(node);
            JsonObject entry =
                    new JsonObject().put("node", node).put("state", state).put("silentMillis", silent);
            if (seen == null) {
                entry.putNull("roles");
            } else {
                NodeInfo info = seen.info();
                entry.put("roles", new JsonArray(info.roles()))
                        .put("version", info.version())
                        .put("pid", info.pid())
                        .put("startTime", info.startTime())
                        .put("uptimeMillis", info.uptimeMillis());
            }
            out.add(entry.put("components", components.getOrDefault(node, new JsonObject())));
        });
        return out;
    }
}
