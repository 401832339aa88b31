package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Interval;
import io.candlebus.market.MarketConfig;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench command's options.
 *
 * @param input a file of JSON lines (Bithumb websocket messages), or null to generate
 * @param messages how many trade messages to generate when there is no input file
 * @param rate messages per second to pace the stream at, or 0 to run flat out
 * @param warmup messages of one warm-up round (generated, or the first of the input), run at the rate in a fresh Vert.x
 *     and not measured; rounds repeat while the JIT still compiles much
 * @param warmupRounds warm-up rounds at most
 * @param write a file to write the generated messages to as JSON lines, instead of measuring; or null
 * @param help whether only the usage was asked for
 * @param eventLoops the Vert.x event-loop pool size
 * @param shards candle shards, 0 for one per event loop
 * @param feedConnections connections (feed verticles) the codes are spread over
 * @param markets markets of the generated stream
 * @param intervals candle intervals
 */
record BenchOptions(
        Path input,
        int messages,
        double rate,
        int warmup,
        int warmupRounds,
        Path write,
        boolean help,
        int eventLoops,
        int shards,
        int feedConnections,
        int markets,
        List<Interval> intervals) {
    static final int DEFAULT_MESSAGES = 1_000_000;
    static final int DEFAULT_WARMUP = 200_000;
    static final int DEFAULT_WARMUP_ROUNDS = 8;
    static final int DEFAULT_MARKETS = BenchMessages.FIRST_CODES.length;
    static final List<Interval> DEFAULT_INTERVALS = List.of(Interval.M1, Interval.M5);

    BenchOptions {
        intervals = List.copyOf(intervals);
    }

    /** The options of a run of {@code messages} generated messages (or of {@code input}) with the defaults. */
    static BenchOptions of(Path input, int messages, double rate, int warmup) {
        return new BenchOptions(
                input,
                messages,
                rate,
                warmup,
                DEFAULT_WARMUP_ROUNDS,
                null,
                false,
                VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE,
                0,
                1,
                DEFAULT_MARKETS,
                DEFAULT_INTERVALS);
    }

    /** The node's layout these options ask for. */
    BenchSetup setup() {
        return new BenchSetup(
                eventLoops, shards > 0 ? shards : eventLoops, feedConnections, intervals, BenchSetup.WARMUP_CANDLES);
    }

    static String usage() {
        return "Usage: java -jar candlebus.jar bench [options]\n\n"
                + "Drives raw Bithumb websocket messages through the verticles a node deploys (the Bithumb feed, the\n"
                + "candle shards, the strategy), entered at the feed's websocket frame handler, against an in-process\n"
                + "simulator for REST, and prints one line:\n"
                + "'messages=N msgs_per_s=X p50_us=X p99_us=X p999_us=X' (message-to-band latency).\n\n"
                + String.format("  %-18s %s%n", "--input FILE", "JSON lines of Bithumb websocket (trade) messages")
                + String.format("  %-18s %s%n", "--messages N", "generate N trade messages (default 1000000)")
                + String.format("  %-18s %s%n", "--rate R", "pace the stream at R messages/s (default: flat out)")
                + String.format(
                        "  %-18s %s%n",
                        "--warmup N",
                        "rounds of N messages first (generated, or the first of the input) at the rate, unmeasured, until the JIT settles (default 200000)")
                + String.format("  %-18s %s%n", "--warmup-rounds N", "warm-up rounds at most (default 8)")
                + String.format(
                        "  %-18s %s%n",
                        "--write FILE",
                        "write the generated messages to FILE as JSON lines and exit (for other programs)")
                + String.format(
                        "  %-18s %s%n",
                        "--event-loops N",
                        "Vert.x event loops (default " + VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE + ", 2 x cores)")
                + String.format("  %-18s %s%n", "--shards N", "candle shards (default: one per event loop)")
                + String.format(
                        "  %-18s %s%n",
                        "--feed-connections N",
                        "connections the codes are spread over, a feed verticle each (default 1)")
                + String.format("  %-18s %s%n", "--instruments N", "markets of the generated stream (default 4)")
                + String.format("  %-18s %s%n", "--intervals LIST", "candle intervals (default 1m,5m)");
    }

    /** Parses the command line; throws {@link ConfigException} naming the option for a bad value. */
    static BenchOptions parse(List<String> args) {
        Path input = null;
        int messages = DEFAULT_MESSAGES;
        double rate = 0;
        int warmup = DEFAULT_WARMUP;
        int warmupRounds = DEFAULT_WARMUP_ROUNDS;
        Path write = null;
        int eventLoops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
        int shards = 0;
        int feedConnections = 1;
        int markets = DEFAULT_MARKETS;
        List<Interval> intervals = DEFAULT_INTERVALS;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                return new BenchOptions(
                        null,
                        messages,
                        rate,
                        warmup,
                        warmupRounds,
                        null,
                        true,
                        eventLoops,
                        shards,
                        feedConnections,
                        markets,
                        intervals);
            }
            if (i + 1 >= args.size()) {
                throw new ConfigException(flag, "a value after it", "nothing");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--input" -> input = Path.of(value);
                case "--messages" -> messages = count("--messages", value, 1, Integer.MAX_VALUE);
                case "--warmup" -> warmup = count("--warmup", value, 0, Integer.MAX_VALUE);
                case "--warmup-rounds" -> warmupRounds = count("--warmup-rounds", value, 1, 100);
                case "--rate" -> rate = rate(value);
                case "--write" -> write = Path.of(value);
                case "--event-loops" -> eventLoops = count("--event-loops", value, 1, 256);
                case "--shards" -> shards = count("--shards", value, 1, 256);
                case "--feed-connections" -> feedConnections =
                        count("--feed-connections", value, 1, MarketConfig.MAX_FEED_CONNECTIONS);
                case "--instruments" -> markets = count("--instruments", value, 1, 9_999);
                case "--intervals" -> intervals = intervals(value);
                default -> throw new ConfigException(
                        "bench",
                        "one of --input, --messages, --rate, --warmup, --warmup-rounds, --write, --event-loops, --shards, --feed-connections,"
                                + " --instruments, --intervals",
                        flag);
            }
        }
        return new BenchOptions(
                input,
                messages,
                rate,
                warmup,
                warmupRounds,
                write,
                false,
                eventLoops,
                shards,
                feedConnections,
                markets,
                intervals);
    }

    private static int count(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new ConfigException(flag, "an integer from " + min + " to " + max, value);
    }

    private static double rate(String value) {
        try {
            double r = Double.parseDouble(value.trim());
            if (Double.isFinite(r) && r > 0) {
                return r;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new ConfigException("--rate", "messages per second > 0", value);
    }

    /** Parses {@code 1m,5m,15m}: 1m first, each larger than the one before, as {@code market.intervals} must be. */
    private static List<Interval> intervals(String value) {
        List<Interval> out = new ArrayList<>();
        for (String code : value.split(",")) {
            Interval interval;
            try {
                interval = Interval.parse(code.trim());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--intervals", "interval codes such as 1m,5m,15m", value);
            }
            if (!out.isEmpty() && interval.millis() <= out.get(out.size() - 1).millis()) {
                throw new ConfigException("--intervals", "intervals from the smallest up, each once", value);
            }
            out.add(interval);
        }
        if (out.isEmpty() || out.get(0) != Interval.M1) {
            throw new ConfigException("--intervals", "a list starting with 1m", value);
        }
        return out;
    }
}
