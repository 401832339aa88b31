package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the candles of one partition to one zstd Parquet file that appears atomically: the rows go to a
 * hidden temporary file in the target directory (leading {@code .}, ignored by pyarrow, Spark and
 * {@code *.parquet} globs), which is synced and then renamed into place. The footer's key-value metadata
 * {@value #OPEN_TIMES_KEY} lists the file's open times, so the index can be rebuilt without reading rows.
 * Uses no Hadoop class at run time: {@link PlainParquetConfiguration}, {@link LocalOutputFile} and
 * {@link ZstdCodecFactory}. Used by one thread at a time (a writer lane, or the compactor), as it keeps its
 * compression buffers from file to file.
 */
final class CandleParquetWriter {
    /** Footer key holding the file's open times in {@link OpenTimes}' text form. */
    static final String OPEN_TIMES_KEY = "candlebus.open_times";

    private static final Logger log = LoggerFactory.getLogger(CandleParquetWriter.class);

    private final Path dataDir;
    /** Compression buffers kept from file to file; a writer is used by one thread at a time. */
    private final CompressScratch scratch = new CompressScratch();

    CandleParquetWriter(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Writes {@code candles} (all of {@code partition}, open times strictly increasing) and returns the
     * final file. When it returns, the file is complete, synced and visible under its final name; when it
     * throws, no file of this call is visible.
     */
    Path write(PartitionPath partition, List<Candle> candles, String writerId, long sequence) throws IOException {
        return writeInto(dataDir.resolve(partition.relativeDir()), partition, candles, writerId, sequence);
    }

    /**
     * Writes like {@link #write} but into {@code dir} rather than the partition's directory: compaction
     * stages its file beside the dataset before swapping it in.
     */
    Path writeInto(Path dir, PartitionPath partition, List<Candle> candles, String writerId, long sequence)
            throws IOException {
        long[] openTimes = checkedOpenTimes(partition, candles);
        long step = partition.interval().millis();
        PartFileName name =
                new PartFileName(openTimes[0], openTimes[openTimes.length - 1], openTimes.length, writerId, sequence);
        createDirectoriesDurably(dir);
        Path target = dir.resolve(name.fileName());
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = dir.resolve(name.tempFileName());
        try {
            writeRows(
                    temp,
                    candles,
                    Map.of(
                            OPEN_TIMES_KEY,
                            OpenTimes.ofAscending(openTimes, openTimes.length, step)
                                    .toText()));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(dir);
        return target;
    }

    /** Returns the batch's open times after checking it holds only this partition, in strict order. */
    private static long[] checkedOpenTimes(PartitionPath partition, List<Candle> candles) {
        if (candles.isEmpty()) {
            throw new IllegalArgumentException(partition + ": expected at least one candle, was none");
        }
        long[] openTimes = new long[candles.size()];
        int n = 0;
        long previous = Long.MIN_VALUE;
        for (Candle c : candles) {
            if (!partition.holds(c)) {
                throw new IllegalArgumentException(partition + ": expected candles of this partition, was " + c.key());
            }
            if (c.openTime() <= previous) {
                throw new IllegalArgumentException(partition + ": expected strictly increasing open times, was "
                        + c.openTime() + " after " + previous);
            }
            previous = c.openTime();
            openTimes[n++] = previous;
        }
        return openTimes;
    }

    private void writeRows(Path file, List<Candle> candles, Map<String, String> footer) throws IOException {
        try (ParquetWriter<Candle> writer = new Builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                // One factory per writer: close() releases its native zstd contexts.
                .withCodecFactory(new ZstdCodecFactory(scratch))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                // Dictionaries pay off only for the string column; on doubles they cost half the CPU.
                .withDictionaryEncoding(false)
                .withDictionaryEncoding(CandleWriteSupport.SOURCE, true)
                .withExtraMetaData(footer)
                .build()) {
            for (Candle c : candles) {
                writer.write(c);
            }
        }
    }

    /** Creates {@code dir} and syncs the parent of every directory it created, so the path survives a crash. */
    static void createDirectoriesDurably(Path dir) throws IOException {
        Path firstMissing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            firstMissing = p;
        }
        if (firstMissing == null) {
            return;
        }
        Files.createDirectories(dir);
        for (Path p = dir.toAbsolutePath(); ; p = p.getParent()) {
            syncDirectory(p.getParent());
            if (p.equals(firstMissing)) {
                return;
            }
        }
    }

    /**
     * Syncs a directory so a rename or a new entry in it is durable. Best effort: some platforms cannot open a
     * directory for syncing, and the file itself is already synced.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("{}: expected a directory sync, was {}", dir, e.toString());
        }
    }

    /** Builds parquet writers for candles; both {@code getWriteSupport} variants are abstract in the base. */
    private static final class Builder extends ParquetWriter.Builder<Candle, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Candle> getWriteSupport(ParquetConfiguration conf) {
            return new CandleWriteSupport();
        }

        @Override
        @SuppressWarnings("deprecation") // abstract in ParquetWriter.Builder, so it must be implemented
        protected WriteSupport<Candle> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new CandleWriteSupport();
        }
    }
}
