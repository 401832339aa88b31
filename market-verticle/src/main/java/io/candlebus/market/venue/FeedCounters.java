package io.candlebus.market.venue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The heartbeat counters of one feed, written once for every venue: each part of a feed takes the
 * counters it moves by name, and the feed reports them all, in the order registered, next to gauges
 * read at report time (open connections, followed streams). A counter is a plain field behind a handle,
 * so counting a message allocates nothing. Used on the feed's event loop only.
 */
public final class FeedCounters {
    /** One monotonic count. */
    public static final class Counter {
        private long value;

        public void inc() {
            value++;
        }

        public void add(long n) {
            value += n;
        }

        public long get() {
            return value;
        }
    }

    private final Map<String, LongSupplier> values = new LinkedHashMap<>();

    /** Returns the counter named {@code name}, registering it on first use. */
    public Counter counter(String name) {
        LongSupplier existing = values.get(name);
        if (existing instanceof CounterValue v) {
            return v.counter;
        }
        if (existing != null) {
            throw new IllegalArgumentException("counter " + name + ": already registered as a gauge");
        }
        Counter c = new Counter();
        values.put(name, new CounterValue(c));
        return c;
    }

    /** Registers a value read when the counters are reported. */
    public void gauge(String name, LongSupplier value) {
        if (values.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("gauge " + name + ": already registered");
        }
    }

    /** Returns every counter and gauge, in the order registered. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, v.getAsLong()));
        return out;
    }

    private record CounterValue(Counter counter) implements LongSupplier {
        @Override
        public long getAsLong() {
            return counter.get();
        }
    }
}
