package io.candlebus.order.binance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Binance's server time as this node sees it: the local clock plus an offset measured against the venue's
 * {@code serverTime}. Binance refuses a signed request whose {@code timestamp} is more than {@code recvWindow}
 * behind its own clock, or more than 1 s ahead (-1021), so the order client stamps requests with this clock.
 *
 * <p>A measurement bounds the offset: the server read its clock somewhere in the round trip, so the offset
 * lies between {@code serverTime - receivedAt} and {@code serverTime - sentAt}. An offset in force within
 * those bounds is kept (a slow round trip, common against a loaded simulator whose clock runs hundreds of
 * times faster, must not move a correct clock); one outside them moves to the lower bound, which never puts
 * the clock ahead of the server's and at most one round trip behind it. Thread-safe.
 */
public final class BinanceServerTime extends Clock {
    private final Clock local;
    private volatile long offsetMillis;
    private volatile long roundTripMillis = -1;

    /** Creates a clock over {@code local} with no offset until a measurement comes in. */
    public BinanceServerTime(Clock local) {
        this.local = Objects.requireNonNull(local, "local");
    }

    /**
     * Returns the offset (server clock minus local clock) to use after a request sent at local time {@code
     * sentAt} was answered at {@code receivedAt} with {@code serverTime}, {@code current} being the offset in
     * force: {@code current} if the measurement allows it, else the smallest offset it allows.
     */
    public static long offset(long current, long sentAt, long serverTime, long receivedAt) {
        if (receivedAt < sentAt) {
            throw new IllegalArgumentException("receivedAt: expected >= sentAt " + sentAt + ", was " + receivedAt);
        }
        long lowest = serverTime - receivedAt;
        long highest = serverTime - sentAt;
        return current >= lowest && current <= highest ? current : lowest;
    }

    /** Adopts what one measurement says (see {@link #offset}). */
    public synchronized void measured(long sentAt, long serverTime, long receivedAt) {
        offsetMillis = offset(offsetMillis, sentAt, serverTime, receivedAt);
        roundTripMillis = receivedAt - sentAt;
    }

    /** Returns the offset in force: server minus local clock, in ms (0 before any measurement). */
    public long offsetMillis() {
        return offsetMillis;
    }

    /** Returns the round trip of the last measurement in ms, or -1 before any. */
    public long roundTripMillis() {
        return roundTripMillis;
    }

    /** Returns the local clock this one corrects. */
    public Clock local() {
        return local;
    }

    @Override
    public long millis() {
        return local.millis() + offsetMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return local.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("zone: Binance's server time has only the local clock's zone");
    }
}
