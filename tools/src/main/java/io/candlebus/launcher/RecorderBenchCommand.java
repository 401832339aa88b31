package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.recorder.RecorderConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** {@code bench --recorder}: parses the options of {@link RecorderBench} and prints its line. */
final class RecorderBenchCommand {
    static final long DEFAULT_ROWS = 1_000_000;
    static final int DEFAULT_STREAMS = 100;
    /** Unacknowledged candles at most: two full recorder buffers, what the recorder holds before refusing. */
    static final int DEFAULT_WINDOW = 20_000;
    /** Candles per bus request, the outbox's default. */
    static final int DEFAULT_BATCH = io.candlebus.market.candle.RecorderOutbox.Batching.DEFAULT.maxBatch();

    /**
     * Rows of the warm-up run before the measured one (at most --rows): on the development machine the JIT
     * compiler's threads used about a quarter of a cold 10M-row run's CPU, most of it in the first million rows.
     */
    static final long DEFAULT_WARMUP_ROWS = 1_000_000;

    private RecorderBenchCommand() {}

    static String usage() {
        return """
                Usage: java -jar candlebus.jar bench --recorder [--rows N] [--streams S] [--window W] [--batch B]
                                                     [--data DIR] [--flush-millis N] [--max-buffered N]
                                                     [--warmup-rows N]

                Pushes N closed 1m candles, minute by minute over S streams, through the market's real recorder
                outbox (owner routing, batches of up to B candles on the event bus, one acknowledgement each) and
                the real recorder verticle (buffer, Parquet writer, rename) with at most W candles
                unacknowledged, and prints 'rows=N rows_per_s=X files=N bytes=N'. The recorder runs with the
                node's defaults (flush every 2000 ms or 10000 candles) unless told otherwise. Without --data the
                dataset goes to a temporary directory that is deleted afterwards. First, in the same JVM, a
                warm-up pushes --warmup-rows candles the same way into a temporary directory (not counted; its
                figures are printed on stderr), so the JIT compiler is mostly done before the measured run.
                Defaults: --rows 1000000 --streams 100 --window 20000 --batch 1000 --warmup-rows 1000000
                (at most --rows; 0 for none).
                """;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        long rows = DEFAULT_ROWS;
        int streams = DEFAULT_STREAMS;
        int window = DEFAULT_WINDOW;
        int batch = DEFAULT_BATCH;
        Path data = null;
        RecorderConfig d = RecorderConfig.defaults();
        long flush = d.flushIntervalMillis();
        int maxBuffered = d.maxBufferedCandles();
        long warmup = -1;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--help") || a.equals("-h")) {
                    out.print(usage());
                    return 0;
                }
                if (i + 1 >= args.size()) {
                    throw new ConfigException(a, "a value after it", "nothing");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--rows" -> rows = number(a, v, 1, Long.MAX_VALUE);
                    case "--streams" -> streams = (int) number(a, v, 1, 100_000);
                    case "--window" -> window = (int) number(a, v, 1, 10_000_000);
                    case "--batch" -> batch = (int) number(a, v, 1, 1_000_000);
                    case "--data" -> data = Path.of(v);
                    case "--flush-millis" -> flush = number(a, v, 1, 3_600_000);
                    case "--max-buffered" -> maxBuffered = (int) number(a, v, 1, 10_000_000);
                    case "--warmup-rows" -> warmup = number(a, v, 0, Long.MAX_VALUE);
                    default -> throw new ConfigException(
                            "bench --recorder",
                            "one of --rows, --streams, --window, --batch, --data, --flush-millis, --max-buffered,"
                                    + " --warmup-rows",
                            a);
                }
            }
            if (batch > window) {
                throw new ConfigException("--batch", "at most --window " + window, String.valueOf(batch));
            }
        } catch (ConfigException e) {
            err.println("candlebus bench: " + e.getMessage());
            err.println("Run 'bench --recorder --help' for the options.");
            return 2;
        }
        long warmupRows = warmup < 0 ? Math.min(rows, DEFAULT_WARMUP_ROWS) : warmup;
        boolean temporary = data == null;
        try {
            if (warmupRows > 0) {
                Path warmDir = Files.createTempDirectory("candlebus-bench-warmup");
                try {
                    RecorderBench.Result w = RecorderBench.run(
                            warmupRows, streams, window, batch, new RecorderConfig(warmDir, flush, maxBuffered));
                    err.println("candlebus bench: warm-up (not counted) " + w.line() + " " + w.cpuText());
                } finally {
                    delete(warmDir);
                }
            }
            Path dir = temporary ? Files.createTempDirectory("candlebus-bench") : data;
            try {
                RecorderBench.Result r =
                        RecorderBench.run(rows, streams, window, batch, new RecorderConfig(dir, flush, maxBuffered));
                out.println(r.line());
                err.println("candlebus bench: " + streams + " streams, batches of " + batch + ", " + r.resent()
                        + " candles refused while a write ran and sent again, " + String.format("%.2f", r.seconds())
                        + " s, " + r.cpuText());
                return 0;
            } finally {
                if (temporary) {
                    delete(dir);
                }
            }
        } catch (Exception e) {
            err.println("candlebus bench: " + e);
            return 1;
        }
    }

    private static long number(String name, String v, long min, long max) {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new ConfigException(name, "an integer from " + min + " to " + max, v);
    }

    private static void delete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
