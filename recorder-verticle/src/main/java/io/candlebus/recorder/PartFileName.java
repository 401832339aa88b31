package io.candlebus.recorder;

import java.util.Locale;
import java.util.Optional;

/**
 * Names a part file: {@code part-<firstOpenTime>-<lastOpenTime>-<count>-<writerId>-<sequence>.parquet}.
 * Open times are epoch milliseconds, {@code writerId} is random per recorder instance and {@code sequence}
 * counts that instance's files, so names never collide across instances and restarts, and sort by first open
 * time. When {@code count} equals the number of candles from first to last, the file holds exactly that run
 * and the de-duplication index is rebuilt from the name alone.
 */
record PartFileName(long firstOpenTime, long lastOpenTime, long count, String writerId, long sequence) {

    private static final String PREFIX = "part-";
    private static final String SUFFIX = ".parquet";
    private static final int MAX_WRITER_ID = 32;

    PartFileName {
        if (lastOpenTime < firstOpenTime) {
            throw new IllegalArgumentException(
                    "part file: expected first <= last open time, was " + firstOpenTime + " > " + lastOpenTime);
        }
        if (count < 1) {
            throw new IllegalArgumentException("part file: expected count >= 1, was " + count);
        }
        if (!isWriterId(writerId, 0, writerId.length())) {
            throw new IllegalArgumentException(
                    "part file: expected a writer id of 1 to 32 lower-case hex digits, was '" + writerId + "'");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("part file: expected sequence >= 0, was " + sequence);
        }
    }

    /**
     * Parses a file name, empty for names this recorder did not write. Hand-written rather than a regular
     * expression: every refresh of a partition's index parses every name in its directory.
     */
    static Optional<PartFileName> parse(String fileName) {
        if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        int end = fileName.length() - SUFFIX.length();
        int[] at = {PREFIX.length()};
        try {
            long first = number(fileName, at, end, true);
            long last = number(fileName, at, end, true);
            long count = number(fileName, at, end, false);
            int idStart = at[0];
            int idEnd = fileName.indexOf('-', idStart);
            if (idEnd < 0 || idEnd >= end || !isWriterId(fileName, idStart, idEnd)) {
                return Optional.empty();
            }
            at[0] = idEnd + 1;
            long sequence = number(fileName, at, end, false);
            if (at[0] != end + 1) {
                return Optional.empty();
            }
            return Optional.of(new PartFileName(first, last, count, fileName.substring(idStart, idEnd), sequence));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads {@code -?digits} (or just digits) at {@code at[0]} up to the next {@code '-'} or {@code end},
     * and moves {@code at[0]} past that separator; throws if there is no number there or it overflows.
     */
    private static long number(String s, int[] at, int end, boolean signed) {
        int start = at[0];
        int i = start;
        if (signed && i < end && s.charAt(i) == '-') {
            i++;
        }
        int digits = i;
        while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == digits || (i < end && s.charAt(i) != '-')) {
            throw new NumberFormatException("expected a number at " + start + " of " + s);
        }
        at[0] = i + 1;
        return Long.parseLong(s, start, i, 10);
    }

    private static boolean isWriterId(CharSequence s, int start, int end) {
        if (end <= start || end - start > MAX_WRITER_ID) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
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
