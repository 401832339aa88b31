package io.candlebus.launcher;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The bench's clock: the venue time of the message the feed handles, set on the feed's event loop just before each
 * frame (and stepped forward before the stream starts). A node's clock stays close to the trade times it reads; the
 * bench replays a day of trade time in seconds, so a wall clock would make every candle late or every trade early.
 */
final class BenchClock extends Clock {
    private volatile long now;

    BenchClock(long start) {
        this.now = start;
    }

    void set(long millis) {
        now = millis;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("bench clock: expected zone UTC, was " + zone);
    }
}
