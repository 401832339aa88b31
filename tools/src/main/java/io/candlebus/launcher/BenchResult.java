package io.candlebus.launcher;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one bench run measured.
 *
 * @param messages messages injected (every one was handled before the run ended)
 * @param elapsedNanos from the first injection to the last message handled
 * @param cpuNanos CPU time the whole process used meanwhile (all threads), or negative if unknown
 * @param latency nanoseconds from injection to live band, one value per live band
 * @param liveBands live bands computed
 * @param closedBands bands computed from closed candles
 * @param badInput messages the parser rejected
 */
record BenchResult(
        long messages,
        long elapsedNanos,
        long cpuNanos,
        Histogram latency,
        long liveBands,
        long closedBands,
        long badInput) {

    /** Returns the one line the command prints. */
    String line() {
        double perSecond = messages * 1e9 / Math.max(1, elapsedNanos);
        return String.format(
                Locale.ROOT,
                "messages=%d msgs_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f",
                messages,
                perSecond,
                micros(50),
                micros(99),
                micros(99.9));
    }

    /** Returns messages per CPU second of the whole process, or 0 if the CPU time is unknown. */
    double perCpuSecond() {
        return cpuNanos > 0 ? messages * 1e9 / cpuNanos : 0;
    }

    private double micros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
