package io.candlebus.order.binance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Binance's server time as this node sees it: the local clock plus the offset last measured against the
 * venue's {@code serverTime}. Binance refuses a signed request whose {@code timestamp} is more than
 * {@code recvWindow} behind its own clock, or more than 1 s ahead (-1021), so the order client stamps requests
 * with this clock. The server read its clock at some moment of the round trip; the offset assumes the last
 * one, so the corrected clock is never ahead of the server's and at most one round trip behind it: well within
 * {@code recvWindow}, where half a round trip ahead could pass the 1 s (a few ms of real time against a fast
 * simulator clock). Thread-safe.
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
     * Returns the server clock minus the local one, measured by a request sent at local time {@code sentAt}
     * and answered at {@code receivedAt} with {@code serverTime}.
     */
    public static long offset(long sentAt, long serverTime, long receivedAt) {
        if (receivedAt < sentAt) {
            throw new IllegalArgumentException("receivedAt: expected >= sentAt " + sentAt + ", was " + receivedAt);
        }
        return serverTime - (sentAt + (receivedAt - sentAt) / 2);
    }

    /** Adopts the offset of one measurement (see {@link #offset}). */
    public void measured(long sentAt, long serverTime, long receivedAt) {
        offsetMillis = offset(sentAt, serverTime, receivedAt);
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
