package io.candlebus.recorder;

import java.util.Map;

/** Counts what the recorder did, for its heartbeat. Owned by the verticle's thread. */
final class RecorderStats {
    long received;
    long written;
    long duplicates;
    long files;
    long failures;
    long invalid;
    long refused;
    /** Candles not written because their sender's write-by time had passed. */
    long expired;
    /** Writes in a row that failed, whole or in part; 0 once a write succeeds in full. */
    long failingWrites;
    /** Temporary part files of killed writers removed by age. */
    long staleTempsRemoved;
    /** Days compacted into one file, the parts they replaced, and days or passes that failed. */
    long compactedDays;

    long compactedParts;
    long compactionFailures;

    void add(FlushOutcome outcome) {
        written += outcome.written();
        duplicates += outcome.duplicates();
        files += outcome.files();
        failures += outcome.failures().size();
    }

    /** Returns the heartbeat counters: everything counted plus the candles now waiting in the buffer. */
    Map<String, Long> counters(long buffered) {
        return Map.ofEntries(
                Map.entry("compactedDays", compactedDays),
                Map.entry("compactedParts", compactedParts),
                Map.entry("compactionFailures", compactionFailures),
                Map.entry("staleTempsRemoved", staleTempsRemoved),
                Map.entry("expired", expired),
                Map.entry("received", received),
                Map.entry("written", written),
                Map.entry("duplicates", duplicates),
                Map.entry("files", files),
                Map.entry("failures", failures),
                Map.entry("invalid", invalid),
                Map.entry("refused", refused),
                Map.entry("failingWrites", failingWrites),
                Map.entry("buffered", buffered));
    }
}
