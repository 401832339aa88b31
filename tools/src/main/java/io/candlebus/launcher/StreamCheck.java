package io.candlebus.launcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the dataset check found in one stream (exchange, market, symbol, interval): its extent, rows,
 * repeated keys, missing candles between the first and the last, and files that could not be read.
 *
 * @param stream {@code exchange:market:symbol interval}
 * @param first the earliest open time, or {@code Long.MIN_VALUE} with no row
 * @param last the latest open time, or {@code Long.MIN_VALUE} with no row
 * @param duplicates rows beyond the first of each open time
 * @param holes runs of missing open times, oldest first
 * @param unreadable files whose rows could not be read, each with the reason
 * @param tempFiles hidden {@code .part-*.tmp} files (a writer's unfinished or abandoned work; not data)
 */
record StreamCheck(
        String stream,
        long first,
        long last,
        long rows,
        long duplicates,
        List<Hole> holes,
        int files,
        List<String> unreadable,
        int tempFiles) {

    /** A run of {@code count} missing candles, the first opening at {@code from}, the last at {@code to}. */
    record Hole(long from, long to, long count) {
        @Override
        public String toString() {
            return count == 1
                    ? "hole " + Instant.ofEpochMilli(from)
                    : "hole " + Instant.ofEpochMilli(from) + " .. " + Instant.ofEpochMilli(to) + " (" + count
                            + " candles)";
        }
    }

    /** Returns the missing candles in all holes. */
    long missing() {
        return holes.stream().mapToLong(Hole::count).sum();
    }

    /** Returns whether anything is wrong: a repeated key, a missing candle or an unreadable file. */
    boolean damaged() {
        return duplicates > 0 || !holes.isEmpty() || !unreadable.isEmpty();
    }

    /**
     * Judges one stream from the open times of its readable files ({@code openTimes}, in any order) and
     * the reasons its other files failed.
     */
    static StreamCheck of(
            String stream, long stepMillis, long[] openTimes, int files, List<String> unreadable, int tempFiles) {
        long[] sorted = openTimes.clone();
        Arrays.sort(sorted);
        long duplicates = 0;
        List<Hole> holes = new ArrayList<>();
        for (int i = 1; i < sorted.length; i++) {
            long gap = sorted[i] - sorted[i - 1];
            if (gap == 0) {
                duplicates++;
            } else if (gap > stepMillis) {
                // A gap that is no multiple of the step still misses the candles that fit in it.
                long count = (gap - 1) / stepMillis;
                holes.add(new Hole(sorted[i - 1] + stepMillis, sorted[i - 1] + count * stepMillis, count));
            }
        }
        long first = sorted.length == 0 ? Long.MIN_VALUE : sorted[0];
        long last = sorted.length == 0 ? Long.MIN_VALUE : sorted[sorted.length - 1];
        return new StreamCheck(
                stream,
                first,
                last,
                sorted.length,
                duplicates,
                List.copyOf(holes),
                files,
                List.copyOf(unreadable),
                tempFiles);
    }
}
