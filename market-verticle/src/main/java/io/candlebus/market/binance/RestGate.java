package io.candlebus.market.binance;

import io.candlebus.contract.Market;

/**
 * Decides when a Binance market's REST API may be asked again: never during a 418 ban or a 429 pause
 * (both until the venue's Retry-After), and only while the minute's request weight, as the venue reports
 * it in {@code X-MBX-USED-WEIGHT-1M} plus what was sent since, stays within the budget. Binance counts
 * weight per clock minute, so the budget frees up at the next minute boundary. Times are clock millis.
 */
final class RestGate {
    static final long MINUTE = 60_000L;
    /** Ban length assumed when a 418 carries no Retry-After (Binance's shortest ban). */
    static final long DEFAULT_BAN_MILLIS = 120_000L;
    /** Pause assumed when a 429 carries no Retry-After: until the weight window turns over. */
    static final long DEFAULT_PAUSE_MILLIS = MINUTE;

    private final int budget;
    private long window = Long.MIN_VALUE;
    private long usedInWindow;
    private long lastReported;
    private long bannedUntil;
    private long pausedUntil;
    private long bans;
    private long pauses;

    RestGate(int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("rest gate: expected a budget >= 1, was " + budget);
        }
        this.budget = budget;
    }

    /** Returns the request weight of a klines call of {@code limit} rows on {@code market}. */
    static int klinesWeight(Market market, int limit) {
        if (market == Market.SPOT) {
            return 2;
        }
        if (limit < 100) {
            return 1;
        }
        if (limit < 500) {
            return 2;
        }
        return limit <= 1000 ? 5 : 10;
    }

    /** Returns the earliest clock time from {@code now} on at which a request of {@code weight} may go. */
    long openAt(long now, int weight) {
        long at = Math.max(now, Math.max(bannedUntil, pausedUntil));
        long atWindow = Math.floorDiv(at, MINUTE);
        if (atWindow == window && usedInWindow + weight > budget) {
            return (atWindow + 1) * MINUTE;
        }
        return at;
    }

    /** Counts a request of {@code weight} sent at {@code now}. */
    void sent(long now, int weight) {
        roll(now);
        usedInWindow += weight;
    }

    /** Takes the venue's {@code X-MBX-USED-WEIGHT-1M} of an answer received at {@code now}. */
    void reported(long now, long usedWeight) {
        if (usedWeight < 0) {
            return;
        }
        roll(now);
        lastReported = usedWeight;
        // The venue's count wins when higher (other clients on the same IP use the same budget).
        usedInWindow = Math.max(usedInWindow, usedWeight);
    }

    /** A 418: no request until {@code now + retryAfterMillis}. */
    void banned(long now, long retryAfterMillis) {
        bans++;
        bannedUntil = Math.max(bannedUntil, now + (retryAfterMillis > 0 ? retryAfterMillis : DEFAULT_BAN_MILLIS));
    }

    /** A 429: no request until {@code now + retryAfterMillis}. */
    void limited(long now, long retryAfterMillis) {
        pauses++;
        pausedUntil = Math.max(pausedUntil, now + (retryAfterMillis > 0 ? retryAfterMillis : DEFAULT_PAUSE_MILLIS));
    }

    /** Returns whether a ban is in force at {@code now}. */
    boolean isBanned(long now) {
        return now < bannedUntil;
    }

    /** Returns whether a 429 pause or the weight budget holds requests back at {@code now}. */
    boolean isPaused(long now) {
        return now < pausedUntil || openAt(now, 1) > now;
    }

    /** Returns the end of the ban in force at {@code now}, 0 if none. */
    long bannedUntil(long now) {
        return isBanned(now) ? bannedUntil : 0;
    }

    /** Returns the venue's last reported weight, 0 if it never reported one. */
    long lastReported() {
        return lastReported;
    }

    long bans() {
        return bans;
    }

    long pauses() {
        return pauses;
    }

    private void roll(long now) {
        long w = Math.floorDiv(now, MINUTE);
        if (w > window) {
            window = w;
            usedInWindow = 0;
        }
    }
}
