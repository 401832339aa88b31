package io.candlebus.market;

import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * Schedules a retry after a real backoff delay and no earlier than a clock time: a venue's
 * Retry-After counts in the venue's time, which is the clock (the accelerated simulator clock in tests).
 */
public final class Retry {
    private static final long POLL_MILLIS = 20;

    private Retry() {}

    /** Runs {@code action} once {@code realDelayMillis} have passed and the clock reads {@code notBefore}. */
    public static void after(Vertx vertx, Clock clock, long realDelayMillis, long notBefore, Runnable action) {
        vertx.setTimer(Math.max(1, realDelayMillis), id -> whenClockReaches(vertx, clock, notBefore, action));
    }

    private static void whenClockReaches(Vertx vertx, Clock clock, long notBefore, Runnable action) {
        if (clock.millis() >= notBefore) {
            action.run();
        } else {
            vertx.setTimer(
                    Math.max(1, Math.min(POLL_MILLIS, notBefore - clock.millis())),
                    id -> whenClockReaches(vertx, clock, notBefore, action));
        }
    }
}
