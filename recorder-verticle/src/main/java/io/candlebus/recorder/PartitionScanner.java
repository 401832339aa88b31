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
 * Finds the open times already on disk in one partition directory, without reading rows: a part file whose
 * name says it is contiguous covers its first-to-last range; any other {@code .parquet} file is asked for the
 * open times in its footer. Hidden files ({@code .} or {@code _}) are skipped; files with neither a usable
 * name nor the footer key (written by another tool) are skipped with a warning, which can let a key be
 * recorded twice but never lets one be lost.
 */
final class PartitionScanner {
    private static final Logger log = LoggerFactory.getLogger(PartitionScanner.class);

    private final Path dataDir;

    PartitionScanner(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Returns the open times recorded in {@code partition}; empty if its directory does not exist. */
    OpenTimes scan(PartitionPath partition) throws IOException {
        long step = partition.interval().millis();
        OpenTimes times = new OpenTimes(step);
        Path dir = dataDir.resolve(partition.relativeDir());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.parquet")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("_") || !Files.isRegularFile(file)) {
                    continue;
                }
                Optional<PartFileName> part = PartFileName.parse(name);
                if (part.isPresent() && part.get().isContiguous(step)) {
                    times.addRun(part.get().firstOpenTime(), part.get().lastOpenTime());
                } else {
                    addFromFooter(times, file, step);
                }
            }
        } catch (NoSuchFileException e) {
            return times;
        }
        return times;
    }

    private static void addFromFooter(OpenTimes times, Path file, long step) {
        try {
            String text = ParquetFooter.keyValueMetadata(file).get(CandleParquetWriter.OPEN_TIMES_KEY);
            if (text == null) {
                log.warn(
                        "{}: expected footer key {}, was absent; its candles are not de-duplicated",
                        file,
                        CandleParquetWriter.OPEN_TIMES_KEY);
                return;
            }
            times.addAll(OpenTimes.parse(text, step));
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "{}: expected a readable Parquet footer, was {}; its candles are not de-duplicated",
                    file,
                    e.toString());
        }
    }
}
