package io.candlebus.launcher;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one bench run measured.
 *
 * @param messages messages injected (every one was handled before the run ended)
 * @param elapsedNanos from the first injection to the band of the last message of every market
 * @param cpuNanos CPU time the whole process used meanwhile (all threads), or negative if unknown
 * @param jitMillis the JIT's compilation time during the measured run (-1: unknown)
 * @param latency nanoseconds from the injection of the newest message a band's candle holds to the band, one value
 *     per band traced to a message
 * @param liveLatency the same for live bands only (the newest message the live candle holds)
 * @param closedLatency the same for closed bands only (the message that closed the candle)
 * @param liveBands bands of live candles traced to a message
 * @param closedBands bands of closed candles traced to a message
 * @param badInput messages the feed counted as bad input
 * @param historyBands bands of candles holding no message of the stream (REST history, minutes without trades)
 * @param untraced bands whose candle holds trades the bench cannot match to its messages (0 when all went well)
 * @param eventLoops the Vert.x event-loop pool size
 * @param shards candle shards
 * @param feedConnections the feed verticles (connections) the codes were spread over
 * @param markets markets in the stream
 * @param rssBytes resident set at the end of the stream, -1 if unknown
 * @param peakRssBytes peak resident set of the process, -1 if unknown
 * @param busy the share of the measured run each event loop spent on its CPU, then the driver's (the thread handing
 *     the messages over)
 * @param placement for each feed part, the candle shard whose event loop it ran on (-1: none)
 */
record BenchResult(
        long messages,
        long elapsedNanos,
        long cpuNanos,
        long jitMillis,
        Histogram latency,
        Histogram liveLatency,
        Histogram closedLatency,
        long liveBands,
        long closedBands,
        long badInput,
        long historyBands,
        long untraced,
        int eventLoops,
        int shards,
        int feedConnections,
        int markets,
        long rssBytes,
        long peakRssBytes,
        List<Double> busy,
        Map<String, Integer> placement) {

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

    /** Returns the latency of live and of closed bands apart, one line. */
    String split() {
        return String.format(
                Locale.ROOT,
                "live_bands=%d live_p50_us=%.1f live_p99_us=%.1f closed_bands=%d closed_p50_us=%.1f closed_p99_us=%.1f",
                liveBands,
                liveLatency.getValueAtPercentile(50) / 1000.0,
                liveLatency.getValueAtPercentile(99) / 1000.0,
                closedBands,
                closedLatency.getValueAtPercentile(50) / 1000.0,
                closedLatency.getValueAtPercentile(99) / 1000.0);
    }

    private double micros(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1000.0;
    }
}
