package io.candlebus.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Runs simulated time: {@code startTime + (nanoTime - startNanos) * speed}. Speed 1 is real time; tests
 * run the market faster (speed 300 plays an hour in 12 s).
 */
public final class SimClock extends Clock {
    private final long startMillis;
    private final long startNanos;
    private final double speed;
    private final ZoneId zone;

    /** Starts a clock now at {@code startMillis} (epoch ms) running {@code speed} times real time. */
    public SimClock(long startMillis, double speed) {
        this(startMillis, System.nanoTime(), speed, ZoneOffset.UTC);
    }

    private SimClock(long startMillis, long startNanos, double speed, ZoneId zone) {
        if (!(speed > 0 && Double.isFinite(speed))) {
            throw new IllegalArgumentException("simClock.speed: expected a finite number > 0, was " + speed);
        }
        this.startMillis = startMillis;
        this.startNanos = startNanos;
        this.speed = speed;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public long millis() {
        long elapsedNanos = System.nanoTime() - startNanos;
        return startMillis + (long) Math.floor(elapsedNanos * speed / 1_000_000.0);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new SimClock(startMillis, startNanos, speed, newZone);
    }

    /** Returns how many times faster than real time the clock runs. */
    public double speed() {
        return speed;
    }

    /** Returns the sim time (epoch ms) at which the clock started. */
    public long startMillis() {
        return startMillis;
    }

    /** Returns the real milliseconds (at least 1) that pass while {@code simMillis} pass on this clock. */
    public long toRealMillis(long simMillis) {
        return Math.max(1L, (long) Math.ceil(simMillis / speed));
    }

    /** Returns the sim milliseconds that pass while {@code realMillis} pass in real time. */
    public long toSimMillis(long realMillis) {
        return (long) Math.floor(realMillis * speed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimClock c
                && c.startMillis == startMillis
                && c.startNanos == startNanos
                && c.speed == speed
                && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(startMillis, startNanos, speed, zone);
    }

    @Override
    public String toString() {
        return "SimClock[start=" + Instant.ofEpochMilli(startMillis) + ", speed=" + speed + ", zone=" + zone + "]";
    }
}
