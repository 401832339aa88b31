package io.candlebus.recorder;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the stream-days to compact: every {@code date=D} directory of the dataset whose UTC day ended at
 * least the delay before now, plus every day an interrupted compaction left staged. A day seen with at most
 * one file is remembered with its directory's modification time and skipped until that changes (a part
 * added or removed changes it), so a pass over a long history costs one {@code stat} per day. Not
 * thread-safe: one pass at a time.
 */
final class DueDays {
    private static final String[] LEVELS = {"exchange=", "market=", "symbol=", "interval=", "date="};
    /** Modification times this recent are not trusted to move on a later change (coarse file-system ticks). */
    private static final long SETTLE_MILLIS = 2_000L;

    private final Path dataDir;
    private final Map<PartitionPath, FileTime> settled = new HashMap<>();

    DueDays(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Returns the days due at {@code nowMillis} (clock time) with {@code delayMillis}, staged ones first. */
    List<PartitionPath> due(long nowMillis, long delayMillis) throws IOException {
        Set<PartitionPath> out = new LinkedHashSet<>(days(dataDir.resolve(DayCompactor.STAGING)));
        for (PartitionPath day : days(dataDir)) {
            long end = day.date()
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant()
                    .toEpochMilli();
            if (end + delayMillis > nowMillis) {
                continue;
            }
            FileTime seen = settled.get(day);
            if (seen != null && seen.equals(modified(day))) {
                continue;
            }
            out.add(day);
        }
        return new ArrayList<>(out);
    }

    /**
     * Remembers that {@code day} holds at most one file now (wall time {@code wallNowMillis}), unless its
     * directory changed too recently for its modification time to be trusted.
     */
    void settled(PartitionPath day, long wallNowMillis) throws IOException {
        FileTime modified = modified(day);
        if (modified != null && modified.toMillis() < wallNowMillis - SETTLE_MILLIS) {
            settled.put(day, modified);
        } else {
            settled.remove(day);
        }
    }

    private FileTime modified(PartitionPath day) throws IOException {
        try {
            return Files.getLastModifiedTime(dataDir.resolve(day.relativeDir()));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Returns every day directory under {@code base/candles}, parsed; directories that do not parse are skipped. */
    private static List<PartitionPath> days(Path base) throws IOException {
        List<Path> level = List.of(base.resolve(PartitionPath.DATASET));
        for (String prefix : LEVELS) {
            List<Path> next = new ArrayList<>();
            for (Path dir : level) {
                try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                    for (Path child : children) {
                        if (child.getFileName().toString().startsWith(prefix) && Files.isDirectory(child)) {
                            next.add(child);
                        }
                    }
                } catch (NoSuchFileException e) {
                    // Gone meanwhile, or no dataset yet.
                }
            }
            level = next;
        }
        List<PartitionPath> out = new ArrayList<>(level.size());
        for (Path date : level) {
            try {
                out.add(new PartitionPath(
                        Instrument.of(
                                value(date.getParent().getParent().getParent().getParent()),
                                value(date.getParent().getParent().getParent()),
                                value(date.getParent().getParent())),
                        Interval.parse(value(date.getParent())),
                        LocalDate.parse(value(date))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // Not a directory the recorder wrote: never compacted.
            }
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out;
    }

    private static String value(Path dir) {
        String name = dir.getFileName().toString();
        return name.substring(name.indexOf('=') + 1);
    }
}
