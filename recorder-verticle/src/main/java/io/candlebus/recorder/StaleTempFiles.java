package io.candlebus.recorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the hidden temporary files ({@code .part-….parquet.tmp}) that writers killed mid-write left in the
 * dataset. A live writer holds its temporary file only while one batch is written and synced (seconds), so a
 * file untouched for {@link #MAX_AGE_MILLIS} belongs to nobody; a younger one may be another recorder's work
 * in progress (recorders share the directory) and is left alone. Readers never see these files: globs such
 * as {@code **}{@code /*.parquet} do not match them and Hive discovery skips hidden names.
 */
final class StaleTempFiles {
    /** One hour: far beyond any single write, well within what a crashed writer should leave lying around. */
    static final long MAX_AGE_MILLIS = 3_600_000L;

    private StaleTempFiles() {}

    /**
     * Deletes, under {@code dataDir}'s dataset, every temporary part file last modified before {@code
     * nowMillis - MAX_AGE_MILLIS} (wall clock: file times are); returns how many. Blocking.
     */
    static int sweep(Path dataDir, long nowMillis) throws IOException {
        Path root = dataDir.resolve(PartitionPath.DATASET);
        if (!Files.isDirectory(root)) {
            return 0;
        }
        FileTime cutoff = FileTime.fromMillis(nowMillis - MAX_AGE_MILLIS);
        List<Path> stale;
        try (Stream<Path> walk = Files.walk(root)) {
            stale = walk.filter(StaleTempFiles::isTempPart)
                    .filter(p -> modifiedBefore(p, cutoff))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        int removed = 0;
        for (Path p : stale) {
            // Another recorder sweeping at the same time may have removed it first.
            if (Files.deleteIfExists(p)) {
                removed++;
            }
        }
        return removed;
    }

    static boolean isTempPart(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".part-") && name.endsWith(".tmp") && Files.isRegularFile(p);
    }

    private static boolean modifiedBefore(Path p, FileTime cutoff) {
        try {
            return Files.getLastModifiedTime(p).compareTo(cutoff) < 0;
        } catch (IOException e) {
            // Gone or unreadable meanwhile: not ours to judge now; the next sweep looks again.
            return false;
        }
    }
}
