package io.candlebus.launcher;

import static io.candlebus.market.MarketConfig.MAX_FEED_CONNECTIONS;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Instrument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak command's options.
 *
 * @param simHours how many hours of sim time the soak runs (faults and checks)
 * @param faults how many faults it injects
 * @param seed the seed of the simulator's market and of the fault schedule
 * @param speed how many times faster than real time the sim clock runs
 * @param data where the recorder writes, or null for a fresh temporary directory
 * @param instruments the instruments followed, empty for the demo set
 * @param feedConnections the node's {@code market.feedConnections}: the websocket connections (each its own feed)
 *     a Bithumb or Upbit market's codes are spread over
 * @param help whether only the usage was asked for
 */
record SoakOptions(
        double simHours,
        int faults,
        long seed,
        double speed,
        Path data,
        List<Instrument> instruments,
        int feedConnections,
        boolean help) {

    static final double DEFAULT_HOURS = 24;
    static final int DEFAULT_FAULTS = 1000;
    static final long DEFAULT_SEED = 7;
    static final double DEFAULT_SPEED = 600;
    static final int DEFAULT_FEED_CONNECTIONS = 1;
    /** The shortest soak: the fault window leaves a few sim minutes for warm-up and twenty for recovery. */
    static final double MIN_HOURS = 0.5;

    SoakOptions {
        instruments = List.copyOf(instruments);
    }

    static String usage() {
        return "Usage: java -jar candlebus.jar soak [options]\n\n"
                + "Runs every role against the simulator on an accelerated clock with a random fault schedule,\n"
                + "records to Parquet and checks every closed candle against the simulator's truth. The last line\n"
                + "is 'streams=N candles=N faults=N lost=N duplicated=N mismatched=N'; the exit code is 1 unless\n"
                + "the last three are 0.\n\n"
                + String.format("  %-20s %s%n", "--sim-hours H", "sim hours to run, at least 0.5 (default 24)")
                + String.format("  %-20s %s%n", "--faults N", "faults to inject, 0 or more (default 1000)")
                + String.format("  %-20s %s%n", "--seed S", "seed of the market and the fault schedule (default 7)")
                + String.format("  %-20s %s%n", "--speed X", "sim clock speed, 1 to 5000 times real time (default 600)")
                + String.format(
                        "  %-20s %s%n", "--data DIR", "where Parquet goes (default: a fresh temporary directory)")
                + String.format("  %-20s %s%n", "--instruments A,B", "instrument keys (default: the demo set)")
                + String.format(
                        "  %-20s %s%n",
                        "--feed-connections N",
                        "connections (feeds) a Bithumb/Upbit market is spread over, 1 to 16 (default 1)");
    }

    /** Parses the arguments after {@code soak}; a bad one throws a ConfigException naming it. */
    static SoakOptions parse(List<String> args) {
        double hours = DEFAULT_HOURS;
        int faults = DEFAULT_FAULTS;
        long seed = DEFAULT_SEED;
        double speed = DEFAULT_SPEED;
        Path data = null;
        List<Instrument> instruments = List.of();
        int feedConnections = DEFAULT_FEED_CONNECTIONS;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                return new SoakOptions(hours, faults, seed, speed, data, instruments, feedConnections, true);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(name + ": expected a value after the option, was nothing");
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--sim-hours" -> hours = number(name, value, MIN_HOURS, 24 * 365, "a number of hours from 0.5");
                case "--faults" -> faults = (int) integer(name, value, 0, 1_000_000, "an integer from 0 to 1000000");
                case "--seed" -> seed = integer(name, value, Long.MIN_VALUE, Long.MAX_VALUE, "an integer");
                case "--speed" -> speed = number(name, value, 1, 5_000, "a number from 1 to 5000");
                case "--data" -> data = path(name, value);
                case "--instruments" -> instruments = instruments(name, value);
                case "--feed-connections" -> feedConnections = (int)
                        integer(name, value, 1, MAX_FEED_CONNECTIONS, "an integer from 1 to " + MAX_FEED_CONNECTIONS);
                default -> throw new ConfigException("soak: expected one of --sim-hours, --faults, --seed, --speed,"
                        + " --data, --instruments, --feed-connections, --help, was '" + arg + "'");
            }
        }
        return new SoakOptions(hours, faults, seed, speed, data, instruments, feedConnections, false);
    }

    private static double number(String name, String value, double min, double max, String expected) {
        try {
            double v = Double.parseDouble(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with what was expected.
        }
        throw new ConfigException(name, expected, value);
    }

    private static long integer(String name, String value, long min, long max, String expected) {
        try {
            long v = Long.parseLong(value.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below with what was expected.
        }
        throw new ConfigException(name, expected, value);
    }

    private static Path path(String name, String value) {
        if (value.isBlank()) {
            throw new ConfigException(name, "a directory path", value);
        }
        return Path.of(value);
    }

    private static List<Instrument> instruments(String name, String value) {
        List<Instrument> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                Instrument i = Instrument.parse(part.trim());
                if (!out.contains(i)) {
                    out.add(i);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        name, "instrument keys such as binance:spot:BTCUSDT,bithumb:spot:KRW-BTC", part);
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(name, "at least one instrument key", value);
        }
        return out;
    }
}
