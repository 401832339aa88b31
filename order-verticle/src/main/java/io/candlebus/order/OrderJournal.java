package io.candlebus.order;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the result of every order by client order id, so a repeated id replies with the original
 * result instead of placing a second order, and the request it was placed with, so an id reused with
 * other parameters can be told apart. In memory (live mode refills it from the durable journal at start);
 * past {@code capacity} ids the oldest are forgotten (at one signal a minute, the default 100,000 covers
 * more than two months).
 */
public final class OrderJournal {
    /** How many ids the verticle's journal remembers. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, OrderEvent> results;
    private final Map<String, OrderRequest> requests;

    /** Creates an empty journal remembering at most {@code capacity} ids. */
    public OrderJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: expected >= 1, was " + capacity);
        }
        this.results = bounded(capacity);
        this.requests = bounded(capacity);
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Returns the result already recorded for {@code clientOrderId}, if any. */
    public Optional<OrderEvent> find(String clientOrderId) {
        return Optional.ofNullable(results.get(clientOrderId));
    }

    /** Returns the request {@code clientOrderId} was placed with, if known. */
    public Optional<OrderRequest> request(String clientOrderId) {
        return Optional.ofNullable(requests.get(clientOrderId));
    }

    /**
     * Records the result of an order under its client order id. The first result for an id wins:
     * returns false, and keeps the original, if the id was already recorded.
     */
    public boolean record(OrderEvent event) {
        return results.putIfAbsent(event.clientOrderId(), event) == null;
    }

    /** Records the result of {@code request} as {@link #record(OrderEvent)} does, and the request with it. */
    public boolean record(OrderRequest request, OrderEvent event) {
        requests.putIfAbsent(request.clientOrderId(), request);
        return record(event);
    }

    /** Remembers the request an id was placed with (a live order replayed from the durable journal). */
    public void remember(OrderRequest request) {
        requests.putIfAbsent(request.clientOrderId(), request);
    }

    /**
     * Replaces the result of an id with its latest state: a live order moves on (ACCEPTED, then FILLED) after
     * its first result, and a repeat of its id should see where it is now.
     */
    public void update(OrderEvent event) {
        results.put(event.clientOrderId(), event);
    }

    /**
     * Returns the latest state of up to {@code limit} orders, newest first (by when each was first recorded),
     * only those of {@code instrument} unless it is null.
     */
    public List<OrderEvent> recent(int limit, Instrument instrument) {
        List<OrderEvent> all = new ArrayList<>(results.values());
        List<OrderEvent> out = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            OrderEvent event = all.get(i);
            if (instrument == null || instrument.equals(event.instrument())) {
                out.add(event);
            }
        }
        return out;
    }

    /** Returns how many ids the journal remembers. */
    public int size() {
        return results.size();
    }
}
