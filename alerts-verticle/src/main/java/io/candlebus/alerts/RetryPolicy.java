package io.candlebus.alerts;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Decides what follows one HTTP attempt: done, retry after a delay, or give up. 2xx is done; 429 waits as
 * long as the service asks ({@code retry_after} in seconds: Telegram's {@code parameters.retry_after},
 * Discord's top-level {@code retry_after}, else the {@code Retry-After} header), else backs off; 5xx and
 * network errors back off exponentially from the base, capped; any other status is a permanent refusal (a
 * wrong chat id or token does not heal by retrying). After {@code maxAttempts} tries it gives up.
 */
final class RetryPolicy {
    /** The longest wait a 429 may impose; beyond it the message is given up rather than held. */
    static final long MAX_RETRY_AFTER_MILLIS = 3_600_000L;

    enum Outcome {
        SENT,
        RETRY,
        FAILED
    }

    /** What to do next; {@code delayMillis} only for RETRY, {@code reason} for RETRY and FAILED. */
    record Decision(Outcome outcome, long delayMillis, String reason) {}

    private final int maxAttempts;
    private final long baseMillis;
    private final long maxMillis;

    RetryPolicy(int maxAttempts, long baseMillis, long maxMillis) {
        this.maxAttempts = maxAttempts;
        this.baseMillis = baseMillis;
        this.maxMillis = maxMillis;
    }

    /** After attempt number {@code attempt} (from 1) was answered with {@code status}. */
    Decision onResponse(int status, String retryAfterHeader, String body, int attempt) {
        if (status >= 200 && status < 300) {
            return new Decision(Outcome.SENT, 0, null);
        }
        String reason = "HTTP " + status + describe(body);
        if (status != 429 && status < 500) {
            return new Decision(Outcome.FAILED, 0, reason);
        }
        if (attempt >= maxAttempts) {
            return new Decision(Outcome.FAILED, 0, reason + " after " + attempt + " attempts");
        }
        long delay = backoff(attempt);
        if (status == 429) {
            long asked = retryAfterMillis(retryAfterHeader, body);
            if (asked > MAX_RETRY_AFTER_MILLIS) {
                return new Decision(Outcome.FAILED, 0, reason + ": retry_after beyond an hour");
            }
            if (asked >= 0) {
                delay = asked;
            }
        }
        return new Decision(Outcome.RETRY, delay, reason);
    }

    /** After attempt number {@code attempt} failed without an answer (refused, reset, timed out). */
    Decision onError(String error, int attempt) {
        if (attempt >= maxAttempts) {
            return new Decision(Outcome.FAILED, 0, error + " after " + attempt + " attempts");
        }
        return new Decision(Outcome.RETRY, backoff(attempt), error);
    }

    /** The backoff after attempt {@code attempt}: base, then doubling, capped. */
    long backoff(int attempt) {
        int doublings = Math.min(attempt - 1, 40);
        double d = (double) baseMillis * Math.pow(2, doublings);
        return (long) Math.min(maxMillis, d);
    }

    /** Milliseconds a 429 asks to wait, or -1 when it does not say. */
    static long retryAfterMillis(String header, String body) {
        JsonObject json = json(body);
        if (json != null) {
            Object params = json.getValue("parameters");
            if (params instanceof JsonObject p && p.getValue("retry_after") instanceof Number n) {
                return seconds(n.doubleValue());
            }
            if (json.getValue("retry_after") instanceof Number n) {
                return seconds(n.doubleValue());
            }
        }
        if (header != null) {
            try {
                return seconds(Double.parseDouble(header.trim()));
            } catch (NumberFormatException e) {
                // An HTTP date is allowed too; the backoff is a fair stand-in for one.
                return -1;
            }
        }
        return -1;
    }

    private static long seconds(double s) {
        return s < 0 || Double.isNaN(s) ? -1 : (long) Math.ceil(s * 1000);
    }

    private static JsonObject json(String body) {
        if (body == null || body.isBlank() || body.charAt(0) != '{') {
            return null;
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException e) {
            return null;
        }
    }

    /** A short description from an error body: Telegram's and Discord's carry one. */
    private static String describe(String body) {
        JsonObject json = json(body);
        if (json == null) {
            return "";
        }
        Object d = json.getValue("description", json.getValue("message"));
        return d instanceof String s ? ": " + (s.length() > 200 ? s.substring(0, 200) : s) : "";
    }
}
