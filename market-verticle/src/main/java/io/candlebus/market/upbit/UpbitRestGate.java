package io.candlebus.market.upbit;

import io.candlebus.market.RestException;
import io.candlebus.market.SlidingWindowLimiter;
import io.vertx.core.MultiMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the Upbit feed's REST requests within the venue's quotation limits, in the venue's (clock) time:
 * at most {@link #REQUESTS_PER_SECOND} per second of its own count; none more in a second whose answer
 * said {@code Remaining-Req: group=candles; min=...; sec=0}; a 429 pauses until the next second; a 418
 * (the IP blocked after ignoring 429s) stops every request for the block time the answer names.
 *
 * <p>Upbit documents that a 418 comes "with the block time", but not in which field: the answer's
 * {@code Retry-After} is used when present, else a number of seconds in the body, else
 * {@link #DEFAULT_BAN_MILLIS}.
 */
final class UpbitRestGate {
    /** The header Upbit sends with every REST answer. */
    static final String REMAINING_REQ = "Remaining-Req";
    /** Upbit's quotation groups (candles, market, ticker, ...) allow 10 requests per second and IP. */
    static final int REQUESTS_PER_SECOND = 10;
    /** How long a 418 blocks when the answer names no time. */
    static final long DEFAULT_BAN_MILLIS = 60_000;

    private static final Pattern SECONDS = Pattern.compile("(\\d{1,6})\\s*(?:s\\b|sec|second)");

    private final SlidingWindowLimiter sent = new SlidingWindowLimiter(REQUESTS_PER_SECOND, 1_000);
    private long pausedUntil;
    private long bannedUntil;
    private long remaining = -1;
    private long pauses;
    private long bans;

    /** Returns the clock time from which the next request may go (at or after {@code now}). */
    long nextAllowed(long now) {
        return Math.max(Math.max(now, sent.nextAllowed(now)), Math.max(pausedUntil, bannedUntil));
    }

    /** Counts a request sent at {@code now}. */
    void sent(long now) {
        sent.tryAcquire(now);
    }

    /** Reads the answer's {@code Remaining-Req}: none left this second pauses until the next one. */
    void answered(int status, MultiMap headers, long now) {
        long left = secondsLeft(headers.get(REMAINING_REQ));
        if (left >= 0) {
            remaining = left;
            if (left == 0) {
                pausedUntil = Math.max(pausedUntil, nextSecond(now));
            }
        }
        if (status == 429) {
            pauses++;
            pausedUntil = Math.max(pausedUntil, nextSecond(now));
        }
    }

    /**
     * Turns a failed request into the failure the caller retries: a 418 blocks every request for its
     * block time (the returned failure's Retry-After), a 429 waits for the next second.
     */
    Throwable refused(Throwable cause, long now) {
        if (!(cause instanceof RestException re)) {
            return cause;
        }
        if (re.status() == 418) {
            bans++;
            long ban = re.retryAfterMillis() > 0 ? re.retryAfterMillis() : banMillis(re.getMessage());
            bannedUntil = Math.max(bannedUntil, now + ban);
            return new RestException(418, bannedUntil - now, re.getMessage());
        }
        if (re.status() == 429) {
            return new RestException(429, Math.max(re.retryAfterMillis(), nextSecond(now) - now), re.getMessage());
        }
        return re;
    }

    /** Returns the requests counted in the second ending at {@code now}. */
    long used(long now) {
        return sent.used(now);
    }

    /** Returns the clock time until which a 418 blocks requests, 0 if none is in force at {@code now}. */
    long bannedUntil(long now) {
        return bannedUntil > now ? bannedUntil : 0;
    }

    /** Returns the {@code sec} of the last {@code Remaining-Req}, -1 if none came. */
    long remaining() {
        return remaining;
    }

    long pauses() {
        return pauses;
    }

    long bans() {
        return bans;
    }

    /**
     * Returns the {@code sec} field of a {@code Remaining-Req} value such as
     * {@code group=candles; min=1800; sec=29}, -1 if the header is missing or has no readable {@code sec}.
     */
    static long secondsLeft(String header) {
        if (header == null) {
            return -1;
        }
        for (String part : header.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals("sec")) {
                try {
                    return Math.max(0, Long.parseLong(kv[1].trim()));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Returns the block time a 418 answer names ({@code ... 30 seconds ...}), else the default. */
    static long banMillis(String message) {
        if (message != null) {
            Matcher m = SECONDS.matcher(message);
            if (m.find()) {
                return Math.max(1, Long.parseLong(m.group(1))) * 1_000L;
            }
        }
        return DEFAULT_BAN_MILLIS;
    }

    private static long nextSecond(long now) {
        return Math.floorDiv(now, 1_000L) * 1_000L + 1_000L;
    }
}
