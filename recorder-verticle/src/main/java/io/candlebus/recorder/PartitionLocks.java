package io.candlebus.recorder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per partition inside one JVM, shared by the recorder's writer and the compactor: the writer holds
 * it while it writes a part file into a partition, the compactor from listing a day's parts until the swapped
 * out parts are gone, so no part is appended to a day while it is swapped. Locks are never removed: one per
 * partition ever touched, a few dozen bytes each.
 */
public final class PartitionLocks {
    private final ConcurrentHashMap<PartitionPath, ReentrantLock> locks = new ConcurrentHashMap<>();

    ReentrantLock of(PartitionPath partition) {
        return locks.computeIfAbsent(partition, p -> new ReentrantLock());
    }
}
