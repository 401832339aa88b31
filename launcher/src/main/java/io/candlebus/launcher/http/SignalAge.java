package io.candlebus.launcher.http;

import io.candlebus.contract.Signal;

/**
 * Tells a live signal from a historical one the way the order component does: a signal whose candle
 * closed more than {@code order.maxSignalAgeMillis} before it was raised is not traded. Such signals
 * come from the warm-up history replayed at start-up or from a gap fill; the dashboard keeps them apart.
 * The signal's own time (the strategy's clock when it raised it) is used, so any node judges it alike,
 * whatever its own clock (an accelerated simulator clock included).
 */
public final class SignalAge {
    private SignalAge() {}

    /** Returns how long after its candle closed the signal was raised, in milliseconds. */
    public static long closedAgo(Signal signal) {
        return signal.time() - (signal.openTime() + signal.interval().millis());
    }

    /** Returns whether the order component would have ignored this signal as too old to trade. */
    public static boolean historical(Signal signal, long maxSignalAgeMillis) {
        return closedAgo(signal) > maxSignalAgeMillis;
    }
}
