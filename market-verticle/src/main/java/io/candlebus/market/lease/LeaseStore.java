package io.candlebus.market.lease;

import io.vertx.core.Future;

/**
 * Where feed leases live: one entry per lease name with a time to live, and one epoch counter per name. The
 * cluster's implementation is {@link ClusterLeaseStore}; tests use an in-memory one.
 */
public interface LeaseStore {
    /** Returns the entry of {@code name}, or null if there is none (never written, expired or removed). */
    Future<LeaseRecord> read(String name);

    /** Returns the next epoch of {@code name}: higher than every epoch it returned before, cluster-wide. */
    Future<Long> nextEpoch(String name);

    /** Writes {@code record} for {@code ttlMillis} unless an entry exists; returns whether it was written. */
    Future<Boolean> create(String name, LeaseRecord record, long ttlMillis);

    /** Writes {@code record} for {@code ttlMillis} from now, whatever is there. */
    Future<Void> write(String name, LeaseRecord record, long ttlMillis);

    /** Removes the entry of {@code name} if it is {@code record}; returns whether it was removed. */
    Future<Boolean> remove(String name, LeaseRecord record);
}
