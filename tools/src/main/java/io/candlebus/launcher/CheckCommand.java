package io.candlebus.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code check --data DIR}: proves a recorded dataset. One line per stream (first and last open time,
 * rows, duplicates, missing candles, files, unreadable files), one line per hole and per unreadable
 * file below a damaged stream, then {@code streams=N rows=N duplicates=N holes=N unreadable=N}. Exits 0
 * only when the last three are 0, 1 when something is damaged, 2 on a usage error.
 */
final class CheckCommand {
    /** Holes listed per stream before the rest is summarised: a dead feed for a week is 10,080 holes. */
    private static final int LISTED = 50;

    private CheckCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Path data = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.print(usage());
                return 0;
            }
            if (a.equals("--data") && i + 1 < args.size()) {
                data = Path.of(args.get(++i));
            } else {
                err.println("check: unknown or incomplete option " + a + "; expected --data DIR");
                return 2;
            }
        }
        if (data == null) {
            err.println("check: --data: expected the dataset directory (the node's --data), was missing");
            return 2;
        }
        if (!Files.isDirectory(data)) {
            err.println("check: --data: expected a directory, was " + (Files.exists(data) ? "a file" : "absent") + ": "
                    + data);
            return 2;
        }
        List<StreamCheck> streams;
        try {
            streams = DatasetCheck.run(data);
        } catch (IOException e) {
            err.println("check: cannot read " + data + ": " + e.getMessage());
            return 2;
        }
        long rows = 0, duplicates = 0, holes = 0, unreadable = 0;
        for (StreamCheck s : streams) {
            print(s, out);
            rows += s.rows();
            duplicates += s.duplicates();
            holes += s.missing();
            unreadable += s.unreadable().size();
        }
        out.printf(
                "streams=%d rows=%d duplicates=%d holes=%d unreadable=%d%n",
                streams.size(), rows, duplicates, holes, unreadable);
        return duplicates + holes + unreadable == 0 ? 0 : 1;
    }

    private static void print(StreamCheck s, PrintStream out) {
        out.printf(
                "%-7s %s first=%s last=%s rows=%d duplicates=%d holes=%d files=%d unreadable=%d%s%n",
                s.damaged() ? "DAMAGED" : "ok",
                s.stream(),
                time(s.first()),
                time(s.last()),
                s.rows(),
                s.duplicates(),
                s.missing(),
                s.files(),
                s.unreadable().size(),
                s.tempFiles() == 0 ? "" : " temp=" + s.tempFiles());
        s.holes().stream().limit(LISTED).forEach(h -> out.println("  " + h));
        if (s.holes().size() > LISTED) {
            out.println("  ... and " + (s.holes().size() - LISTED) + " more holes");
        }
        s.unreadable().forEach(u -> out.println("  unreadable " + u));
    }

    private static String time(long epochMillis) {
        return epochMillis == Long.MIN_VALUE
                ? "-"
                : Instant.ofEpochMilli(epochMillis).toString();
    }

    static String usage() {
        return """
                Usage: java -jar candlebus.jar check --data DIR

                Reads every Parquet file of a recorded dataset back and prints, per stream (exchange, market,
                symbol, interval): first and last open time, rows, duplicates, holes (missing candles between
                the first and the last, each listed), files and unreadable files; then one line
                  streams=N rows=N duplicates=N holes=N unreadable=N
                Exit code 0 when duplicates, holes and unreadable are all 0; 1 otherwise; 2 on a usage error.
                """;
    }
}
