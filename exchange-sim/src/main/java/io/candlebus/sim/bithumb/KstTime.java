package io.candlebus.sim.bithumb;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Converts between epoch milliseconds and Bithumb's time texts: the naive KST {@code to} parameter
 * (offsets and {@code Z} refused) and the UTC/KST date and time fields of candles, trades and tickers.
 */
final class KstTime {
    static final ZoneOffset KST = ZoneOffset.ofHours(9);
    static final long KST_OFFSET_MILLIS = 9 * 3_600_000L;
    static final long DAY_MILLIS = 86_400_000L;

    private static final Pattern TO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter DASHED_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter COLON_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter COMPACT_TIME = DateTimeFormatter.ofPattern("HHmmss");

    private KstTime() {}

    /**
     * Parses a {@code to} value, {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss} in KST, to epoch
     * ms; anything else, including an offset or {@code Z}, throws an IllegalArgumentException.
     */
    static long parseTo(String text) {
        if (text == null || !TO.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "to: expected KST 'yyyy-MM-dd HH:mm:ss' or 'yyyy-MM-ddTHH:mm:ss' without an offset, was '" + text
                            + "'");
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text.replace(' ', 'T'), ISO_SECONDS);
            return local.toInstant(KST).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("to: expected a valid date and time, was '" + text + "'", e);
        }
    }

    /** Returns the start (epoch ms) of the KST day containing {@code epochMillis}. */
    static long kstDayStart(long epochMillis) {
        return Math.floorDiv(epochMillis + KST_OFFSET_MILLIS, DAY_MILLIS) * DAY_MILLIS - KST_OFFSET_MILLIS;
    }

    /** Returns the start of the KST-aligned bucket of {@code lengthMillis} containing {@code epochMillis}. */
    static long bucketStart(long epochMillis, long lengthMillis) {
        return Math.floorDiv(epochMillis + KST_OFFSET_MILLIS, lengthMillis) * lengthMillis - KST_OFFSET_MILLIS;
    }

    static String utcIso(long epochMillis) {
        return ISO_SECONDS.format(local(epochMillis, ZoneOffset.UTC));
    }

    static String kstIso(long epochMillis) {
        return ISO_SECONDS.format(local(epochMillis, KST));
    }

    static String kstDashedDate(long epochMillis) {
        return DASHED_DATE.format(local(epochMillis, KST));
    }

    static String kstColonTime(long epochMillis) {
        return COLON_TIME.format(local(epochMillis, KST));
    }

    static String compactDate(long epochMillis, ZoneOffset zone) {
        return COMPACT_DATE.format(local(epochMillis, zone));
    }

    static String compactTime(long epochMillis, ZoneOffset zone) {
        return COMPACT_TIME.format(local(epochMillis, zone));
    }

    private static LocalDateTime local(long epochMillis, ZoneOffset zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone);
    }
}
