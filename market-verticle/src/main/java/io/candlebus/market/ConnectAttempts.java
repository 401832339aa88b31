package io.candlebus.market;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * A venue's cap of connection attempts as a feed's connects take it: an attempt the cap has room for is counted and
 * made at once; one it has not is deferred (counted as such) and the connect runs again once the cap has room, so it
 * checks afresh whether a connection is still wanted. Time is whatever the venue counts in ({@link #inClockTime},
 * {@link #inRealTime}); single-threaded.
 */
public final class ConnectAttempts {
    /** Runs an action once the time the cap counts in, now {@code now}, reaches {@code at}. */
    public interface Wait {
        void until(long now, long at, Runnable action);
    }

    private final SlidingWindowLimiter cap;
    private final LongSupplier time;
    private final Wait wait;
    private final Runnable deferred;

    /**
     * At most {@code limit} attempts in any {@code windowMillis} of {@code time}; {@code wait} defers a connect the
     * cap has no room for, {@code deferred} counts it.
     */
    public ConnectAttempts(int limit, long windowMillis, LongSupplier time, Wait wait, Runnable deferred) {
        this.cap = new SlidingWindowLimiter(limit, windowMillis);
        this.time = time;
        this.wait = wait;
        this.deferred = deferred;
    }

    /**
     * A cap counted in {@code clock}'s time (the venue's: the accelerated simulator clock in tests): a deferred
     * connect runs after {@code pollMillis} of real time, once the clock has reached the cap's next room.
     */
    public static ConnectAttempts inClockTime(
            Vertx vertx, Clock clock, int limit, long windowMillis, long pollMillis, Runnable deferred) {
        return new ConnectAttempts(
                limit,
                windowMillis,
                clock::millis,
                (now, at, action) -> Retry.after(vertx, clock, pollMillis, at, action),
                deferred);
    }

    /** A cap counted in real time (a venue counting per real second whatever the clock says). */
    public static ConnectAttempts inRealTime(Vertx vertx, int limit, long windowMillis, Runnable deferred) {
        return new ConnectAttempts(
                limit,
                windowMillis,
                ConnectAttempts::realMillis,
                (now, at, action) -> vertx.setTimer(Math.max(1, at - now), id -> action.run()),
                deferred);
    }

    /** Takes an attempt if the cap has room now; false (nothing taken, nothing deferred) if not. */
    public boolean tryTake() {
        return cap.tryAcquire(time.getAsLong());
    }

    /**
     * Takes an attempt and returns true if the cap has room now (connect at once); else counts a deferral, runs
     * {@code retry} once the cap has room, and returns false.
     */
    public boolean takeOrRetry(Runnable retry) {
        long now = time.getAsLong();
        if (cap.tryAcquire(now)) {
            return true;
        }
        deferred.run();
        wait.until(now, cap.nextAllowed(now), retry);
        return false;
    }

    private static long realMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
