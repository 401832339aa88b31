package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.recorder.RecordedFiles;
import io.candlebus.sim.ConnectionLimits;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimClock;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.FaultInjector;
import io.candlebus.sim.faults.FaultKind;
import io.candlebus.sim.faults.FaultSchedule;
import io.candlebus.sim.faults.PlannedFault;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One soak: starts a node with every role against the simulator, fires the fault schedule, lets the
 * feeds recover after the last sim hour, closes the node (the recorder flushes) and checks the closed
 * candles and the recorded dataset. Runs on the caller's thread, which it blocks.
 */
final class SoakRun {
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    /** Sim time after the start before the first fault: the feeds warm up from REST first. */
    static final long FAULTS_FROM_MILLIS = 5 * MINUTE;
    /** Sim time before the end without new faults, so the feeds have recovered when the checks begin. */
    static final long QUIET_TAIL_MILLIS = 20 * MINUTE;
    /** Real time the feeds and the recorder get after the end to publish and record what ended by then. */
    private static final long SETTLE_REAL_MILLIS = 60_000L;

    private static final long POLL_REAL_MILLIS = 100L;
    /** Clock time after a day's end by which the recorder must have compacted it (delay plus passes). */
    static final long COMPACTED_WITHIN_MILLIS = 30 * MINUTE;
    /** Real time between the recorder's compaction passes in a soak (sim minutes at soak speeds). */
    private static final long COMPACTION_EVERY_REAL_MILLIS = 1_000L;

    private final SoakOptions options;
    private final Path data;
    private final PrintStream out;
    private final NodeStarter nodes;
    private final Queue<Candle> closed = new ConcurrentLinkedQueue<>();
    private final Set<String> closedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    SoakRun(SoakOptions options, Path data, PrintStream out, NodeStarter nodes) {
        this.options = options;
        this.data = data;
        this.out = out;
        this.nodes = nodes;
    }

    /**
     * Clock time without a message after which a feed replaces its connection: long enough that a busy
     * machine's scheduling hiccups (up to a couple of hundred real milliseconds, which the speed multiplies)
     * do not read as stalls; the faults' stalls last at least twice as long.
     */
    static long stallTimeoutMillis(double speed) {
        return Math.max(MINUTE, (long) (speed * 200));
    }

    int run() throws Exception {
        long stallTimeout = stallTimeoutMillis(options.speed());
        long duration = (long) (options.simHours() * HOUR);
        List<PlannedFault> plan = FaultSchedule.plan(
                options.seed(), options.faults(), FAULTS_FROM_MILLIS, duration - QUIET_TAIL_MILLIS, 2 * stallTimeout);
        ToolNode node = nodes.start(nodeConfig(stallTimeout), Map.of(), vertx -> {
                    vertx.eventBus().<Candle>consumer(Addresses.CANDLES_CLOSED, m -> {
                        closed.add(m.body());
                        closedKeys.add(m.body().key());
                    });
                    vertx.eventBus()
                            .<Heartbeat>consumer(
                                    Addresses.STATUS_HEARTBEAT,
                                    m -> heartbeats.put(m.body().component(), m.body()));
                })
                .await(120, TimeUnit.SECONDS);
        List<Interval> intervals = node.market().intervals();
        List<Instrument> instruments = node.market().instruments();
        boolean open = true;
        try {
            ExchangeSimulator sim = node.simulator();
            SimClock clock = sim.clock();
            // A day of reconnects packed into minutes would pass the venues' per-real-time connection caps.
            sim.connectionLimits(ConnectionLimits.venues().inSimTime(clock.speed()));
            long start = clock.millis();
            long end = start + duration;
            out.printf(
                    "soak: %d streams, %d faults over %s sim hours at %sx (about %d s real), seed %d%n",
                    instruments.size() * intervals.size(),
                    plan.size(),
                    number(options.simHours()),
                    number(options.speed()),
                    clock.toRealMillis(duration) / 1000,
                    options.seed());
            FaultInjector injector = new FaultInjector(node.vertx(), sim.faults(), clock);
            injector.start(plan, start).await(10, TimeUnit.SECONDS);
            for (long t = start + HOUR; t < end; t += HOUR) {
                waitForSimTime(node, clock, t);
                out.printf(
                        "soak: %s/%s sim hours, %d closed candles%n",
                        number((t - start) / (double) HOUR), number(options.simHours()), closed.size());
            }
            waitForSimTime(node, clock, end);
            injector.stop().await(10, TimeUnit.SECONDS);
            Map<FaultKind, Long> fired = injector.fired().await(10, TimeUnit.SECONDS);
            Map<BadInput, Long> badInputs = injector.firedBadInputs().await(10, TimeUnit.SECONDS);
            Map<Instrument, List<Candle>> truth = settle(node, sim, instruments, intervals, end);
            Map<String, Map<String, Long>> counters = new TreeMap<>();
            heartbeats.forEach((component, h) -> counters.put(component, h.counters()));
            open = false;
            node.close().await(120, TimeUnit.SECONDS);
            SoakCompaction.Result compaction = SoakCompaction.check(data, end - COMPACTED_WITHIN_MILLIS);
            compaction.others().forEach(d -> out.println("soak:   not compacted: " + d));
            out.printf(
                    "soak: compaction stream-days=%d one-file=%d (recorder: compactedDays=%d compactedParts=%d"
                            + " compactionFailures=%d)%n",
                    compaction.due(),
                    compaction.oneFile(),
                    counters.getOrDefault("recorder", Map.of()).getOrDefault("compactedDays", 0L),
                    counters.getOrDefault("recorder", Map.of()).getOrDefault("compactedParts", 0L),
                    counters.getOrDefault("recorder", Map.of()).getOrDefault("compactionFailures", 0L));
            // Last: the report's final line is the soak's last line.
            int code = report(truth, intervals, start, end, fired, badInputs, counters);
            return compaction.clean() ? code : 1;
        } finally {
            if (open) {
                node.close().await(120, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Returns the {@code market} section of a soak node: the given intervals, {@code stallTimeout} and timings
     * fit for an accelerated clock, the feed connections of {@code options}, and its instruments if it names any.
     */
    static JsonObject marketConfig(SoakOptions options, JsonArray intervals, long stallTimeout) {
        JsonObject market = new JsonObject()
                .put("intervals", intervals)
                // Clock (sim) time: a quiet minute closes 30 s after its boundary.
                .put("closeGraceMillis", 30_000)
                .put("stallTimeoutMillis", stallTimeout)
                .put("pingMillis", 10_000)
                // Real time: at hundreds of times real time, the production values would be sim hours.
                .put("tickMillis", 10)
                .put("reconnectMinMillis", 20)
                .put("reconnectMaxMillis", 500)
                .put("feedConnections", options.feedConnections());
        if (!options.instruments().isEmpty()) {
            market.put(
                    "instruments",
                    new JsonArray(
                            options.instruments().stream().map(Instrument::key).toList()));
        }
        return market;
    }

    private JsonObject nodeConfig(long stallTimeout) {
        JsonObject market = marketConfig(options, new JsonArray().add("1m").add("5m"), stallTimeout);
        return new JsonObject()
                .put("node", "soak")
                .put("http", new JsonObject().put("port", 0))
                .put("sim", new JsonObject().put("seed", options.seed()).put("speed", options.speed()))
                .put(
                        "recorder",
                        new JsonObject()
                                .put("dataDir", data.toString())
                                .put("flushIntervalMillis", 250)
                                .put("compaction", new JsonObject().put("everyMillis", COMPACTION_EVERY_REAL_MILLIS)))
                .put("market", market);
    }

    private static void waitForSimTime(ToolNode node, SimClock clock, long simTime) {
        while (clock.millis() < simTime) {
            node.vertx().timer(clock.toRealMillis(simTime - clock.millis())).await();
        }
    }

    /**
     * Waits (at most {@link #SETTLE_REAL_MILLIS}) until every stream has published its last candle that ends
     * by {@code end} and the dataset holds every candle published that ends by then; returns the truth read
     * at that moment.
     */
    private Map<Instrument, List<Candle>> settle(
            ToolNode node, ExchangeSimulator sim, List<Instrument> instruments, List<Interval> intervals, long end) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_REAL_MILLIS);
        boolean caughtUp = false;
        boolean recorded = false;
        while (System.nanoTime() - deadline < 0) {
            caughtUp = caughtUp || caughtUp(sim, instruments, intervals, end);
            recorded = caughtUp && recordedAll(end);
            if (recorded) {
                break;
            }
            node.vertx().timer(POLL_REAL_MILLIS).await();
        }
        if (!caughtUp) {
            out.println("soak: some streams had not published every candle ending by the end after "
                    + SETTLE_REAL_MILLIS / 1000 + " s of real time");
        } else if (!recorded) {
            out.println("soak: the dataset did not hold every candle published by the end after "
                    + SETTLE_REAL_MILLIS / 1000 + " s of real time");
        }
        Map<Instrument, List<Candle>> truth = new LinkedHashMap<>();
        for (Instrument i : instruments) {
            truth.put(i, sim.truth(i));
        }
        return truth;
    }

    /** Returns whether the dataset holds every candle published so far that ends by {@code end}. */
    private boolean recordedAll(long end) {
        Map<SoakStream, Map<Long, Integer>> recorded;
        try {
            recorded = recorded();
        } catch (IOException | UncheckedIOException e) {
            // A file renamed into place while the directories were listed: look again at the next poll.
            return false;
        }
        for (Candle c : closed) {
            if (c.endTime() <= end
                    && !recorded.getOrDefault(SoakStream.of(c), Map.of()).containsKey(c.openTime())) {
                return false;
            }
        }
        return true;
    }

    private boolean caughtUp(ExchangeSimulator sim, List<Instrument> instruments, List<Interval> intervals, long end) {
        for (Instrument i : instruments) {
            List<Candle> minutes = sim.truth(i);
            for (Interval interval : intervals) {
                Candle last = null;
                for (Candle c : interval == Interval.M1
                        ? minutes
                        : SoakCheck.aggregate(minutes, interval).values()) {
                    if (c.endTime() <= end) {
                        last = c;
                    }
                }
                if (last != null && !closedKeys.contains(last.key())) {
                    return false;
                }
            }
        }
        return true;
    }

    private int report(
            Map<Instrument, List<Candle>> truth,
            List<Interval> intervals,
            long start,
            long end,
            Map<FaultKind, Long> fired,
            Map<BadInput, Long> badInputs,
            Map<String, Map<String, Long>> counters)
            throws IOException {
        List<Candle> published = new ArrayList<>(closed);
        Map<SoakStream, StreamTally> bus = SoakCheck.published(published, truth, intervals, start, end);
        Map<SoakStream, StreamTally> disk =
                SoakCheck.dataset(SoakCheck.readDataset(data, bus.keySet()), published, bus.keySet(), end);
        return SoakReport.print(out, bus, disk, fired, badInputs, counters);
    }

    /** Returns, per stream, how many part files hold each open time. */
    private Map<SoakStream, Map<Long, Integer>> recorded() throws IOException {
        Map<SoakStream, Map<Long, Integer>> out = new HashMap<>();
        for (RecordedFiles.PartFile file : RecordedFiles.list(data)) {
            Map<Long, Integer> times =
                    out.computeIfAbsent(new SoakStream(file.instrument(), file.interval()), s -> new HashMap<>());
            long step = file.interval().millis();
            for (RecordedFiles.Run run : file.runs()) {
                for (long t = run.first(); t <= run.last(); t += step) {
                    times.merge(t, 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
