package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records closed candles into the partitioned dataset so that it holds each (instrument, interval, open time)
 * once: a batch is split by partition, sorted by open time, stripped of keys repeated in the batch (the first
 * one received wins) or already recorded, and each partition's remaining candles go to one new file. "Already
 * recorded" covers other recorders sharing the directory: before a partition is written, the files that
 * appeared in it since its index was loaded are indexed too. A partition that fails to write is reported and
 * left unindexed, so its candles can be sent again. Not thread-safe: one owner, the writing thread.
 */
final class CandleRecorder {
    private static final Logger log = LoggerFactory.getLogger(CandleRecorder.class);

    private final CandleParquetWriter writer;
    private final RecordedIndex index;
    private final String writerId;
    private final PartitionLocks locks;
    private final StreamFileLocks streamLocks;
    private long sequence;

    CandleRecorder(Path dataDir, String writerId) {
        this(dataDir, writerId, new PartitionLocks());
    }

    CandleRecorder(Path dataDir, String writerId, PartitionLocks locks) {
        this(dataDir, writerId, RecordedIndex.DEFAULT_MAX_PARTITIONS, locks);
    }

    CandleRecorder(Path dataDir, String writerId, int maxIndexedPartitions) {
        this(dataDir, writerId, maxIndexedPartitions, new PartitionLocks());
    }

    CandleRecorder(Path dataDir, String writerId, int maxIndexedPartitions, PartitionLocks locks) {
        this.locks = locks;
        this.streamLocks = new StreamFileLocks(dataDir);
        this.writer = new CandleParquetWriter(dataDir);
        this.index = new RecordedIndex(new PartitionScanner(dataDir), maxIndexedPartitions);
        this.writerId = writerId;
    }

    FlushOutcome record(List<Candle> batch) {
        for (Candle c : batch) {
            if (!c.closed()) {
                throw new IllegalArgumentException("candle: expected a closed candle, was open " + c.key());
            }
        }
        Map<PartitionPath, List<Candle>> byPartition = PartitionGroups.of(batch);
        long written = 0;
        long duplicates = 0;
        long files = 0;
        Map<PartitionPath, String> failures = new LinkedHashMap<>();
        for (Map.Entry<PartitionPath, List<Candle>> entry : byPartition.entrySet()) {
            PartitionPath partition = entry.getKey();
            List<Candle> candles = entry.getValue();
            List<Candle> ordered = ordered(candles);
            // Held while the partition is listed and written: compaction swaps a day only between writes.
            ReentrantLock lock = locks.of(partition);
            lock.lock();
            try {
                PartitionIndex known = index.cached(partition);
                List<Candle> fresh = known == null ? List.of() : unrecorded(ordered, known.times());
                if (known == null || !fresh.isEmpty()) {
                    // Another recorder sharing the directory may have written some of them since the index
                    // was loaded: one that was killed after its rename but before its acknowledgement, whose
                    // candles the market then re-sent here, or one a second sender routed them to at the same
                    // time. The stream's lock keeps such a recorder from listing before this one's rename.
                    // Candles known as recorded need neither.
                    StreamFileLocks.Held held = streamLocks.lock(partition);
                    try {
                        known = index.current(partition);
                        fresh = unrecorded(ordered, known.times());
                        if (!fresh.isEmpty()) {
                            Path file = writer.write(partition, fresh, writerId, sequence++);
                            known.wrote(
                                    PartFileName.parse(file.getFileName().toString())
                                            .orElseThrow(),
                                    openTimes(fresh, known.step()));
                            files++;
                        }
                    } finally {
                        held.close();
                    }
                }
                written += fresh.size();
                duplicates += candles.size() - fresh.size();
            } catch (IOException | RuntimeException e) {
                log.warn("{}: expected {} candles written, was {}", partition, candles.size(), e.toString());
                failures.put(partition, partition + ": expected the candles written to Parquet, was " + e);
            } finally {
                lock.unlock();
            }
        }
        return new FlushOutcome(written, duplicates, files, failures);
    }

    /**
     * Returns the candles sorted by open time, each open time once (stable: the first received wins). Candles
     * usually arrive in order, and then the list itself is returned: no copy, no sort.
     */
    private static List<Candle> ordered(List<Candle> candles) {
        long previous = Long.MIN_VALUE;
        boolean ascending = true;
        for (Candle c : candles) {
            if (c.openTime() <= previous) {
                ascending = false;
                break;
            }
            previous = c.openTime();
        }
        if (ascending) {
            return candles;
        }
        List<Candle> sorted = new ArrayList<>(candles);
        sorted.sort(Comparator.comparingLong(Candle::openTime));
        List<Candle> once = new ArrayList<>(sorted.size());
        for (Candle c : sorted) {
            if (once.isEmpty() || once.get(once.size() - 1).openTime() != c.openTime()) {
                once.add(c);
            }
        }
        return once;
    }

    /** Returns the candles of {@code ordered} (ascending, each open time once) not in {@code recorded}. */
    private static List<Candle> unrecorded(List<Candle> ordered, OpenTimes recorded) {
        if (ordered.get(0).openTime() > recorded.last()) {
            // The usual case, a partition growing at its end: nothing to look up.
            return ordered;
        }
        List<Candle> fresh = new ArrayList<>(ordered.size());
        for (Candle c : ordered) {
            if (!recorded.contains(c.openTime())) {
                fresh.add(c);
            }
        }
        return fresh;
    }

    /** Returns the open times of {@code ordered} (ascending, each once) as runs. */
    private static OpenTimes openTimes(List<Candle> ordered, long step) {
        long[] times = new long[ordered.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = ordered.get(i).openTime();
        }
        return OpenTimes.ofAscending(times, times.length, step);
    }

    String writerId() {
        return writerId;
    }

    RecordedIndex index() {
        return index;
    }
}
