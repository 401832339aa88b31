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
        this.writer = new CandleParquetWriter(dataDir);
        this.index = new RecordedIndex(new PartitionScanner(dataDir), maxIndexedPartitions);
        this.writerId = writerId;
    }

    FlushOutcome record(List<Candle> batch) {
        Map<PartitionPath, List<Candle>> byPartition = new LinkedHashMap<>();
        for (Candle c : batch) {
            if (!c.closed()) {
                throw new IllegalArgumentException("candle: expected a closed candle, was open " + c.key());
            }
            byPartition
                    .computeIfAbsent(PartitionPath.of(c), p -> new ArrayList<>())
                    .add(c);
        }
        long written = 0;
        long duplicates = 0;
        long files = 0;
        Map<PartitionPath, String> failures = new LinkedHashMap<>();
        for (Map.Entry<PartitionPath, List<Candle>> entry : byPartition.entrySet()) {
            PartitionPath partition = entry.getKey();
            List<Candle> candles = entry.getValue();
            // Held while the partition is listed and written: compaction swaps a day only between writes.
            ReentrantLock lock = locks.of(partition);
            lock.lock();
            try {
                PartitionIndex known = index.cached(partition);
                if (known == null || !fresh(candles, known.times()).isEmpty()) {
                    // Another recorder sharing the directory may have written some of them since the index
                    // was loaded: one that was killed after its rename but before its acknowledgement, whose
                    // candles the market then re-sent here. Candles known as recorded need no listing.
                    known = index.current(partition);
                }
                List<Candle> fresh = fresh(candles, known.times());
                if (!fresh.isEmpty()) {
                    Path file = writer.write(partition, fresh, writerId, sequence++);
                    known.wrote(
                            PartFileName.parse(file.getFileName().toString()).orElseThrow(),
                            OpenTimes.of(fresh.stream().map(Candle::openTime).toList(), known.step()));
                    files++;
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

    /** Returns the candles not yet recorded, sorted by open time, each open time once (stable: first wins). */
    private static List<Candle> fresh(List<Candle> candles, OpenTimes recorded) {
        List<Candle> sorted = new ArrayList<>(candles);
        sorted.sort(Comparator.comparingLong(Candle::openTime));
        List<Candle> fresh = new ArrayList<>(sorted.size());
        boolean first = true;
        long previous = 0;
        for (Candle c : sorted) {
            if (!first && c.openTime() == previous) {
                continue;
            }
            first = false;
            previous = c.openTime();
            if (!recorded.contains(previous)) {
                fresh.add(c);
            }
        }
        return fresh;
    }

    String writerId() {
        return writerId;
    }

    RecordedIndex index() {
        return index;
    }
}
