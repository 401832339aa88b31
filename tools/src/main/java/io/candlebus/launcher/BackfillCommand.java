package io.candlebus.launcher;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.PrintableText;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code backfill}: downloads closed klines of a range from the venues' REST APIs into the recorded dataset
 * (see {@link BackfillOptions#usage()}). Ctrl-C or a plain kill stops it between pages, after the recorder
 * has written what it acknowledged; running the same command again resumes.
 */
final class BackfillCommand {
    /** Exit code of a run stopped before the end of its range. */
    static final int INCOMPLETE = 3;

    /** Minutes of simulated history before the range: Bithumb looks back an hour for a close. */
    private static final int SIM_HISTORY_SLACK_MINUTES = 120;
    /** The most history the simulator generates. */
    private static final long SIM_MAX_HISTORY_MINUTES = 400 * 1440L;

    private BackfillCommand() {}

    private static void closeQuietly(ExchangeSimulator sim, Vertx vertx) {
        try {
            if (sim != null) {
                sim.close().await(30, TimeUnit.SECONDS);
            }
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing is best effort: the result is already printed and the process ends.
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err, NodeStarter nodes) {
        BackfillOptions options;
        BackfillCluster.Split split = BackfillCluster.split(args);
        try {
            options = BackfillOptions.parse(split.backfillArgs());
        } catch (ConfigException e) {
            err.println("candlebus backfill: " + PrintableText.of(e.getMessage()));
            err.println("Run 'backfill --help' for the options.");
            return 2;
        }
        if (options.help()) {
            out.print(BackfillOptions.usage());
            return 0;
        }
        long historyMinutes = (options.to() - options.from()) / 60_000L + SIM_HISTORY_SLACK_MINUTES;
        if (options.source().equals("sim") && historyMinutes > SIM_MAX_HISTORY_MINUTES) {
            err.println("candlebus backfill: --from: expected at most 400 days before --to with --source sim");
            return 2;
        }
        try {
            Files.createDirectories(options.data());
        } catch (Exception e) {
            err.println("candlebus backfill: --data: expected a writable directory, was " + options.data() + " ("
                    + e.getMessage() + ")");
            return 2;
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    // SIGINT or SIGTERM: stop between pages and let the recorder finish what it took.
                    stop.set(true);
                    try {
                        finished.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "backfill-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Vertx vertx;
        try {
            vertx = nodes.backfillVertx(split.clusterArgs(), System.getenv());
        } catch (ConfigException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            err.println("candlebus backfill: " + PrintableText.of(e.getMessage()));
            return 2;
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            err.println("candlebus backfill: expected to join the cluster, was " + e);
            return 1;
        }
        ExchangeSimulator sim = null;
        try {
            Codecs.registerAll(vertx.eventBus());
            Backfill.Venues venues;
            if (options.source().equals("sim")) {
                SimConfig config = SimConfig.demo()
                        .withInstruments(nodes.simInstruments(options.instruments()))
                        .withStartTime(options.to())
                        .withHistoryMinutes((int) historyMinutes);
                sim = ExchangeSimulator.start(vertx, config).await(300, TimeUnit.SECONDS);
                err.println("candlebus backfill: simulator on port " + sim.port() + " with history from "
                        + Instant.ofEpochMilli(options.to() - historyMinutes * 60_000L));
                venues = Backfill.Venues.of(sim);
            } else {
                venues = Backfill.Venues.live();
            }
            Backfill.Result result = Backfill.run(vertx, options, venues, err, stop::get);
            if (result.pauses() + result.bans() > 0) {
                err.println("candlebus backfill: honoured " + result.pauses() + " rate-limit pauses (429) and "
                        + result.bans() + " bans (418)");
            }
            out.println(result.line());
            if (!result.complete()) {
                err.println("candlebus backfill: stopped before the end of the range; run the same command again"
                        + " to resume");
                return INCOMPLETE;
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("candlebus backfill: " + PrintableText.of(e.getMessage()));
            return 2;
        } catch (Exception e) {
            err.println("candlebus backfill: failed: " + e);
            return 1;
        } finally {
            closeQuietly(sim, vertx);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running and waits for `finished`.
            }
        }
    }
}
