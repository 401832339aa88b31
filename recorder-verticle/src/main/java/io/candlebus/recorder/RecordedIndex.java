package io.candlebus.recorder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per partition, which open times the dataset already holds. A partition is loaded from disk
 * (by {@link PartitionScanner}) the first time it is asked for, so a restarted recorder knows what earlier
 * runs wrote, and refreshed with the files that appeared since whenever a writer asks for it up to date, so
 * it knows what other recorders sharing the directory wrote; the least recently used partitions are dropped
 * beyond a bound and simply loaded again if needed. Not thread-safe: one owner, the writing thread.
 */
final class RecordedIndex {
    /** About a week of 1m, 5m and 1h partitions for 100 instruments; each costs little when contiguous. */
    static final int DEFAULT_MAX_PARTITIONS = 4096;

    private final PartitionScanner scanner;
    private final Map<PartitionPath, PartitionIndex> partitions;
    private long loads;

    RecordedIndex(PartitionScanner scanner, int maxPartitions) {
        this.scanner = scanner;
        this.partitions = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PartitionPath, PartitionIndex> eldest) {
                return size() > maxPartitions;
            }
        };
    }

    /** Returns the index of {@code partition} as last loaded or refreshed, or null if it is not in memory. */
    PartitionIndex cached(PartitionPath partition) {
        return partitions.get(partition);
    }

    /**
     * Returns the index of {@code partition} up to date with the disk: loaded on first use, else refreshed
     * with the files that appeared since it was loaded.
     */
    PartitionIndex current(PartitionPath partition) throws IOException {
        PartitionIndex index = partitions.get(partition);
        if (index == null) {
            index = scanner.scan(partition);
            loads++;
            partitions.put(partition, index);
        } else {
            scanner.update(partition, index);
        }
        return index;
    }

    /** Returns how many partitions were loaded from disk so far. */
    long loads() {
        return loads;
    }

    int cachedPartitions() {
        return partitions.size();
    }

    PartitionScanner scanner() {
        return scanner;
    }
}
