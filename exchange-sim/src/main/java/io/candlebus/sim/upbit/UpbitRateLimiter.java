package io.candlebus.sim.upbit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts Upbit's quotation REST requests per rate-limit group and sim second, as the venue does: 10 per
 * second for each of {@code market}, {@code candle}, {@code trade}, {@code ticker} and {@code orderbook}.
 * A request over the limit is refused (HTTP 429); a client that keeps sending after more than
 * {@link #REFUSALS_BEFORE_BAN} refusals within a sim minute is blocked (HTTP 418) for {@link #FIRST_BAN_MILLIS},
 * each further block twice as long up to {@link #MAX_BAN_MILLIS}. The window is the whole sim second, as the
 * venue's {@code sec} field counts what is left "in the current second". Thread-safe: the routes use it on
 * the simulator's event loop, the fault API from any thread.
 */
public final class UpbitRateLimiter {
    /** Requests per second of every quotation group, as Upbit publishes them. */
    public static final int QUOTATION_PER_SECOND = 10;
    /** The fixed {@code min} value of the {@code Remaining-Req} header (deprecated by the venue, never counted). */
    public static final int DEPRECATED_MINUTE_VALUE = 600;
    /** How many 429 answers within a sim minute a client may ignore before it is blocked. */
    public static final int REFUSALS_BEFORE_BAN = 5;
    /** The first block's length in sim time. */
    public static final long FIRST_BAN_MILLIS = 60_000L;
    /** The longest block in sim time. */
    public static final long MAX_BAN_MILLIS = 10 * 60_000L;

    private final Map<String, Group> groups = new HashMap<>();
    private int limit = QUOTATION_PER_SECOND;
    private long bannedUntil = Long.MIN_VALUE;
    private int bans;
    private final Deque<Long> refusals = new ArrayDeque<>();

    /** What a request gets: an answer status, the group and what is left of its second. */
    public record Decision(int status, String group, int remaining, long bannedForMillis) {
        /** Returns the {@code Remaining-Req} header value, {@code group=candle; min=600; sec=9}. */
        public String header() {
            return "group=" + group + "; min=" + DEPRECATED_MINUTE_VALUE + "; sec=" + remaining;
        }

        /** Returns whether the request may be served. */
        public boolean allowed() {
            return status == 200;
        }
    }

    private static final class Group {
        long second = Long.MIN_VALUE;
        int used;
    }

    /** Counts one request of {@code group} at sim time {@code now}. */
    public synchronized Decision take(String group, long now) {
        if (now < bannedUntil) {
            return new Decision(418, group, 0, bannedUntil - now);
        }
        Group g = groups.computeIfAbsent(group, k -> new Group());
        long second = Math.floorDiv(now, 1_000L);
        if (second != g.second) {
            g.second = second;
            g.used = 0;
        }
        if (g.used < limit) {
            g.used++;
            return new Decision(200, group, limit - g.used, 0);
        }
        while (!refusals.isEmpty() && now - refusals.peekFirst() >= 60_000L) {
            refusals.pollFirst();
        }
        refusals.addLast(now);
        if (refusals.size() > REFUSALS_BEFORE_BAN) {
            long length = Math.min(MAX_BAN_MILLIS, FIRST_BAN_MILLIS << Math.min(bans, 4));
            bans++;
            refusals.clear();
            bannedUntil = now + length;
            return new Decision(418, group, 0, length);
        }
        return new Decision(429, group, 0, 0);
    }

    /** Sets the requests per second of every group, e.g. low enough to provoke 429s; at least 1. */
    public synchronized void setLimit(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("upbit rate limit: expected >= 1 per second, was " + perSecond);
        }
        this.limit = perSecond;
    }

    /** Returns the requests per second of every group. */
    public synchronized int limit() {
        return limit;
    }

    /** Blocks every quotation request until sim time {@code until} (HTTP 418). */
    public synchronized void banUntil(long until) {
        bannedUntil = Math.max(bannedUntil, until);
    }
}
