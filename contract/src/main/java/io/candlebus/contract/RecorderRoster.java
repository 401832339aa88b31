package io.candlebus.contract;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The live recorders one node knows of, from their {@link RecorderPresence} announcements: a recorder is live
 * from its first {@code live} announcement until it announces {@code leaving}, is {@link #remove removed}
 * (its address has no handler any more) or has not announced itself for {@code expiryMillis}. Times are the
 * caller's monotonic milliseconds, never a (possibly simulated) candle clock. Not thread-safe: one owner.
 */
public final class RecorderRoster {
    /**
     * Five missed announcements, as long as the cluster waits for a silent member's heartbeat: a busy JVM is not
     * taken for dead, and a dead one's streams move within seconds (sooner when its address is gone).
     */
    public static final long DEFAULT_EXPIRY_MILLIS = 5_000;

    private final long expiryMillis;
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, RecorderPresence> latest = new HashMap<>();
    private SortedSet<String> live = Collections.emptySortedSet();

    public RecorderRoster(long expiryMillis) {
        if (expiryMillis <= 0) {
            throw new IllegalArgumentException("expiryMillis: expected > 0, was " + expiryMillis);
        }
        this.expiryMillis = expiryMillis;
    }

    /** Takes an announcement heard at {@code now}; returns whether the live set changed. */
    public boolean onPresence(RecorderPresence presence, long now) {
        if (!presence.live()) {
            return remove(presence.recorder());
        }
        latest.put(presence.recorder(), presence);
        boolean added = lastSeen.put(presence.recorder(), now) == null;
        if (added) {
            rebuild();
        }
        return added;
    }

    /** Forgets {@code recorder} until it announces itself again; returns whether the live set changed. */
    public boolean remove(String recorder) {
        boolean removed = lastSeen.remove(recorder) != null;
        if (removed) {
            rebuild();
        }
        return removed;
    }

    /** Drops recorders silent for the expiry time at {@code now}; returns whether the live set changed. */
    public boolean expire(long now) {
        boolean changed = lastSeen.values().removeIf(seen -> now - seen > expiryMillis);
        if (changed) {
            rebuild();
        }
        return changed;
    }

    /** Returns the live recorders, sorted. */
    public SortedSet<String> live() {
        return live;
    }

    /** Returns the last announcement of every live recorder. */
    public Map<String, RecorderPresence> presences() {
        return Collections.unmodifiableMap(latest);
    }

    private void rebuild() {
        latest.keySet().retainAll(lastSeen.keySet());
        live = Collections.unmodifiableSortedSet(new TreeSet<>(lastSeen.keySet()));
    }
}
