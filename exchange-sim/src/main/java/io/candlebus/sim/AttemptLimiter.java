package io.candlebus.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Caps new connections per key (host and client address) within a sliding window of real time, as the
 * venues cap connection attempts per IP. Only admitted attempts count, so a client that backs off gets
 * in again once its old connections leave the window. Not thread-safe: used on the server's event loop.
 */
final class AttemptLimiter {
    private final LongSupplier nanoTime;
    private final Map<String, Deque<Long>> admitted = new HashMap<>();

    AttemptLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Admits an attempt under {@code key} if fewer than {@code max} were admitted in the last {@code windowMillis}. */
    boolean tryAdmit(String key, int max, long windowMillis) {
        long now = nanoTime.getAsLong();
        long windowNanos = windowMillis * 1_000_000L;
        Deque<Long> times = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        if (times.size() >= max) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
