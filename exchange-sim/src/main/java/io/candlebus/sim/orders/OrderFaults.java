package io.candlebus.sim.orders;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Order faults of the simulated venues, armed by tests and consumed by the order routes: the next new-order
 * requests can be refused before the engine sees them (the order is NOT placed), or placed and then
 * answered badly (the order IS placed, the client cannot tell); and fresh orders can be invisible to
 * lookups for a while (eventual consistency). Thread-safe: tests arm it, the event loop consumes it.
 */
public final class OrderFaults {

    /** What happens to a new-order request before the engine sees it; the order is not placed. */
    public enum Refusal {
        /** HTTP 429 with {@code Retry-After} (Binance -1003, Bithumb {@code too_many_requests}). */
        TOO_MANY_REQUESTS,
        /** HTTP 418, an IP ban (Binance only; Bithumb answers 429). */
        BANNED,
        /** HTTP 503, the venue is overloaded. */
        UNAVAILABLE,
        /** Binance -1021 as if the timestamp were outside recvWindow (Bithumb: 401 {@code expired_jwt}). */
        TIMESTAMP_OUTSIDE_WINDOW,
        /**
         * The venue's insufficient-balance refusal whatever the account holds (Binance spot -2010, futures
         * -2019; Bithumb 400 {@code insufficient_funds_bid} / {@code _ask}).
         */
        INSUFFICIENT_BALANCE
    }

    /** What happens to the answer of a new-order request that was placed. */
    public enum Loss {
        /** The connection is closed without an answer. */
        CLOSE_CONNECTION,
        /** HTTP 503 with an "outcome unknown" body (Binance -1007, Bithumb {@code server_error}). */
        SERVER_ERROR,
        /** The answer is sent {@link #delayRealMillis()} real ms late: past a client's timeout. */
        DELAY
    }

    private final Deque<Refusal> refusals = new ArrayDeque<>();
    private final Deque<Loss> losses = new ArrayDeque<>();
    private long delayRealMillis = 2_000;
    private long hiddenForSimMillis;
    private final Deque<Long> nextHides = new ArrayDeque<>();
    private final Map<Long, Long> hiddenUntil = new HashMap<>();
    private final Map<String, Long> met = new TreeMap<>();

    /** Refuses the next {@code count} new-order requests with {@code refusal}. */
    public synchronized void refuseNext(int count, Refusal refusal) {
        for (int i = 0; i < count; i++) {
            refusals.add(refusal);
        }
    }

    /** Places the next {@code count} new orders and then answers them with {@code loss}. */
    public synchronized void loseNextAnswers(int count, Loss loss) {
        for (int i = 0; i < count; i++) {
            losses.add(loss);
        }
    }

    /** Sets how late (real ms) a {@link Loss#DELAY}ed answer comes; 2000 by default. */
    public synchronized void delayRealMillis(long millis) {
        this.delayRealMillis = millis;
    }

    /** Returns how late (real ms) a {@link Loss#DELAY}ed answer comes. */
    public synchronized long delayRealMillis() {
        return delayRealMillis;
    }

    /** Makes every order invisible to lookups until it is {@code simMillis} old (0 turns it off). */
    public synchronized void hideNewOrdersFor(long simMillis) {
        this.hiddenForSimMillis = simMillis;
    }

    /**
     * Makes the next {@code count} orders placed (by either venue) invisible to lookups until they are
     * {@code simMillis} old, whenever they come.
     */
    public synchronized void hideNextOrdersFor(int count, long simMillis) {
        for (int i = 0; i < count; i++) {
            nextHides.add(simMillis);
        }
    }

    /** Tells the faults that order {@code orderId} was placed at {@code now}: it takes a pending hide, if any. */
    public synchronized void placed(long orderId, long now) {
        Long hide = nextHides.poll();
        if (hide != null) {
            met.merge("HIDDEN", 1L, Long::sum);
            hiddenUntil.put(orderId, now + hide);
        }
    }

    /** Returns whether an order created at {@code createdAt} is still hidden from lookups at {@code now}. */
    public synchronized boolean hidden(long createdAt, long now) {
        return now - createdAt < hiddenForSimMillis;
    }

    /** Returns whether {@code order} is still hidden from lookups at {@code now}, by either switch. */
    public synchronized boolean hidden(SimOrder order, long now) {
        Long until = hiddenUntil.get(order.orderId());
        if (until != null && now >= until) {
            hiddenUntil.remove(order.orderId());
            until = null;
        }
        return until != null || hidden(order.createdAt(), now);
    }

    /** Takes the refusal armed for the next new-order request, if any. */
    public synchronized Optional<Refusal> takeRefusal() {
        Refusal refusal = refusals.poll();
        if (refusal != null) {
            met.merge(refusal.name(), 1L, Long::sum);
        }
        return Optional.ofNullable(refusal);
    }

    /** Takes the loss armed for the answer of the next placed order, if any. */
    public synchronized Optional<Loss> takeLoss() {
        Loss loss = losses.poll();
        if (loss != null) {
            met.merge(loss.name(), 1L, Long::sum);
        }
        return Optional.ofNullable(loss);
    }

    /**
     * Returns how many requests met each armed refusal and loss, and how many orders were hidden ({@code
     * HIDDEN}), by name, since the start (not reset by {@link #clear()}).
     */
    public synchronized Map<String, Long> met() {
        return new TreeMap<>(met);
    }

    /** Disarms everything. */
    public synchronized void clear() {
        refusals.clear();
        losses.clear();
        nextHides.clear();
        hiddenUntil.clear();
        hiddenForSimMillis = 0;
        delayRealMillis = 2_000;
    }
}
