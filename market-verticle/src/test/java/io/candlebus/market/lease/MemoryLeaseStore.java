package io.candlebus.market.lease;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The store's contract in memory, as the cluster map keeps it: entries that read as absent once their TTL has
 * passed, one counter per name. {@link #down} makes every operation fail (a store that cannot be reached).
 */
final class MemoryLeaseStore implements LeaseStore {
    private record Entry(LeaseRecord record, long expiresAt) {}

    private final LongSupplier millis;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Long> epochs = new HashMap<>();
    boolean down;
    boolean hung;

    MemoryLeaseStore(LongSupplier millis) {
        this.millis = millis;
    }

    private Entry live(String name) {
        Entry e = entries.get(name);
        if (e != null && millis.getAsLong() >= e.expiresAt()) {
            entries.remove(name);
            return null;
        }
        return e;
    }

    private <T> Future<T> answer(T value) {
        return down ? Future.failedFuture(new IllegalStateException("store down")) : Future.succeededFuture(value);
    }

    @Override
    public Future<LeaseRecord> read(String name) {
        if (hung) {
            return Promise.<LeaseRecord>promise().future();
        }
        Entry e = live(name);
        return answer(e == null ? null : e.record());
    }

    @Override
    public Future<Long> nextEpoch(String name) {
        if (down) {
            return answer(0L);
        }
        return answer(epochs.merge(name, 1L, Long::sum));
    }

    @Override
    public Future<Boolean> create(String name, LeaseRecord record, long ttlMillis) {
        if (down) {
            return answer(false);
        }
        if (live(name) != null) {
            return answer(false);
        }
        entries.put(name, new Entry(record, millis.getAsLong() + ttlMillis));
        return answer(true);
    }

    @Override
    public Future<Void> write(String name, LeaseRecord record, long ttlMillis) {
        if (!down) {
            entries.put(name, new Entry(record, millis.getAsLong() + ttlMillis));
        }
        return answer(null);
    }

    @Override
    public Future<Boolean> remove(String name, LeaseRecord record) {
        if (down) {
            return answer(false);
        }
        Entry e = live(name);
        if (e != null && e.record().equals(record)) {
            entries.remove(name);
            return answer(true);
        }
        return answer(false);
    }

    /** Replaces the entry behind the holders' backs (what a healed split cluster's merge may do). */
    void overwrite(String name, LeaseRecord record, long ttlMillis) {
        entries.put(name, new Entry(record, millis.getAsLong() + ttlMillis));
    }
}
