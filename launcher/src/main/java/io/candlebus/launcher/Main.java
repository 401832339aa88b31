package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts candlebus. With no arguments it runs the demo: the built-in exchange simulator, every role in
 * one JVM, paper orders, HTTP on port 8080 and Parquet under {@code ./data}.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    /** Sub-commands that parse their own options instead of the node configuration. */
    static final Map<String, Command> TOOLS = ToolCommands.all(new NodeStarts());

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line; returns the exit code, or blocks while a node runs (returning 0 at shutdown). */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && TOOLS.containsKey(args[0])) {
            return TOOLS.get(args[0]).run(List.of(args).subList(1, args.length), out, err);
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(usage());
            return 0;
        }
        AppConfig config;
        ConfigLoader.Loaded loaded;
        try {
            loaded = ConfigLoader.load(args, env);
            config = AppConfig.fromLayers(loaded, env);
        } catch (ConfigException e) {
            // Escaped: a value with a newline must not print (or forge) a second line.
            err.println("candlebus: configuration error: " + ConfigChecks.printable(e.getMessage()));
            err.println("Run with --help for the options.");
            return 2;
        }
        if (loaded.command().equals("sim")) {
            return Simulators.runStandalone(config.sim(), config.market());
        }
        String unwritable = WritableDirs.problem(config);
        if (unwritable != null) {
            err.println("candlebus: " + unwritable);
            return 2;
        }
        return runNode(config, err);
    }

    private static int runNode(AppConfig config, PrintStream err) {
        Node node;
        try {
            node = Node.start(config).await(120, TimeUnit.SECONDS);
        } catch (StartupException e) {
            // A known cause, told in full by its message: one line, no stack trace.
            err.println("candlebus: start-up failed: " + e.getMessage());
            log.error("start-up failed: {}", e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("candlebus: start-up failed: " + e.getMessage());
            log.error("start-up failed", e);
            return 1;
        }
        log.info(
                "candlebus node {} running roles {} (source {}, cluster {})",
                config.node(),
                config.roles(),
                config.source(),
                config.cluster().enabled());
        CleanShutdown.install(node);
        return 0;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar candlebus.jar [run|sim|replay|bench|soak|check|backfill] [options]\n\n")
                .append("  run (default)  start a node (with no options: the demo against the built-in simulator)\n")
                .append("  sim            run only the exchange simulator\n")
                .append(
                        "  replay         run aggregation, bands and signals over a Binance kline dump (replay --help)\n")
                .append("  bench          measure parser-to-band throughput and latency in one JVM (bench --help);\n")
                .append(
                        "                 bench --recorder: rows/s through the real recorder (bench --recorder --help)\n")
                .append(
                        "  soak           a long accelerated run with random faults, checked against the truth (soak --help)\n")
                .append(
                        "  check          prove a recorded dataset: duplicates, holes, unreadable files (check --help)\n")
                .append("  backfill       download closed klines from the venues' REST APIs into the dataset"
                        + " (backfill --help)\n\n")
                .append("Options (each also settable in the config file and as an environment variable):\n")
                .append(String.format("  %-22s %-26s %s%n", "--config FILE", "CANDLEBUS_CONFIG", "JSON config file"));
        for (Setting s : Setting.ALL) {
            String flag = s.flag() + (s.kind() == Setting.Kind.SWITCH ? "" : " " + valueName(s));
            sb.append(String.format("  %-22s %-26s %s (%s)%n", flag, s.env(), s.description(), s.path()));
        }
        sb.append(String.format(
                "  %-22s %-26s %s%n",
                "", "CANDLEBUS_CONTROL_TOKEN", "bearer token for control endpoints (environment only)"));
        sb.append(String.format(
                "  %-22s %-26s %s%n",
                "", "CANDLEBUS_TELEGRAM_BOT_TOKEN", "Telegram bot token for alerts (environment only)"));
        for (String key : new String[] {
            "CANDLEBUS_BITHUMB_ACCESS_KEY",
            "CANDLEBUS_BITHUMB_SECRET_KEY",
            "CANDLEBUS_BINANCE_API_KEY",
            "CANDLEBUS_BINANCE_API_SECRET"
        }) {
            sb.append(
                    String.format("  %-22s %-26s %s%n", "", key, "venue key for --order-mode live (environment only)"));
        }
        return sb.toString();
    }

    private static String valueName(Setting s) {
        return switch (s.kind()) {
            case INT, LONG -> "N";
            case DOUBLE -> "X";
            case STRING_LIST -> "A,B";
            default -> "V";
        };
    }
}
