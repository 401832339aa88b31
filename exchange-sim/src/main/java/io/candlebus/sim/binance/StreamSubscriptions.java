package io.candlebus.sim.binance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Holds the streams one Binance connection is subscribed to and whether its events are wrapped. */
final class StreamSubscriptions {
    /** Binance's cap of streams per connection. */
    static final int MAX_STREAMS = 1024;

    private final Set<String> streams = new LinkedHashSet<>();
    private boolean combined;

    StreamSubscriptions(boolean combined, List<String> initial) {
        this.combined = combined;
        streams.addAll(initial);
    }

    boolean combined() {
        return combined;
    }

    void combined(boolean value) {
        combined = value;
    }

    List<String> list() {
        return new ArrayList<>(streams);
    }

    boolean contains(String stream) {
        return streams.contains(stream);
    }

    /** Adds {@code names}; returns false and adds nothing if the cap would be passed. */
    boolean add(List<String> names) {
        Set<String> after = new LinkedHashSet<>(streams);
        after.addAll(names);
        if (after.size() > MAX_STREAMS) {
            return false;
        }
        streams.addAll(names);
        return true;
    }

    void remove(List<String> names) {
        names.forEach(streams::remove);
    }
}
