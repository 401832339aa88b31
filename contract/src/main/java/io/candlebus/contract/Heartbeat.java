package io.candlebus.contract;

import java.util.Map;
import java.util.TreeMap;

/**
 * A component's status, published every second: which node, which component, its state (for
 * example {@code live}, {@code connecting}, {@code backing-off}), its counters and the time of the
 * last event it handled (0 if none yet).
 */
public record Heartbeat(
        String node, String component, String state, Map<String, Long> counters, long lastEventTime, long time) {

    public Heartbeat {
        Checks.text(node, "heartbeat.node");
        Checks.text(component, "heartbeat.component");
        Checks.text(state, "heartbeat.state");
        counters = Map.copyOf(new TreeMap<>(Checks.present(counters, "heartbeat.counters")));
    }
}
