package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code backfill} (see {@link #usage()}).
 *
 * @param maxRows stop after this many rows were handed to the recorder (0 = no limit): an interruption on
 *     purpose, for trying out the resume rule
 * @param progressMillis real time between progress lines on stderr
 */
record BackfillOptions(
        List<Instrument> instruments,
        List<Interval> intervals,
        long from,
        long to,
        Path data,
        String source,
        long maxRows,
        long progressMillis,
        int weightBudget,
        boolean help) {

    static final long DEFAULT_PROGRESS_MILLIS = 2_000;
    /** Binance allows 6,000 request weight per minute on spot; stay well inside it, others share the IP. */
    static final int DEFAULT_WEIGHT_BUDGET = 2_400;

    BackfillOptions {
        instruments = List.copyOf(instruments);
        intervals = List.copyOf(intervals);
    }

    /** Returns the largest interval asked for: the range and every resume point align to it. */
    Interval largest() {
        return intervals.stream().max(Interval::compareTo).orElseThrow();
    }

    static BackfillOptions parse(List<String> args) {
        List<Instrument> instruments = null;
        List<Interval> intervals = null;
        Long from = null;
        Long to = null;
        Path data = null;
        String source = "live";
        long maxRows = 0;
        long progress = DEFAULT_PROGRESS_MILLIS;
        int weight = DEFAULT_WEIGHT_BUDGET;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                return new BackfillOptions(List.of(), List.of(), 0, 0, null, source, 0, progress, weight, true);
            }
            if (i + 1 >= args.size()) {
                throw new ConfigException("backfill: unknown or incomplete option " + a);
            }
            String v = args.get(++i);
            switch (a) {
                case "--instruments" -> instruments = instruments(v);
                case "--intervals" -> intervals = intervals(v);
                case "--from" -> from = time("--from", v);
                case "--to" -> to = time("--to", v);
                case "--data" -> data = Path.of(v);
                case "--source" -> {
                    if (!v.equals("sim") && !v.equals("live")) {
                        throw new ConfigException("--source", "sim or live", v);
                    }
                    source = v;
                }
                case "--max-rows" -> maxRows = number("--max-rows", v, 0, Long.MAX_VALUE);
                case "--progress-millis" -> progress = number("--progress-millis", v, 100, 3_600_000);
                case "--weight-budget" -> weight = (int) number("--weight-budget", v, 10, 6_000);
                default -> throw new ConfigException("backfill: unknown option " + a);
            }
        }
        require(instruments, "--instruments", "exchange:market:symbol,...");
        require(intervals, "--intervals", "intervals such as 1m,5m");
        require(from, "--from", "an ISO-8601 instant such as 2026-01-01T00:00Z");
        require(to, "--to", "an ISO-8601 instant such as 2026-01-02T00:00Z");
        require(data, "--data", "the dataset directory (the node's --data)");
        if (from >= to) {
            throw new ConfigException(
                    "--to", "a time after --from " + Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
        }
        Interval largest = intervals.stream().max(Interval::compareTo).orElseThrow();
        if (!largest.isAligned(from)) {
            throw new ConfigException(
                    "--from", "a multiple of the largest interval " + largest, Instant.ofEpochMilli(from));
        }
        if (!largest.isAligned(to)) {
            throw new ConfigException(
                    "--to", "a multiple of the largest interval " + largest, Instant.ofEpochMilli(to));
        }
        return new BackfillOptions(instruments, intervals, from, to, data, source, maxRows, progress, weight, false);
    }

    private static List<Instrument> instruments(String v) {
        List<Instrument> out = new ArrayList<>();
        for (String key : v.split(",", -1)) {
            try {
                out.add(Instrument.parse(key.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--instruments", "exchange:market:symbol, comma-separated", key);
            }
        }
        return out.stream().distinct().toList();
    }

    private static List<Interval> intervals(String v) {
        List<Interval> out = new ArrayList<>();
        for (String code : v.split(",", -1)) {
            Interval interval;
            try {
                interval = Interval.parse(code.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--intervals", "intervals such as 1m,5m,1h", code);
            }
            if (interval.millis() < Interval.M1.millis()) {
                throw new ConfigException("--intervals", "1m or larger (REST history is by minute)", code);
            }
            out.add(interval);
        }
        return out.stream().distinct().sorted().toList();
    }

    private static long time(String name, String v) {
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new ConfigException(name, "an ISO-8601 instant such as 2026-01-01T00:00Z", v);
            }
        }
    }

    private static long number(String name, String v, long min, long max) {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        throw new ConfigException(name, "an integer from " + min + " to " + max, v);
    }

    private static void require(Object value, String name, String expected) {
        if (value == null) {
            throw new ConfigException(name, expected, "missing");
        }
    }

    /** Returns whether any instrument is on {@code exchange}. */
    boolean has(Exchange exchange) {
        return instruments.stream().anyMatch(i -> i.exchange() == exchange);
    }

    static String usage() {
        return """
                Usage: java -jar candlebus.jar backfill --instruments A,B --intervals 1m,5m --from T --to T --data DIR
                                                        [--source live|sim] [--max-rows N] [--weight-budget N]
                                                        [--progress-millis N] [--cluster --cluster-name N ...]

                Downloads the closed 1m klines of [--from, --to) from each venue's REST API (Binance klines,
                Bithumb minute candles with minutes without trades flat at the close before them), builds the
                larger intervals from them as a live node does, and records them through the recorder into the
                same dataset, each key once: keys already in DIR are not written again.
                  --instruments    exchange:market:symbol, comma-separated (binance:spot:BTCUSDT,bithumb:spot:KRW-BTC)
                  --intervals      1m and larger, comma-separated; --from and --to align to the largest
                  --from, --to     ISO-8601 instants (2026-01-01T00:00Z); --to is exclusive
                  --source         live (default): the real venues; sim: the built-in simulator, with history
                                   covering the range (for trying the command out)
                  --max-rows N     stop after N rows were handed to the recorder (then exit 3)
                  --weight-budget  Binance request weight per minute to stay under (default 2400 of 6000)
                  --cluster ...    join the nodes' cluster (the node's --cluster-* flags, environment variables
                                   and config file) and deliver to the live recorders that own the streams, so
                                   a backfill may run while they record the same streams; without a recorder
                                   running (or without --cluster) it starts one of its own
                Resume: run the same command again. Each instrument starts at the first key of the range missing
                on disk (aligned down to the largest interval), so a restart costs what is missing.
                Progress lines go to stderr; the last line on stdout is
                  backfill: streams=N rows=N written=N skipped=N
                Exit code 0 when the range is complete, 3 when stopped early (--max-rows, Ctrl-C), 1 on a failure,
                2 on a usage error.
                """;
    }
}
