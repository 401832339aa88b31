package io.candlebus.market.bithumb;

import java.util.ArrayDeque;

/**
 * Counts events in a sliding window and allows at most {@code limit} of them in it, as Bithumb counts
 * connection attempts (10 per second per IP) and as status reports REST requests per second. Time is
 * whatever the caller passes.
 */
final class RecentEvents {
    private final int limit;
    private final long windowMillis;
    /** Times of the events still inside the window, oldest first. */
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    RecentEvents(int limit, long windowMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("recentEvents: expected limit >= 1 and window >= 1 ms, was limit="
                    + limit + ", window=" + windowMillis);
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    /** Records an event at {@code now} if the window has room for it; returns whether it had. */
    boolean tryRecord(long now) {
        expire(now);
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** Returns how long from {@code now} until an event would be allowed, 0 if it is now. */
    long waitMillis(long now) {
        expire(now);
        return times.size() < limit ? 0 : times.peekFirst() + windowMillis - now;
    }

    /** Returns the events inside the window ending at {@code now}. */
    int count(long now) {
        expire(now);
        return times.size();
    }

    private void expire(long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
    }
}
