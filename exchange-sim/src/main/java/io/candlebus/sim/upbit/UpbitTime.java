package io.candlebus.sim.upbit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Converts between epoch milliseconds and Upbit's time texts. Unlike Bithumb, Upbit reads a {@code to}
 * without a zone as UTC and accepts ISO 8601 with {@code Z} or an offset ({@code +09:00}); its trade dates
 * and times and its day boundary are UTC.
 */
final class UpbitTime {
    static final ZoneOffset KST = ZoneOffset.ofHours(9);
    static final long DAY_MILLIS = 86_400_000L;

    private static final Pattern NAIVE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern ZONED =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter DASHED_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter COLON_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private UpbitTime() {}

    /**
     * Parses a {@code to} value to epoch ms: {@code yyyy-MM-ddTHH:mm:ssZ}, with an offset such as
     * {@code +09:00}, or without a zone ({@code yyyy-MM-dd HH:mm:ss}, read as UTC); anything else throws an
     * IllegalArgumentException naming the field.
     */
    static long parseTo(String text) {
        try {
            if (text != null && ZONED.matcher(text).matches()) {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
            if (text != null && NAIVE.matcher(text).matches()) {
                return LocalDateTime.parse(text.replace(' ', 'T'), ISO_SECONDS)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("to: expected a valid date and time, was '" + text + "'", e);
        }
        String hint = text != null && text.matches(".*\\d \\d{2}:\\d{2}$") ? " (a '+' offset must be sent as %2B)" : "";
        throw new IllegalArgumentException("to: expected ISO 8601 'yyyy-MM-ddTHH:mm:ssZ', an offset such as"
                + " '+09:00', or 'yyyy-MM-dd HH:mm:ss' in UTC, was '" + text + "'" + hint);
    }

    /** Returns the start of the UTC-aligned bucket of {@code lengthMillis} containing {@code epochMillis}. */
    static long bucketStart(long epochMillis, long lengthMillis) {
        return Math.floorDiv(epochMillis, lengthMillis) * lengthMillis;
    }

    /** Returns the start of the UTC day containing {@code epochMillis}: Upbit's day starts at 09:00 KST. */
    static long utcDayStart(long epochMillis) {
        return bucketStart(epochMillis, DAY_MILLIS);
    }

    static String utcIso(long epochMillis) {
        return ISO_SECONDS.format(local(epochMillis, ZoneOffset.UTC));
    }

    static String kstIso(long epochMillis) {
        return ISO_SECONDS.format(local(epochMillis, KST));
    }

    static String utcDate(long epochMillis) {
        return DASHED_DATE.format(local(epochMillis, ZoneOffset.UTC));
    }

    static String utcTime(long epochMillis) {
        return COLON_TIME.format(local(epochMillis, ZoneOffset.UTC));
    }

    private static LocalDateTime local(long epochMillis, ZoneOffset zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }
}
