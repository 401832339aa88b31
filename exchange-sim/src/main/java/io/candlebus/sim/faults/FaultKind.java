package io.candlebus.sim.faults;

/**
 * Names a fault a {@link FaultSchedule} plans and a {@link FaultInjector} fires through {@link Faults}, with
 * the label a soak prints for it and the bounds of its duration in sim time (0 for instantaneous faults).
 */
public enum FaultKind {
    /** Every websocket of every venue closed. */
    DROP("drop", 0, 0),
    /** Every websocket silent for a while, nothing replayed; at least the stall bound the plan is given. */
    STALL("stall", 0, 0),
    /** A frame that is not JSON on every websocket. */
    GARBAGE("garbage", 0, 0),
    /** A bad message of one {@link BadInput} kind (not malformed JSON or oversized) on every websocket. */
    BAD_INPUT("bad-input", 0, 0),
    /** A frame of {@link Faults#OVERSIZED_BYTES} of valid JSON on every websocket. */
    OVERSIZED("oversized", 0, 0),
    /** A Binance market's REST weight limit (and Upbit's per-second limit) lowered so that requests meet HTTP 429. */
    WEIGHT_LIMIT("429", 2 * 60_000L, 10 * 60_000L),
    /** A Binance market's REST API banned (HTTP 418 with Retry-After), and Upbit's quotation API blocked (418). */
    BAN("418", 60_000L, 5 * 60_000L),
    /** Binance's {@code serverShutdown} on spot, the connections closed after a grace period. */
    SERVER_SHUTDOWN("shutdown", 1_000L, 30_000L),
    /**
     * Binance's connection lifetime (24 h on the venue) cut short for a few lifetimes, the connections
     * reopened under it so that each is cut at the end of its own lifetime.
     */
    LIFETIME_CUT("24h-cut", 60_000L, 5 * 60_000L),
    /** Every REST endpoint of every venue answering HTTP 503. */
    REST_OUTAGE("outage", 60_000L, 5 * 60_000L);

    private final String label;
    private final long minMillis;
    private final long maxMillis;

    FaultKind(String label, long minMillis, long maxMillis) {
        this.label = label;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
    }

    /** Returns the short name a soak prints, e.g. {@code 429}. */
    public String label() {
        return label;
    }

    /** Returns the shortest duration in sim time (0 for instantaneous faults and stalls). */
    public long minMillis() {
        return minMillis;
    }

    /** Returns the longest duration in sim time (0 for instantaneous faults and stalls). */
    public long maxMillis() {
        return maxMillis;
    }
}
