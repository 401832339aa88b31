package io.candlebus.sim.binance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Holds the streams one Binance connection is subscribed to and whether its events are wrapped. */
final class StreamSubscriptions {
    private final Set<String> streams = new LinkedHashSet<>();
    private final int maxStreams;
    private boolean combined;

    StreamSubscriptions(boolean combined, List<String> initial, int maxStreams) {
        this.combined = combined;
        this.maxStreams = maxStreams;
        streams.addAll(initial);
    }

    /** Returns how many streams the connection may carry (Binance: 1024). */
    int maxStreams() {
        return maxStreams;
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
        if (after.size() > maxStreams) {
            return false;
        }
        streams.addAll(names);
        return true;
    }

    /** Returns how many streams the connection would carry after adding {@code names}. */
    int countWith(List<String> names) {
        Set<String> after = new LinkedHashSet<>(streams);
        after.addAll(names);
        return after.size();
    }

    void remove(List<String> names) {
        names.forEach(streams::remove);
    }
}
