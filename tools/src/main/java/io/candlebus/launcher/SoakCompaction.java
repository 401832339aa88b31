package io.candlebus.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The soak's compaction check: every stream-day of the dataset that ended early enough for the recorder to
 * have compacted it must be exactly one file ({@code date=D} directories under
 * {@code DIR/candles/exchange=…/market=…/symbol=…/interval=…}).
 */
final class SoakCompaction {
    private SoakCompaction() {}

    /** How many stream-days were due and how many of them are one file; {@code others} names the rest. */
    record Result(int due, int oneFile, List<String> others) {
        boolean clean() {
            return due == oneFile;
        }
    }

    /** Checks the days of {@code dataDir} whose UTC end is at or before {@code dueBy} (epoch ms). */
    static Result check(Path dataDir, long dueBy) throws IOException {
        Path root = dataDir.resolve("candles");
        if (!Files.isDirectory(root)) {
            return new Result(0, 0, List.of());
        }
        List<Path> days;
        try (Stream<Path> walk = Files.walk(root, 5)) {
            days = walk.filter(p -> p.getFileName().toString().startsWith("date=") && Files.isDirectory(p))
                    .sorted()
                    .toList();
        }
        int due = 0;
        int oneFile = 0;
        List<String> others = new ArrayList<>();
        for (Path day : days) {
            LocalDate date = LocalDate.parse(day.getFileName().toString().substring("date=".length()));
            long end = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (end > dueBy) {
                continue;
            }
            due++;
            long files;
            try (Stream<Path> list = Files.list(day)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")
                                && !p.getFileName().toString().startsWith("."))
                        .count();
            }
            if (files == 1) {
                oneFile++;
            } else {
                others.add(root.relativize(day) + " has " + files + " files");
            }
        }
        return new Result(due, oneFile, others);
    }
}
