package io.candlebus.recorder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the open times on disk in one partition directory, without reading rows: a part file whose name says
 * it is contiguous covers its first-to-last range; any other {@code .parquet} file is asked for the open times
 * in its footer. Hidden files ({@code .} or {@code _}) are skipped; files with neither a usable name nor the
 * footer key (written by another tool) are skipped with a warning, which can let a key be recorded twice but
 * never lets one be lost. A refresh of a known partition costs one directory listing and a name parse per
 * file; only files not yet indexed are stat-ed or have their footers read.
 */
final class PartitionScanner {
    private static final Logger log = LoggerFactory.getLogger(PartitionScanner.class);

    private final Path dataDir;
    private long listings;
    private long footerReads;
    private long filesIndexed;

    PartitionScanner(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Returns the index of {@code partition} as on disk; empty if its directory does not exist. */
    PartitionIndex scan(PartitionPath partition) throws IOException {
        PartitionIndex index = new PartitionIndex(partition.interval().millis());
        update(partition, index);
        return index;
    }

    /** Adds to {@code index} the files of {@code partition} it has not indexed yet. */
    void update(PartitionPath partition, PartitionIndex index) throws IOException {
        Path dir = dataDir.resolve(partition.relativeDir());
        listings++;
        // No glob filter: it costs a regular-expression match per entry, a name check does the same.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (!fileName.endsWith(".parquet") || fileName.startsWith(".") || fileName.startsWith("_")) {
                    continue;
                }
                Optional<PartFileName> name = PartFileName.parse(fileName);
                // Checked before the stat: on a refresh nearly every file is known already.
                if (index.knows(fileName, name) || !Files.isRegularFile(file)) {
                    continue;
                }
                filesIndexed++;
                if (name.isPresent() && name.get().isContiguous(index.step())) {
                    index.times().addRun(name.get().firstOpenTime(), name.get().lastOpenTime());
                } else {
                    addFromFooter(index, file);
                    index.rememberOther(fileName);
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
    }

    private void addFromFooter(PartitionIndex index, Path file) {
        footerReads++;
        try {
            String text = ParquetFooter.keyValueMetadata(file).get(CandleParquetWriter.OPEN_TIMES_KEY);
            if (text == null) {
                log.warn(
                        "{}: expected footer key {}, was absent; its candles are not de-duplicated",
                        file,
                        CandleParquetWriter.OPEN_TIMES_KEY);
                return;
            }
            index.times().addAll(OpenTimes.parse(text, index.step()));
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "{}: expected a readable Parquet footer, was {}; its candles are not de-duplicated",
                    file,
                    e.toString());
        }
    }

    /** Returns how many directory listings were made so far. */
    long listings() {
        return listings;
    }

    /** Returns how many footers were read so far. */
    long footerReads() {
        return footerReads;
    }

    /** Returns how many files were indexed so far, by name or footer. */
    long filesIndexed() {
        return filesIndexed;
    }
}
