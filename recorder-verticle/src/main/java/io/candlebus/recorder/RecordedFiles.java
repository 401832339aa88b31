package io.candlebus.recorder;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Lists which candle open times each part file of a recorded dataset holds, from the names and footers
 * the recorder writes and without reading rows (so without Hadoop at run time): an audit such as the
 * soak command checks a dataset for gaps and repeats with it. Unlike the recorder's own index, it keeps
 * files apart, so a key held by two files shows up twice.
 */
public final class RecordedFiles {
    private RecordedFiles() {}

    /** One part file: the instrument and interval of its partition and the open times it holds. */
    public record PartFile(Instrument instrument, Interval interval, Path file, List<Run> runs) {
        public PartFile {
            runs = List.copyOf(runs);
        }

        /** Returns how many open times the file holds. */
        public long count() {
            return runs.stream()
                    .mapToLong(r -> (r.last() - r.first()) / interval.millis() + 1)
                    .sum();
        }
    }

    /** Consecutive open times from {@code first} to {@code last} inclusive, one interval apart. */
    public record Run(long first, long last) {}

    /**
     * Returns every visible {@code .parquet} file under {@code dataDir/candles}, sorted by path; empty if
     * there is no dataset. A file in a directory that is not a partition, or with neither a contiguous
     * part-file name nor the footer key {@code candlebus.open_times}, fails with an IOException naming it.
     */
    public static List<PartFile> list(Path dataDir) throws IOException {
        Path root = dataDir.resolve(PartitionPath.DATASET);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(RecordedFiles::isVisibleParquet)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
        List<PartFile> out = new ArrayList<>(files.size());
        for (Path file : files) {
            out.add(read(root, file));
        }
        return out;
    }

    private static boolean isVisibleParquet(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(file);
    }

    private static PartFile read(Path root, Path file) throws IOException {
        Path dir = root.relativize(file.getParent());
        if (dir.getNameCount() != 5) {
            throw new IOException(
                    file + ": expected exchange=/market=/symbol=/interval=/date= directories, was " + dir);
        }
        Instrument instrument;
        Interval interval;
        try {
            instrument = Instrument.of(value(dir, 0, "exchange"), value(dir, 1, "market"), value(dir, 2, "symbol"));
            interval = Interval.parse(value(dir, 3, "interval"));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    file + ": expected a candle partition directory, was " + dir + " (" + e.getMessage() + ")");
        }
        long step = interval.millis();
        Optional<PartFileName> name = PartFileName.parse(file.getFileName().toString());
        if (name.isPresent() && name.get().isContiguous(step)) {
            return new PartFile(
                    instrument,
                    interval,
                    file,
                    List.of(new Run(name.get().firstOpenTime(), name.get().lastOpenTime())));
        }
        String text = ParquetFooter.keyValueMetadata(file).get(CandleParquetWriter.OPEN_TIMES_KEY);
        if (text == null) {
            throw new IOException(file + ": expected a contiguous part-file name or footer key "
                    + CandleParquetWriter.OPEN_TIMES_KEY + ", was neither");
        }
        List<Run> runs = new ArrayList<>();
        try {
            // Parsing through OpenTimes validates the runs and puts them in order.
            String normalized = OpenTimes.parse(text, step).toText();
            for (String part : normalized.isEmpty() ? new String[0] : normalized.split(",")) {
                int colon = part.indexOf(':', 1);
                runs.add(new Run(Long.parseLong(part.substring(0, colon)), Long.parseLong(part.substring(colon + 1))));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
        return new PartFile(instrument, interval, file, runs);
    }

    private static String value(Path dir, int index, String key) {
        String part = dir.getName(index).toString();
        if (!part.startsWith(key + "=")) {
            throw new IllegalArgumentException(key + ": expected a directory " + key + "=..., was '" + part + "'");
        }
        return part.substring(key.length() + 1);
    }
}
