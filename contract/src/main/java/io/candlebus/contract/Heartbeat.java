package io.candlebus.contract;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's status, published every second: which node, which component, its state (for
 * example {@code live}, {@code connecting}, {@code backing-off}), its counters and the time of the
 * last event it handled (0 if none yet). Market feeds add the status of each stream they follow.
 */
public record Heartbeat(
        String node,
        String component,
        String state,
        Map<String, Long> counters,
        long lastEventTime,
        long time,
        List<StreamStatus> streams) {

    public Heartbeat {
        Checks.text(node, "heartbeat.node");
        Checks.text(component, "heartbeat.component");
        Checks.text(state, "heartbeat.state");
        counters = Map.copyOf(new TreeMap<>(Checks.present(counters, "heartbeat.counters")));
        streams = List.copyOf(Checks.present(streams, "heartbeat.streams"));
    }

    /** A heartbeat of a component that follows no streams. */
    public Heartbeat(
            String node, String component, String state, Map<String, Long> counters, long lastEventTime, long time) {
        this(node, component, state, counters, lastEventTime, time, List.of());
    }
}
