package io.candlebus.launcher.http;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Decides which connection to close when too many are open. A connection is idle from its opening until its
 * first request's headers arrive and again after each response; over the maximum, the oldest idle one is
 * closed, so clients that open connections and send nothing cannot lock out a fresh health check. Connections
 * with a request in progress are never chosen. Not thread-safe: one event loop owns it.
 *
 * @param <C> the connection type
 */
final class ConnectionLimit<C> {
    private final int max;
    private final Set<C> open = new HashSet<>();
    // Insertion order is age order: the head is the connection idle the longest.
    private final LinkedHashSet<C> idle = new LinkedHashSet<>();

    ConnectionLimit(int max) {
        this.max = max;
    }

    /**
     * Admits {@code connection} (idle) and returns the connection to close because the maximum is exceeded
     * (the oldest idle one, or {@code connection} itself if every other one is busy), or null.
     */
    C admit(C connection) {
        C victim = null;
        if (open.size() >= max) {
            Iterator<C> oldest = idle.iterator();
            victim = oldest.hasNext() ? oldest.next() : connection;
        }
        open.add(connection);
        idle.add(connection);
        if (victim != null) {
            closed(victim);
        }
        return victim;
    }

    /** Marks {@code connection} as handling a request. */
    void busy(C connection) {
        idle.remove(connection);
    }

    /** Marks {@code connection} as waiting for its next request (it goes to the young end). */
    void idle(C connection) {
        if (open.contains(connection)) {
            idle.remove(connection);
            idle.add(connection);
        }
    }

    /** Forgets {@code connection}; calling it twice is harmless. */
    void closed(C connection) {
        open.remove(connection);
        idle.remove(connection);
    }

    /** Returns whether {@code connection} is counted as open. */
    boolean isOpen(C connection) {
        return open.contains(connection);
    }

    int open() {
        return open.size();
    }

    int max() {
        return max;
    }
}
