package io.candlebus.launcher;

/**
 * Names a fault the soak injects through the simulator, with the label the soak prints for it and the
 * bounds of its duration in sim time (0 for faults that are instantaneous).
 */
enum FaultKind {
    /** Every websocket of both venues closed. */
    DROP("drop", 0, 0),
    /** Every websocket silent for a while, nothing replayed; at least the stall bound the soak passes in. */
    STALL("stall", 0, 0),
    /** A frame that is not JSON on every websocket. */
    GARBAGE("garbage", 0, 0),
    /** A Binance market's REST weight limit lowered so that klines requests meet HTTP 429. */
    WEIGHT_LIMIT("429", 2 * 60_000L, 10 * 60_000L),
    /** A Binance market's REST API banned (HTTP 418 with Retry-After). */
    BAN("418", 60_000L, 5 * 60_000L),
    /** Binance's {@code serverShutdown} on spot, the connections closed after a grace period. */
    SERVER_SHUTDOWN("shutdown", 1_000L, 30_000L),
    /** Binance's connection lifetime (24 h on the venue) cut short; the connections reopen under it. */
    LIFETIME_CUT("24h-cut", 60_000L, 5 * 60_000L),
    /** Every REST endpoint of both venues answering HTTP 503. */
    REST_OUTAGE("outage", 60_000L, 5 * 60_000L);

    private final String label;
    private final long minMillis;
    private final long maxMillis;

    FaultKind(String label, long minMillis, long maxMillis) {
        this.label = label;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
    }

    /** Returns the short name the soak prints, e.g. {@code 429}. */
    String label() {
        return label;
    }

    long minMillis() {
        return minMillis;
    }

    long maxMillis() {
        return maxMillis;
    }
}
