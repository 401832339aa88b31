package io.candlebus.recorder;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names a part file: {@code part-<firstOpenTime>-<lastOpenTime>-<count>-<writerId>-<sequence>.parquet}.
 * Open times are epoch milliseconds, {@code writerId} is random per recorder instance and {@code sequence}
 * counts that instance's files, so names never collide across instances and restarts, and sort by first open
 * time. When {@code count} equals the number of candles from first to last, the file holds exactly that run
 * and the de-duplication index is rebuilt from the name alone.
 */
record PartFileName(long firstOpenTime, long lastOpenTime, long count, String writerId, long sequence) {

    private static final Pattern NAME =
            Pattern.compile("part-(-?\\d+)-(-?\\d+)-(\\d+)-([0-9a-f]{1,32})-(\\d+)\\.parquet");
    private static final Pattern WRITER_ID = Pattern.compile("[0-9a-f]{1,32}");

    PartFileName {
        if (lastOpenTime < firstOpenTime) {
            throw new IllegalArgumentException(
                    "part file: expected first <= last open time, was " + firstOpenTime + " > " + lastOpenTime);
        }
        if (count < 1) {
            throw new IllegalArgumentException("part file: expected count >= 1, was " + count);
        }
        if (!WRITER_ID.matcher(writerId).matches()) {
            throw new IllegalArgumentException(
                    "part file: expected a writer id of 1 to 32 lower-case hex digits, was '" + writerId + "'");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("part file: expected sequence >= 0, was " + sequence);
        }
    }

    /** Parses a file name, empty for names this recorder did not write. */
    static Optional<PartFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PartFileName(
                    Long.parseLong(m.group(1)),
                    Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)),
                    m.group(4),
                    Long.parseLong(m.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Returns whether the file holds every open time from first to last, {@code step} apart. */
    boolean isContiguous(long step) {
        return Math.floorMod(lastOpenTime - firstOpenTime, step) == 0
                && (lastOpenTime - firstOpenTime) / step + 1 == count;
    }

    String fileName() {
        return "part-" + firstOpenTime + "-" + lastOpenTime + "-" + count + "-" + writerId + "-"
                + String.format(Locale.ROOT, "%06d", sequence) + ".parquet";
    }

    /** Returns the hidden name the file is written under before it is renamed into place. */
    String tempFileName() {
        return "." + fileName() + ".tmp";
    }

    @Override
    public String toString() {
        return fileName();
    }
}
