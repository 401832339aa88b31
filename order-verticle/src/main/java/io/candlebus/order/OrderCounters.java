package io.candlebus.order;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the order verticle counts for its heartbeat, in a stable order (every counter present from the start,
 * at 0), and when it last handled a signal or a submit.
 */
final class OrderCounters {
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private long lastEventTime;

    /** Creates the counters {@code names}, each at 0. */
    OrderCounters(String... names) {
        for (String name : names) {
            counters.put(name, 0L);
        }
    }

    /** Counts one more {@code name}, an incoming signal or submit handled at {@code now}. */
    void touch(String name, long now) {
        count(name);
        lastEventTime = now;
    }

    /** Counts one more {@code name}. */
    void count(String name) {
        counters.merge(name, 1L, Long::sum);
    }

    /** Sets the gauge {@code name} to {@code value}. */
    void set(String name, long value) {
        counters.put(name, value);
    }

    /** Returns the counters as they are now (a copy). */
    Map<String, Long> snapshot() {
        return new LinkedHashMap<>(counters);
    }

    /** Returns when a signal or submit was last handled (epoch ms), 0 if never. */
    long lastEventTime() {
        return lastEventTime;
    }
}
