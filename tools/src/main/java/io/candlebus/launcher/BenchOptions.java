package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import java.nio.file.Path;
import java.util.List;

/**
 * The bench command's options.
 *
 * @param input a file of JSON lines (Bithumb websocket messages), or null to generate
 * @param messages how many trade messages to generate when there is no input file
 * @param rate messages per second to pace the stream at, or 0 to run flat out
 * @param warmup generated messages run flat out first, in a fresh Vert.x, and not measured (JIT warm-up)
 * @param write a file to write the generated messages to as JSON lines, instead of measuring; or null
 * @param help whether only the usage was asked for
 */
record BenchOptions(Path input, int messages, double rate, int warmup, Path write, boolean help) {
    static final int DEFAULT_MESSAGES = 1_000_000;
    static final int DEFAULT_WARMUP = 200_000;

    static String usage() {
        return "Usage: java -jar candlebus.jar bench [options]\n\n"
                + "Drives raw Bithumb websocket messages through the real feed parser, the event bus, the candle\n"
                + "aggregator and the live Bollinger bands in one JVM, and prints one line:\n"
                + "'messages=N msgs_per_s=X p50_us=X p99_us=X p999_us=X' (message-to-band latency).\n\n"
                + String.format("  %-16s %s%n", "--input FILE", "JSON lines of Bithumb websocket (trade) messages")
                + String.format("  %-16s %s%n", "--messages N", "generate N trade messages (default 1000000)")
                + String.format("  %-16s %s%n", "--rate R", "pace the stream at R messages/s (default: flat out)")
                + String.format(
                        "  %-16s %s%n", "--warmup N", "run N generated messages first, unmeasured (default 200000)")
                + String.format(
                        "  %-16s %s%n",
                        "--write FILE",
                        "write the generated messages to FILE as JSON lines and exit (for other programs)");
    }

    /** Parses the command line; throws {@link ConfigException} naming the option for a bad value. */
    static BenchOptions parse(List<String> args) {
        Path input = null;
        int messages = DEFAULT_MESSAGES;
        double rate = 0;
        int warmup = DEFAULT_WARMUP;
        Path write = null;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--help") || flag.equals("-h")) {
                return new BenchOptions(null, messages, rate, warmup, null, true);
            }
            if (i + 1 >= args.size()) {
                throw new ConfigException(flag, "a value after it", "nothing");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--input" -> input = Path.of(value);
                case "--messages" -> messages = count("--messages", value, 1);
                case "--warmup" -> warmup = count("--warmup", value, 0);
                case "--rate" -> rate = rate(value);
                case "--write" -> write = Path.of(value);
                default -> throw new ConfigException(
                        "bench", "one of --input, --messages, --rate, --warmup, --write", flag);
            }
        }
        return new BenchOptions(input, messages, rate, warmup, write, false);
    }

    private static int count(String flag, String value, int min) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new ConfigException(flag, "an integer from " + min + " to " + Integer.MAX_VALUE, value);
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
}
