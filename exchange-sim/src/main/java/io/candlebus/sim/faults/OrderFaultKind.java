package io.candlebus.sim.faults;

/**
 * Names an order fault a {@link FaultSchedule#planOrders} plan holds and an {@link OrderFaultInjector} arms
 * through the simulator's {@code OrderFaults}: each spoils the next new-order request (either venue), with the
 * label an order soak prints. Only {@link #NOT_FOUND} lasts (in sim time, between its bounds).
 */
public enum OrderFaultKind {
    /** The order is placed, then the connection is closed without an answer. */
    LOST_CLOSED("lost-closed", 0, 0),
    /** The order is placed and its answer sent later than the client waits. */
    LOST_DELAYED("lost-delayed", 0, 0),
    /** The order is placed and answered 503 "outcome unknown" (Binance -1007, Bithumb {@code server_error}). */
    LOST_5XX("lost-5xx", 0, 0),
    /** The request is refused with HTTP 503 before the venue sees it. */
    REFUSED_5XX("503", 0, 0),
    /** The request is refused with HTTP 429. */
    REFUSED_429("429", 0, 0),
    /** The request is refused with HTTP 418 on Binance (429 on Bithumb). */
    REFUSED_418("418", 0, 0),
    /** The request is refused with Binance -1021, timestamp outside recvWindow (Bithumb 401 expired_jwt). */
    REFUSED_1021("-1021", 0, 0),
    /** The request is refused for insufficient balance. */
    INSUFFICIENT_BALANCE("balance", 0, 0),
    /**
     * The order is placed and answered 503, and fresh orders stay invisible to lookups (HTTP 404 / -2013)
     * until they are the fault's duration old, while it lasts: the venue's eventual consistency.
     */
    NOT_FOUND("not-found", 5_000L, 20_000L);

    private final String label;
    private final long minMillis;
    private final long maxMillis;

    OrderFaultKind(String label, long minMillis, long maxMillis) {
        this.label = label;
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
    }

    /** Returns the short name an order soak prints, e.g. {@code lost-closed}. */
    public String label() {
        return label;
    }

    /** Returns the shortest duration in sim time (0 for faults that spoil one request). */
    public long minMillis() {
        return minMillis;
    }

    /** Returns the longest duration in sim time (0 for faults that spoil one request). */
    public long maxMillis() {
        return maxMillis;
    }
}
