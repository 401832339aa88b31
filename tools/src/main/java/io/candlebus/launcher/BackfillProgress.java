package io.candlebus.launcher;

import java.time.Duration;

/**
 * Counts a backfill's rows and renders progress lines: rows done of the total, the rate since the start and
 * the time left at that rate. Done counts both rows handed to the recorder and keys found on disk. Pure:
 * times are passed in (nanoseconds of a monotonic clock).
 */
final class BackfillProgress {
    private final long total;
    private final long startNanos;
    private long done;
    private long fetched;

    BackfillProgress(long total, long startNanos) {
        this.total = total;
        this.startNanos = startNanos;
    }

    /** Counts rows handled without fetching them: on disk before the resume point. */
    void skippedUnfetched(long rows) {
        done += rows;
    }

    /** Counts rows fetched and handled (recorded or found on disk). */
    void fetched(long rows) {
        done += rows;
        fetched += rows;
    }

    long done() {
        return done;
    }

    long fetched() {
        return fetched;
    }

    /** Returns e.g. {@code backfill: 12000/20160 rows (59.5%) 850 rows/s, ETA 9s}. */
    String line(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        double rate = fetched / seconds;
        long left = Math.max(0, total - done);
        String eta = rate <= 0 ? "?" : format(Duration.ofSeconds((long) Math.ceil(left / rate)));
        double percent = total == 0 ? 100 : 100.0 * done / total;
        return String.format(
                java.util.Locale.ROOT,
                "backfill: %d/%d rows (%.1f%%) %.0f rows/s, ETA %s",
                done,
                total,
                percent,
                rate,
                eta);
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }
}
