package io.candlebus.launcher;

import ch.qos.logback.classic.Level;
import io.candlebus.contract.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code bench}: raw Bithumb websocket messages through the verticles a node deploys (feed, candle shards,
 * strategy), and prints one line of throughput and message-to-band latency (see {@link BenchOptions#usage()}).
 */
final class BenchCommand {
    /** JIT time in a warm-up round below which the compiler is taken as settled. */
    private static final long SETTLED_JIT_MILLIS = 150;

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
                BenchMessages.write(BenchMessages.generate(options.messages(), options.markets()), options.write());
                err.println("candlebus bench: wrote " + options.messages() + " messages to " + options.write());
                return 0;
            }
            BenchResult result = measure(options, err);
            out.println(result.line());
            err.println("candlebus bench: live bands " + result.liveBands() + ", closed bands " + result.closedBands()
                    + ", rejected messages " + result.badInput());
            err.println("candlebus bench: " + result.split());
            err.println(String.format(
                    Locale.ROOT,
                    "candlebus bench: cpu_s=%.2f msgs_per_cpu_s=%.0f jit_ms=%d (all threads of this process)",
                    result.cpuNanos() / 1e9,
                    result.perCpuSecond(),
                    result.jitMillis()));
            err.println("candlebus bench: busy="
                    + result.busy().stream()
                            .map(b -> String.format(Locale.ROOT, "%.2f", b))
                            .toList() + " (share of the run on a CPU: each event loop, then the driver)");
            err.println("candlebus bench: placement=" + new TreeMap<>(result.placement())
                    + " (the candle shard whose event loop each feed part ran on, -1: none)");
            err.println(String.format(
                    Locale.ROOT,
                    "candlebus bench: event_loops=%d shards=%d feed_connections=%d markets=%d history_bands=%d"
                            + " untraced_bands=%d"
                            + " rss_mb=%.0f peak_rss_mb=%.0f max_heap_mb=%.0f",
                    result.eventLoops(),
                    result.shards(),
                    result.feedConnections(),
                    result.markets(),
                    result.historyBands(),
                    result.untraced(),
                    result.rssBytes() / 1048576.0,
                    result.peakRssBytes() / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0));
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
        return measure(options, null);
    }

    /** Measures; the warm-up rounds are reported on {@code notes} (null: nowhere). */
    static BenchResult measure(BenchOptions options, PrintStream notes) throws IOException, TimeoutException {
        // The node's INFO lines (every signal, every join to REST) would go to the console the result is printed
        // on, a cost of the console rather than of the path: the bench keeps warnings and errors only.
        level("io.candlebus", Level.WARN);
        // The bench runs no recorder: each shard's outbox holds the closed candles (a node without a live recorder
        // does the same), and at the stop would report every one as lost.
        level("io.candlebus.market.candle.RecorderOutbox", Level.OFF);
        // At the close, heartbeats still published while their readers undeploy.
        level("io.vertx.core.eventbus.impl.MessageConsumerImpl", Level.ERROR);
        BenchSetup setup = options.setup();
        BenchSource source;
        Supplier<BenchSource> warmup;
        if (options.input() != null) {
            byte[][] messages = BenchMessages.read(options.input());
            source = BenchSource.of(messages);
            // The warm-up takes the path of the measured run: messages held in memory, copied on the feed's loop.
            byte[][] first = Arrays.copyOf(messages, Math.min(messages.length, options.warmup()));
            warmup = () -> BenchSource.of(first);
        } else {
            source = BenchSource.generated(options.messages(), options.markets());
            warmup = () -> BenchSource.generated(options.warmup(), options.markets());
        }
        warmUp(options, setup, warmup, notes);
        if (options.input() != null) {
            // The input (330 MB for a million messages) is fresh in the young generation: left there, every young
            // collection of the measured run would copy it between survivor spaces again (pauses of 60 to 400 ms
            // were seen), a cost of the bench, not of the path. A full collection now moves it to the old
            // generation once; each message is copied into a fresh array on the feed's loop, as the websocket hands
            // the feed a fresh byte[] per frame.
            System.gc();
        }
        return BenchRun.run(source, options.rate(), setup);
    }

    /**
     * Runs rounds of {@code --warmup} messages (generated, or the first of the input) through a fresh deployment of the
     * same layout, at the same rate, until the JIT
     * compiles little more ({@link #SETTLED_JIT_MILLIS} in a round) or {@code --warmup-rounds} rounds: on two
     * cores the compiler threads of a JVM still compiling take the cores the event loops measure on (4 to 5 s of C2
     * CPU were seen inside a measured run after one round of 200,000), which measures the JIT, not the path.
     */
    private static void warmUp(
            BenchOptions options, BenchSetup setup, Supplier<BenchSource> messages, PrintStream notes)
            throws TimeoutException {
        if (options.warmup() == 0) {
            return;
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        for (int round = 1; round <= options.warmupRounds(); round++) {
            long before = timed ? jit.getTotalCompilationTime() : 0;
            // At the measured run's pace: a paced stream takes paths a flat-out one keeps cold (small batches, idle
            // loops woken per message, the live throttle's tick publishing), which the JIT would otherwise compile
            // inside the measured run.
            BenchRun.run(messages.get(), options.rate(), setup);
            long compiled = timed ? jit.getTotalCompilationTime() - before : 0;
            if (notes != null) {
                notes.println("candlebus bench: warm-up round " + round + " of " + options.warmup()
                        + " messages, jit_ms=" + (timed ? compiled : -1));
            }
            if (!timed || compiled < SETTLED_JIT_MILLIS) {
                return;
            }
        }
    }

    private static void level(String logger, Level level) {
        if (LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(level);
        }
    }
}
