package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one stream-day's part files into exactly one file, sorted by open time, each key once, and swaps it
 * in so that readers globbing {@code **}{@code /*.parquet} see either every old part or the one new file:
 *
 * <ol>
 *   <li>read every part of {@code candles/…/date=D} and merge them by open time (the first copy of a key
 *       wins);
 *   <li>write the merged rows as one file into the staging directory {@code .compaction/candles/…/date=D}
 *       (beside the dataset, not under {@code candles/}), synced;
 *   <li>read it back and check its open times equal the parts' keys, in order;
 *   <li>exchange the staging directory and the day's directory in one {@code renameat2(RENAME_EXCHANGE)};
 *   <li>settle the staging directory, which now holds the old parts: see {@link #settle}.
 * </ol>
 *
 * <p>Crash-safe at every step without a journal: before the exchange the day's directory is untouched and the
 * staging directory holds only the new file (or its temporary); after it, the day's directory holds the new
 * file and the staging directory the old parts. Either way, settling deletes each staged file whose keys the
 * day's directory already holds and moves any other back into it, so the next compaction of the day (which
 * settles first) rolls back or finishes an interrupted one. A day with zero or one part is left alone, so
 * compacting twice changes nothing. Holds the in-JVM partition lock throughout, so the local writer appends
 * no part meanwhile; across JVMs the caller holds a cluster-wide lock per day. Blocking; one call at a time.
 */
public final class DayCompactor {
    /** The staging directory's name under the data directory; hidden, and outside {@code candles/}. */
    static final String STAGING = ".compaction";

    private static final Logger log = LoggerFactory.getLogger(DayCompactor.class);

    private final Path dataDir;
    private final PartitionLocks locks;
    private final CompactionObserver observer;
    private final CandleParquetWriter writer;
    private final String writerId;
    private long sequence;

    public DayCompactor(Path dataDir, PartitionLocks locks, CompactionObserver observer) {
        this.dataDir = dataDir;
        this.locks = locks;
        this.observer = observer;
        this.writer = new CandleParquetWriter(dataDir);
        this.writerId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** What compacting one day did. */
    record Outcome(boolean compacted, int partsRemoved, long rows, int settled) {}

    /**
     * Compacts every day of {@code dataDir} that ended {@code delayMillis} before {@code nowMillis}, and
     * settles every staged leftover; for a process that owns the whole dataset (no cluster lock). Returns how
     * many days became one file.
     */
    public synchronized int compactDue(long nowMillis, long delayMillis) throws IOException {
        int compacted = 0;
        for (PartitionPath day : new DueDays(dataDir).due(nowMillis, delayMillis)) {
            if (compact(day).compacted()) {
                compacted++;
            }
        }
        return compacted;
    }

    /** Settles what an earlier compaction of {@code day} left, then compacts it if it has two parts or more. */
    synchronized Outcome compact(PartitionPath day) throws IOException {
        Path live = dataDir.resolve(day.relativeDir());
        Path staged = stagedDir(day);
        ReentrantLock lock = locks.of(day);
        lock.lock();
        try {
            int settled = settle(day, live, staged, false);
            List<Path> parts = visibleParquet(live);
            if (parts.size() <= 1) {
                return new Outcome(false, 0, 0, settled);
            }
            observer.reached(CompactionStep.STARTED, live);
            List<Candle> merged = merge(day, parts);
            try {
                CandleParquetWriter.createDirectoriesDurably(staged);
                observer.reached(CompactionStep.STAGING_CREATED, live);
                Path file = writer.writeInto(staged, day, merged, writerId, sequence++);
                observer.reached(CompactionStep.STAGED, live);
                verify(file, day, merged);
                observer.reached(CompactionStep.VERIFIED, live);
                DirectoryExchange.exchange(staged, live);
            } catch (IOException | RuntimeException e) {
                // Nothing swapped: the staged file's keys are all in the day's directory, so this rolls back.
                try {
                    settle(day, live, staged, false);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            CandleParquetWriter.syncDirectory(live.getParent());
            CandleParquetWriter.syncDirectory(staged.getParent());
            observer.reached(CompactionStep.SWAPPED, live);
            settle(day, live, staged, true);
            observer.reached(CompactionStep.DONE, live);
            log.debug("{}: compacted {} parts into one file of {} rows", day, parts.size(), merged.size());
            return new Outcome(true, parts.size(), merged.size(), settled);
        } finally {
            lock.unlock();
        }
    }

    Path stagedDir(PartitionPath day) {
        return dataDir.resolve(STAGING).resolve(day.relativeDir());
    }

    private static List<Candle> merge(PartitionPath day, List<Path> parts) throws IOException {
        TreeMap<Long, Candle> rows = new TreeMap<>();
        for (Path part : parts) {
            for (Candle c : CandleParquetReader.read(part, day)) {
                if (!day.holds(c)) {
                    throw new IOException(part + ": expected candles of " + day + ", was " + c.key());
                }
                rows.putIfAbsent(c.openTime(), c);
            }
        }
        return new ArrayList<>(rows.values());
    }

    /** Reads {@code file} back and checks it holds exactly {@code expected}'s open times, in order. */
    private static void verify(Path file, PartitionPath day, List<Candle> expected) throws IOException {
        List<Candle> back = CandleParquetReader.read(file, day);
        if (back.size() != expected.size()) {
            throw new IOException(file + ": expected " + expected.size() + " rows read back, was " + back.size());
        }
        for (int i = 0; i < back.size(); i++) {
            if (back.get(i).openTime() != expected.get(i).openTime()) {
                throw new IOException(
                        file + ": expected open time " + expected.get(i).openTime() + " at row " + i + ", was "
                                + back.get(i).openTime());
            }
        }
    }

    /**
     * Empties and removes {@code staged}: a file whose open times the day's directory already holds is
     * deleted (the new file before a swap, the old parts after one); any other file (a part another process
     * wrote into the day just before the swap, or one whose keys cannot be told) is moved into the day's
     * directory, so nothing is lost and the next compaction merges it. Returns how many files it handled.
     */
    private int settle(PartitionPath day, Path live, Path staged, boolean afterSwap) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(staged)) {
            stream.forEach(files::add);
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (!afterSwap && !files.isEmpty()) {
            log.info("{}: settling {} files an interrupted compaction left in {}", day, files.size(), staged);
        }
        OpenTimes held = new PartitionScanner(dataDir).scan(day).times();
        long step = day.interval().millis();
        for (Path file : files) {
            String name = file.getFileName().toString();
            boolean parquet = name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
            boolean temp = StaleTempFiles.isTempPart(file);
            if (temp
                    || (parquet
                            && openTimesOf(file, step).map(held::containsAll).orElse(false))) {
                Files.deleteIfExists(file);
                if (afterSwap) {
                    observer.reached(CompactionStep.PART_REMOVED, live);
                }
            } else {
                log.warn("{}: moving {} back into the day: its rows are not all in the day's files", day, file);
                Files.createDirectories(live);
                Files.move(file, live.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.delete(staged);
        CandleParquetWriter.syncDirectory(live);
        CandleParquetWriter.syncDirectory(staged.getParent());
        return files.size();
    }

    /** Returns a file's open times from its name (when contiguous) or footer; empty when neither tells. */
    private static Optional<OpenTimes> openTimesOf(Path file, long step) {
        Optional<PartFileName> name = PartFileName.parse(file.getFileName().toString());
        if (name.isPresent() && name.get().isContiguous(step)) {
            OpenTimes times = new OpenTimes(step);
            times.addRun(name.get().firstOpenTime(), name.get().lastOpenTime());
            return Optional.of(times);
        }
        try {
            String text = ParquetFooter.keyValueMetadata(file).get(CandleParquetWriter.OPEN_TIMES_KEY);
            return text == null ? Optional.empty() : Optional.of(OpenTimes.parse(text, step));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Returns the visible {@code .parquet} files of {@code dir}, sorted by name; empty if it does not exist. */
    static List<Path> visibleParquet(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.endsWith(".parquet")
                        && !name.startsWith(".")
                        && !name.startsWith("_")
                        && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        out.sort(null);
        return out;
    }
}
