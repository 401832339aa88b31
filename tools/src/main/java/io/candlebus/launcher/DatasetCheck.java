package io.candlebus.launcher;

import io.candlebus.contract.Interval;
import io.candlebus.recorder.ParquetCandles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks a recorded dataset ({@code DIR/candles/exchange=…/market=…/symbol=…/interval=…/date=…/part-….parquet})
 * and judges every stream in it with {@link StreamCheck}: each part file's rows are read back, not only its
 * footer or name, so a truncated or corrupt file counts as unreadable.
 */
final class DatasetCheck {
    private static final String[] LEVELS = {"exchange=", "market=", "symbol=", "interval="};

    private DatasetCheck() {}

    /** Returns one result per stream folder under {@code dataDir}, in path order. */
    static List<StreamCheck> run(Path dataDir) throws IOException {
        Path root = Files.isDirectory(dataDir.resolve("candles")) ? dataDir.resolve("candles") : dataDir;
        List<StreamCheck> out = new ArrayList<>();
        for (Path stream : streamDirs(root)) {
            out.add(check(root.relativize(stream).toString(), stream));
        }
        return out;
    }

    private static List<Path> streamDirs(Path root) throws IOException {
        List<Path> level = List.of(root);
        for (String prefix : LEVELS) {
            List<Path> next = new ArrayList<>();
            for (Path dir : level) {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(Files::isDirectory)
                            .filter(p -> p.getFileName().toString().startsWith(prefix))
                            .sorted()
                            .forEach(next::add);
                }
            }
            level = next;
        }
        return level;
    }

    private static StreamCheck check(String relative, Path stream) throws IOException {
        String[] parts = relative.split("/");
        String name = value(parts[0]) + ":" + value(parts[1]) + ":" + value(parts[2]) + " " + value(parts[3]);
        List<Path> files = new ArrayList<>();
        int temp = 0;
        try (Stream<Path> walk = Files.walk(stream)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String file = p.getFileName().toString();
                if (file.startsWith(".part-") && file.endsWith(".tmp")) {
                    temp++;
                } else if (file.endsWith(".parquet") && !file.startsWith(".")) {
                    files.add(p);
                }
            }
        }
        List<String> unreadable = new ArrayList<>();
        Interval interval;
        try {
            interval = Interval.parse(value(parts[3]));
        } catch (IllegalArgumentException e) {
            unreadable.add(parts[3] + ": " + e.getMessage());
            return StreamCheck.of(name, 1, new long[0], files.size(), unreadable, temp);
        }
        LongList openTimes = new LongList();
        for (Path file : files) {
            LongList rows = new LongList();
            try {
                ParquetCandles.readOpenTimes(file, rows::add);
                openTimes.addAll(rows);
            } catch (IOException | RuntimeException e) {
                // parquet-java reports a bad file as any of several runtime exceptions; each is a finding.
                unreadable.add(stream.relativize(file) + ": " + reason(e));
            }
        }
        return StreamCheck.of(name, interval.millis(), openTimes.toArray(), files.size(), unreadable, temp);
    }

    private static String value(String segment) {
        return segment.substring(segment.indexOf('=') + 1);
    }

    private static String reason(Exception e) {
        // parquet-java names the file by its object identity ("LocalInputFile@3b1b..."): say "the file".
        String message =
                e.getMessage() == null ? null : e.getMessage().replaceAll("\\S*LocalInputFile@\\w+", "the file");
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("");
    }

    /** A growable list of primitive longs: a day of 1s candles is 86,400 rows per stream. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(LongList other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
