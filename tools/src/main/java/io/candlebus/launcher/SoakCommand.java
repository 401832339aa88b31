package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code soak} sub-command: runs every role against the simulator on an accelerated clock under a
 * seeded random fault schedule and checks the closed candles and the Parquet dataset against the
 * simulator's truth (see {@link SoakRun}). Bad options exit 2, a failed check 1.
 */
final class SoakCommand {
    private SoakCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err, NodeStarter nodes) {
        // --orders picks the order soak (OrderSoakRun); every other option means the same in both.
        boolean orders = args.contains("--orders");
        args = args.stream().filter(a -> !a.equals("--orders")).toList();
        if (orders && args.stream().noneMatch(a -> a.equals("--speed") || a.startsWith("--speed="))) {
            // Binance's recvWindow is 60 sim seconds: at 600x a machine's pause of 100 ms real would pass it.
            args = new java.util.ArrayList<>(args);
            args.add("--speed=" + OrderSoakRun.DEFAULT_SPEED);
        }
        SoakOptions options;
        Path data;
        try {
            options = SoakOptions.parse(args);
            if (options.help()) {
                out.print(SoakOptions.usage());
                out.printf(
                        "  %-20s %s%n",
                        "--orders", "trade the signals live against the simulator under its order faults instead");
                out.println("                       (default speed 60); the last line is 'intents=N orders=N"
                        + " duplicates=N lost=N mismatched=N', the exit code 1 unless the last three are 0");
                return 0;
            }
            data = dataDir(options.data());
        } catch (ConfigException e) {
            err.println("candlebus soak: " + e.getMessage());
            err.println("Run 'java -jar candlebus.jar soak --help' for the options.");
            return 2;
        }
        Path logFile = data.resolve("soak.log");
        out.println("soak: data in " + data);
        out.println("soak: log in " + logFile);
        SoakLog log = SoakLog.redirect(logFile);
        try {
            return orders
                    ? new OrderSoakRun(options, data, out, nodes).run()
                    : new SoakRun(options, data, out, nodes).run();
        } catch (Exception e) {
            err.println("candlebus soak: failed: " + e);
            return 1;
        } finally {
            log.close();
        }
    }

    /** Returns the data directory: the one given (new or without a dataset), else a fresh temporary one. */
    private static Path dataDir(Path given) {
        try {
            if (given == null) {
                return Files.createTempDirectory("candlebus-soak-").toAbsolutePath();
            }
            Path dir = Files.createDirectories(given).toAbsolutePath();
            if (Files.exists(dir.resolve("candles"))) {
                // Candles of an earlier run would be counted as recorded but never published.
                throw new ConfigException(
                        "--data", "a new directory or one without a candles/ dataset", given.toString());
            }
            return dir;
        } catch (IOException e) {
            throw new ConfigException("--data", "a directory that can be created", given + " (" + e + ")");
        }
    }
}
