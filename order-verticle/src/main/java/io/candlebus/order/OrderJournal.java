package io.candlebus.order;

import io.candlebus.contract.OrderEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the result of every order by client order id, so a repeated id replies with the original
 * result instead of placing a second order. In memory for now: a restart forgets, and past
 * {@code capacity} ids the oldest are forgotten (at one signal a minute, the default 100,000 covers
 * more than two months).
 */
public final class OrderJournal {
    /** How many ids the verticle's journal remembers. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, OrderEvent> results;

    /** Creates an empty journal remembering at most {@code capacity} ids. */
    public OrderJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: expected >= 1, was " + capacity);
        }
        this.results = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OrderEvent> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Returns the result already recorded for {@code clientOrderId}, if any. */
    public Optional<OrderEvent> find(String clientOrderId) {
        return Optional.ofNullable(results.get(clientOrderId));
    }

    /**
     * Records the result of an order under its client order id. The first result for an id wins:
     * returns false, and keeps the original, if the id was already recorded.
     */
    public boolean record(OrderEvent event) {
        return results.putIfAbsent(event.clientOrderId(), event) == null;
    }

    /**
     * Replaces the result of an id with its latest state: a live order moves on (ACCEPTED, then FILLED) after
     * its first result, and a repeat of its id should see where it is now.
     */
    public void update(OrderEvent event) {
        results.put(event.clientOrderId(), event);
    }

    /** Returns how many ids the journal remembers. */
    public int size() {
        return results.size();
    }
}
