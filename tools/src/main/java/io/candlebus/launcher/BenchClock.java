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

    /**
     * Moves the clock to {@code millis} unless it is there or past it already: each feed part's loop advances it with
     * the trade time of the batch it is about to handle. The check and the write are not atomic; two loops racing may
     * leave it behind by the smaller of their two batches' times until the next batch, which a node's clock, read
     * from another thread than the one advancing it, may be too.
     */
    void advance(long millis) {
        if (millis > now) {
            now = millis;
        }
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
