package io.candlebus.market;

import java.util.ArrayDeque;

/**
 * Allows at most {@code limit} events in any window of {@code windowMillis}, as venues count connection
 * attempts (Binance per 5 minutes, Bithumb 10 per second), incoming messages and the REST requests a
 * status reports per second: an event is allowed when fewer than {@code limit} happened in the
 * window ending now. Time is whatever the caller passes (clock or real milliseconds).
 */
public final class SlidingWindowLimiter {
    private final int limit;
    private final long windowMillis;
    /** Times of the events still inside the window, oldest first. */
    private final ArrayDeque<Long> events = new ArrayDeque<>();

    public SlidingWindowLimiter(int limit, long windowMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException(
                    "limiter: expected limit >= 1 and window >= 1 ms, was limit=" + limit + ", window=" + windowMillis);
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    /** Records an event at {@code now} and returns true if the window has room, else records nothing. */
    public boolean tryAcquire(long now) {
        expire(now);
        if (events.size() >= limit) {
            return false;
        }
        events.addLast(now);
        return true;
    }

    /** Returns the earliest time from {@code now} on at which an event would be allowed. */
    public long nextAllowed(long now) {
        expire(now);
        if (events.size() < limit) {
            return now;
        }
        // The oldest event leaves the window windowMillis after it happened.
        return events.peekFirst() + windowMillis;
    }

    /** Returns how many events are inside the window ending at {@code now}. */
    public int used(long now) {
        expire(now);
        return events.size();
    }

    private void expire(long now) {
        while (!events.isEmpty() && events.peekFirst() <= now - windowMillis) {
            events.pollFirst();
        }
    }
}
