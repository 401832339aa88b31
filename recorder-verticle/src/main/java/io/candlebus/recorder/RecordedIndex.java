package io.candlebus.recorder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, per partition, which open times the dataset already holds. A partition is loaded from disk
 * (by {@link PartitionScanner}) the first time it is asked for, so a restarted recorder knows what earlier
 * runs wrote; the least recently used partitions are dropped beyond a bound and simply loaded again if
 * needed. Not thread-safe: one owner, the writing thread.
 */
final class RecordedIndex {
    /** About a week of 1m, 5m and 1h partitions for 100 instruments; each costs little when contiguous. */
    static final int DEFAULT_MAX_PARTITIONS = 4096;

    private final PartitionScanner scanner;
    private final Map<PartitionPath, OpenTimes> partitions;
    private long loads;

    RecordedIndex(PartitionScanner scanner, int maxPartitions) {
        this.scanner = scanner;
        this.partitions = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<PartitionPath, OpenTimes> eldest) {
                return size() > maxPartitions;
            }
        };
    }

    /** Returns the recorded open times of {@code partition}, loading them from disk on first use. */
    OpenTimes of(PartitionPath partition) throws IOException {
        OpenTimes times = partitions.get(partition);
        if (times == null) {
            times = scanner.scan(partition);
            loads++;
            partitions.put(partition, times);
        }
        return times;
    }

    /** Returns how many partitions were loaded from disk so far. */
    long loads() {
        return loads;
    }

    int cachedPartitions() {
        return partitions.size();
    }
}
