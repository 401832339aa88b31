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
    /** Writes in a row that failed, whole or in part; 0 once a write succeeds in full. */
    long failingWrites;
    /** Temporary part files of killed writers removed by age. */
    long staleTempsRemoved;

    void add(FlushOutcome outcome) {
        written += outcome.written();
        duplicates += outcome.duplicates();
        files += outcome.files();
        failures += outcome.failures().size();
    }

    /** Returns the heartbeat counters: everything counted plus the candles now waiting in the buffer. */
    Map<String, Long> counters(long buffered) {
        return Map.of(
                "staleTempsRemoved", staleTempsRemoved,
                "received", received,
                "written", written,
                "duplicates", duplicates,
                "files", files,
                "failures", failures,
                "invalid", invalid,
                "refused", refused,
                "failingWrites", failingWrites,
                "buffered", buffered);
    }
}
