package io.candlebus.sim.market;

import io.candlebus.sim.SimClock;

/**
 * Turns sim-time periods into real timer periods, never shorter than a floor: at speed 300 a 250 ms
 * sim cadence would otherwise be a sub-millisecond timer.
 */
public final class Pacing {
    private final SimClock clock;
    private final long minRealMillis;

    /** Creates pacing for {@code clock} with real periods of at least {@code minRealMillis}. */
    public Pacing(SimClock clock, long minRealMillis) {
        this.clock = clock;
        this.minRealMillis = minRealMillis;
    }

    /** Returns the real timer period for a sim period of {@code simMillis}. */
    public long realPeriod(long simMillis) {
        return Math.max(minRealMillis, clock.toRealMillis(simMillis));
    }

    /** Returns the smallest real timer period. */
    public long minRealMillis() {
        return minRealMillis;
    }

    /**
     * Returns a sim-time deadline that is never shorter than {@code realFloorMillis} of real time: at
     * speed 300 Binance's one-minute pong deadline is 200 ms real, which a busy test machine misses
     * for reasons that have nothing to do with the client under test.
     */
    public long tolerantDeadline(long simMillis, long realFloorMillis) {
        return Math.max(simMillis, clock.toSimMillis(realFloorMillis));
    }

    /** Returns the sim time that passes during the smallest real timer period. */
    public long minSimMillis() {
        return clock.toSimMillis(minRealMillis);
    }
}
