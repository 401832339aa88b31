package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code bench}: raw exchange messages through the real parser, bus, aggregation and bands, and
 * prints one line of throughput and message-to-band latency (see {@link BenchOptions#usage()}).
 */
final class BenchCommand {
    private BenchCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--recorder")) {
            List<String> rest = new java.util.ArrayList<>(args);
            rest.remove("--recorder");
            return RecorderBenchCommand.run(rest, out, err);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (ConfigException e) {
            err.println("candlebus bench: " + e.getMessage());
            err.println("Run 'bench --help' for the options.");
            return 2;
        }
        if (options.help()) {
            out.print(BenchOptions.usage());
            return 0;
        }
        try {
            if (options.write() != null) {
                BenchMessages.write(BenchMessages.generate(options.messages()), options.write());
                err.println("candlebus bench: wrote " + options.messages() + " messages to " + options.write());
                return 0;
            }
            BenchResult result = measure(options);
            out.println(result.line());
            err.println("candlebus bench: live bands " + result.liveBands() + ", closed bands " + result.closedBands()
                    + ", rejected messages " + result.badInput());
            err.println(String.format(
                    java.util.Locale.ROOT,
                    "candlebus bench: cpu_s=%.2f msgs_per_cpu_s=%.0f (all threads of this process)",
                    result.cpuNanos() / 1e9,
                    result.perCpuSecond()));
            return 0;
        } catch (IOException e) {
            err.println("candlebus bench: " + e);
            return 2;
        } catch (TimeoutException e) {
            err.println("candlebus bench: " + e.getMessage());
            return 1;
        }
    }

    static BenchResult measure(BenchOptions options) throws IOException, TimeoutException {
        if (options.warmup() > 0) {
            BenchRun.run(BenchMessages.generate(options.warmup()), 0);
        }
        byte[][] messages = options.input() != null
                ? BenchMessages.read(options.input())
                : BenchMessages.generate(options.messages());
        // The input (330 MB for a million messages) is fresh in the young generation: left there, every
        // young collection of the measured run would copy it between survivor spaces again (pauses of
        // 60 to 400 ms were seen), a cost of the bench, not of the path. A full collection now moves it
        // to the old generation once; the driver hands over a fresh copy of each message, as the
        // websocket hands the feed a fresh byte[] per frame.
        System.gc();
        return BenchRun.run(messages, options.rate());
    }
}
