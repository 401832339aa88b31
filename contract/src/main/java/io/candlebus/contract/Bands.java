package io.candlebus.contract;

/**
 * Bollinger bands of an instrument and interval at one candle. {@code closed} is true when they were
 * computed from closed candles only, false for the live value including the candle in progress.
 * {@code percentB} is (close - lower) / (upper - lower) and {@code bandwidth} (upper - lower) / middle;
 * both are NaN-free: a zero-width band gives percentB 0.5 and bandwidth 0.
 */
public record Bands(
        Instrument instrument,
        Interval interval,
        long openTime,
        int period,
        double k,
        double close,
        double middle,
        double upper,
        double lower,
        double percentB,
        double bandwidth,
        boolean closed) {

    public Bands {
        Checks.present(instrument, "bands.instrument");
        Checks.present(interval, "bands.interval");
        if (period < 2) {
            throw new IllegalArgumentException("bands.period: expected >= 2, was " + period);
        }
        Checks.finite(k, "bands.k");
        Checks.finite(close, "bands.close");
        Checks.finite(middle, "bands.middle");
        Checks.finite(upper, "bands.upper");
        Checks.finite(lower, "bands.lower");
        Checks.finite(percentB, "bands.percentB");
        Checks.finite(bandwidth, "bands.bandwidth");
        if (upper < lower) {
            throw new IllegalArgumentException(
                    "bands: expected upper >= lower, was upper=" + upper + ", lower=" + lower);
        }
    }
}
