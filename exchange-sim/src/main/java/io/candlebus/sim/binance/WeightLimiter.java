package io.candlebus.sim.binance;

import io.candlebus.contract.Market;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts Binance REST request weight per market and per sim minute, as the exchange counts per IP and
 * per minute. A request that would pass the limit is refused (429) and not counted; a client that keeps
 * sending after {@value #REFUSALS_BEFORE_BAN} refusals in one minute is banned (418) for
 * {@link #BAN_MILLIS} of sim time, as Binance bans clients that ignore 429s.
 */
public final class WeightLimiter {
    /** Refusals in one minute after which the next one bans the client. */
    public static final int REFUSALS_BEFORE_BAN = 5;
    /** How long a ban lasts (Binance starts at 2 minutes). */
    public static final long BAN_MILLIS = 120_000L;

    /** What happens to a request. */
    public enum Verdict {
        /** Served; its weight was added. */
        OK,
        /** Refused with 429: the minute's weight is used up. */
        LIMITED,
        /** Refused with 418: the client is banned. */
        BANNED
    }

    private final Map<Market, Integer> limits = new EnumMap<>(Market.class);
    private final Map<Market, Long> windows = new EnumMap<>(Market.class);
    private final Map<Market, Integer> used = new EnumMap<>(Market.class);
    private final Map<Market, Integer> refusals = new EnumMap<>(Market.class);
    private final Map<Market, Long> bannedUntil = new EnumMap<>(Market.class);

    /** Creates a limiter with Binance's published per-minute limits (6000 spot, 2400 futures). */
    public WeightLimiter() {
        for (Market m : Market.values()) {
            limits.put(m, BinanceRules.of(m).weightLimit());
            bannedUntil.put(m, Long.MIN_VALUE);
        }
    }

    /** Sets the per-minute weight limit of {@code market}, e.g. to provoke 429s in a test. */
    public synchronized void setLimit(Market market, int limit) {
        limits.put(market, limit);
    }

    /** Bans the client from {@code market} until sim time {@code until}. */
    public synchronized void banUntil(Market market, long until) {
        bannedUntil.put(market, until);
    }

    /** Returns the per-minute weight limit of {@code market}. */
    public synchronized int limit(Market market) {
        return limits.get(market);
    }

    /** Decides on a request of {@code weight} at sim time {@code now}, adding its weight if served. */
    public synchronized Verdict charge(Market market, int weight, long now) {
        roll(market, now);
        if (now < bannedUntil.get(market)) {
            return Verdict.BANNED;
        }
        int after = used.get(market) + weight;
        if (after <= limits.get(market)) {
            used.put(market, after);
            return Verdict.OK;
        }
        int refused = refusals.get(market) + 1;
        refusals.put(market, refused);
        if (refused > REFUSALS_BEFORE_BAN) {
            bannedUntil.put(market, now + BAN_MILLIS);
            return Verdict.BANNED;
        }
        return Verdict.LIMITED;
    }

    /** Returns the weight used in the current sim minute. */
    public synchronized int used(Market market, long now) {
        roll(market, now);
        return used.get(market);
    }

    /** Returns the whole sim seconds (at least 1) until a refused client may try again. */
    public synchronized long retryAfterSeconds(Market market, long now) {
        long next = Math.max(Math.floorDiv(now, 60_000L) * 60_000L + 60_000L, bannedUntil.get(market));
        return Math.max(1, (next - now + 999) / 1000);
    }

    /** Returns the sim time a ban of {@code market} ends, or a time in the past without a ban. */
    public synchronized long bannedUntil(Market market) {
        return bannedUntil.get(market);
    }

    private void roll(Market market, long now) {
        long window = Math.floorDiv(now, 60_000L);
        Long current = windows.get(market);
        if (current == null || current != window) {
            windows.put(market, window);
            used.put(market, 0);
            refusals.put(market, 0);
        }
    }
}
