package io.candlebus.launcher;

import com.sun.management.OperatingSystemMXBean;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.market.CandleVerticle;
import io.candlebus.market.FeedClients;
import io.candlebus.market.FeedPart;
import io.candlebus.market.FeedParts;
import io.candlebus.market.FeedPlacement;
import io.candlebus.market.FeedVerticle;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.Venues;
import io.candlebus.strategy.StrategyConfig;
import io.candlebus.strategy.StrategyVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Runs the bench: one Vert.x with the verticles a node deploys for Bithumb, the same classes ({@link
 * FeedVerticle} of Bithumb, {@link CandleVerticle} shards, {@link StrategyVerticle}), and this thread standing in for
 * the websocket, handing each message to the feed's frame handler ({@link FeedVerticle#onFrame}) on the
 * feed's event loop, flat out (at most {@link #WINDOW} messages ahead of the bands) or paced at a rate (each message
 * stamped with its due time, so a stall shows as latency rather than slowing the stream).
 *
 * <p>Before the stream the feed goes live as in a node: it loads the market list and the history from the simulator's
 * REST, connects, and finds the markets quiet for a minute (the clock is stepped through the minutes before the first
 * trade). From then on the clock is the trade time of the message the feed handles.
 */
final class BenchRun {
    /** Messages in flight at most: more than the live throttle lets through between two bands, at any rate seen. */
    static final int WINDOW = 1 << 18;

    static final int BATCH = 64;
    private static final long STALL_NANOS = 30_000_000_000L;
    private static final long WINDOW_PARK_NANOS = 1_000_000L;
    private static final long PRE_ROLL_MILLIS = 4 * 60_000L;
    private static final String NODE = "bench";
    private static final long PING_LAG_MILLIS = 15_000;
    private static final int OUTBOX_CAPACITY = 1_000;

    private BenchRun() {}

    static BenchResult run(BenchSource source, double rate, BenchSetup setup) throws TimeoutException {
        BenchStream stream = index(source, setup.intervals());
        if (stream.firstTime() == Long.MIN_VALUE) {
            throw new IllegalArgumentException("bench input: expected at least one Bithumb trade message, was none");
        }
        long first = Interval.M1.openTimeOf(stream.firstTime());
        Interval largest = setup.intervals().get(setup.intervals().size() - 1);
        try (BenchVenue venue =
                BenchVenue.start(stream.codes(), first, BenchVenue.historyMinutes(setup.warmupCandles(), largest))) {
            BenchClock clock = new BenchClock(first - PRE_ROLL_MILLIS, setup.feedConnections());
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(setup.eventLoops()));
            try {
                return measure(vertx, venue, clock, source, stream, rate, setup);
            } finally {
                vertx.close().await();
            }
        }
    }

    private static BenchResult measure(
            Vertx vertx,
            BenchVenue venue,
            BenchClock clock,
            BenchSource source,
            BenchStream stream,
            double rate,
            BenchSetup setup)
            throws TimeoutException {
        Codecs.registerAll(vertx.eventBus());
        MarketConfig config = config(venue, stream, setup);
        int n = source.size();
        long[] injected = new long[n];
        FeedParts parts = FeedParts.of(config);
        int connections = parts.count(Exchange.BITHUMB);
        FeedClients clients = FeedClients.create(vertx);
        List<FeedVerticle> feeds = new ArrayList<>();
        for (int p = 0; p < connections; p++) {
            feeds.add(new FeedVerticle(
                    config,
                    clock.part(p),
                    NODE,
                    Venues.of(Exchange.BITHUMB),
                    Market.SPOT,
                    new FeedPart(p, connections),
                    clients));
        }
        int[] shardOfCode = new int[stream.codes().size()];
        int[] partOfCode = new int[stream.codes().size()];
        for (int c = 0; c < shardOfCode.length; c++) {
            Instrument instrument =
                    Instrument.parse("bithumb:spot:" + stream.codes().get(c));
            shardOfCode[c] = FeedShards.shardOf(instrument, setup.shards());
            partOfCode[c] = parts.partOf(instrument).index();
        }
        List<String> components = new ArrayList<>();
        List<String> feedIds = new ArrayList<>();
        for (int p = 0; p < connections; p++) {
            FeedPart part = new FeedPart(p, connections);
            components.add("market.bithumb" + part.suffix());
            feedIds.add(FeedParts.feedId(Exchange.BITHUMB, Market.SPOT, part));
        }
        BenchProbe probe = new BenchProbe(stream, injected, shardOfCode, components);
        // As a node deploys them: the shards side by side and the feed parts side by side, each set on distinct event
        // loops (one deployment of several instances takes the loops in turn), each part on the loop of a shard it
        // feeds where it can be.
        vertx.deployVerticle(new StrategyVerticle(StrategyConfig.defaults(), clock, NODE))
                .await();
        FeedPlacement placement = new FeedPlacement(setup.shards());
        Iterator<Deployable> shards = IntStream.of(FeedPlacement.shardOrder(setup.shards(), connections))
                .mapToObj(shard -> placement.shard(
                        shard, new CandleVerticle(config, clock, NODE, shard, setup.shards(), null, feedIds)))
                .iterator();
        vertx.deployVerticle(shards::next, new DeploymentOptions().setInstances(setup.shards()))
                .await();
        List<FeedPlacement.Part> toPlace = new ArrayList<>();
        for (int p = 0; p < connections; p++) {
            toPlace.add(new FeedPlacement.Part(feeds.get(p), feedIds.get(p), new FeedPart(p, connections)));
        }
        Iterator<Deployable> feedsInTurn = placement.parts(toPlace).iterator();
        vertx.deployVerticle(feedsInTurn::next, new DeploymentOptions().setInstances(feeds.size()))
                .await();
        vertx.deployVerticle(probe).await();
        preRoll(clock, probe, venue, stream.firstTime());

        ThreadBusy busy = ThreadBusy.of(vertx, setup.eventLoops());
        long cpuStart = processCpuNanos();
        long jitStart = jitMillis();
        long start = System.nanoTime();
        double period = rate > 0 ? 1e9 / rate : 0;
        BenchHandout handout = new BenchHandout(feeds, partOfCode, stream, clock, source.held());
        for (int i = 0; i < n; ) {
            int count = Math.min(BATCH, n - i);
            if (rate > 0) {
                long now = System.nanoTime();
                count = 0;
                while (i + count < n && count < BATCH && start + (long) ((i + count) * period) <= now) {
                    count++;
                }
                if (count == 0) {
                    LockSupport.parkNanos(Math.min(20_000, start + (long) (i * period) - now));
                    continue;
                }
            }
            awaitWindow(stream, probe, i);
            long stamp = System.nanoTime();
            for (int j = 0; j < count; j++) {
                injected[i + j] = rate > 0 ? start + (long) ((i + j) * period) : stamp;
                handout.add(i + j, source.frame(i + j));
            }
            handout.send();
            i += count;
        }
        awaitAllBands(stream, probe);
        long elapsed = probe.lastBandNanos() - start;
        List<Double> loopBusy = busy.since(elapsed);
        long cpu = processCpuNanos() - cpuStart;
        long jit = jitStart < 0 ? -1 : jitMillis() - jitStart;
        long badInput = badInput(probe);
        long[] rss = BenchMemory.rss();
        BenchProbe.Seen seen = probe.seen().await();
        return new BenchResult(
                n,
                elapsed,
                cpu,
                jit,
                seen.latency(),
                seen.liveLatency(),
                seen.closedLatency(),
                seen.liveBands(),
                seen.closedBands(),
                badInput,
                seen.historyBands(),
                seen.untraced(),
                setup.eventLoops(),
                setup.shards(),
                setup.feedConnections(),
                stream.codes().size(),
                rss[0],
                rss[1],
                loopBusy,
                placement.placed());
    }

    /** The market config a node would read for these markets, the venue's endpoints and the set-up. */
    static MarketConfig config(BenchVenue venue, BenchStream stream, BenchSetup setup) {
        JsonArray instruments = new JsonArray();
        stream.codes().forEach(c -> instruments.add("bithumb:spot:" + c));
        JsonArray intervals = new JsonArray();
        setup.intervals().forEach(i -> intervals.add(i.code()));
        JsonObject json = new JsonObject()
                .put("instruments", instruments)
                .put("intervals", intervals)
                .put("warmupCandles", setup.warmupCandles())
                .put("candleShards", setup.shards())
                .put("feedConnections", setup.feedConnections())
                .put("maxInstruments", Math.max(200, stream.codes().size()))
                // No recorder acknowledges here: a small outbox keeps the closed candles a node's recorders would
                // have taken from standing in the heap (the rest are dropped and counted).
                .put("recorderOutboxCapacity", OUTBOX_CAPACITY)
                .put("bithumb", new JsonObject().put("restUrl", venue.restUrl()).put("wsUrl", venue.wsUrl()));
        return MarketConfig.fromJson(json, "market");
    }

    private static BenchStream index(BenchSource source, List<Interval> intervals) {
        BenchStream stream = new BenchStream(intervals);
        BenchSource copy = source.again();
        for (int i = 0; i < copy.size(); i++) {
            stream.add(copy.frame(i));
        }
        return stream;
    }

    /**
     * Steps the clock through the quiet minutes before the first trade until the feed reports every market live
     * (history from REST, then live from a minute that surely had no trade), stopping a second before it. A step is
     * taken only while every connection answered a {@code PING} within {@link #PING_LAG_MILLIS} of clock time: the feed
     * pings every 10 s of clock time, and a link silent for its stall timeout (30 s) is dropped.
     */
    private static void preRoll(BenchClock clock, BenchProbe probe, BenchVenue venue, long firstTrade)
            throws TimeoutException {
        long deadline = System.nanoTime() + STALL_NANOS;
        long last = firstTrade - 1_000;
        long pings = venue.pingRounds();
        long answeredAt = clock.millis();
        while (true) {
            List<Heartbeat> beats = probe.feedHeartbeats();
            boolean live = beats.stream().allMatch(h -> h != null && "live".equals(h.state()));
            if (live && clock.millis() == last) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("bench: expected every feed live within 30 s of its start, was "
                        + beats.stream()
                                .map(h -> h == null
                                        ? "no heartbeat"
                                        : h.component() + " " + h.state() + " " + h.counters())
                                .toList());
            }
            long rounds = venue.pingRounds();
            if (rounds != pings) {
                pings = rounds;
                answeredAt = clock.millis();
            }
            if (clock.millis() - answeredAt < PING_LAG_MILLIS) {
                clock.set(Math.min(last, clock.millis() + 1_000));
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /**
     * Holds the driver while message {@code injected - WINDOW} has not reached a band yet. It looks again every
     * millisecond: the feed still has a window's worth of messages queued (a quarter of a second at a million a second),
     * and a driver waking every 10 us took a fifth of a core from the event loops, which a websocket's reads, done on
     * the loop itself, never do.
     */
    private static void awaitWindow(BenchStream stream, BenchProbe probe, int injected) throws TimeoutException {
        int behind = injected - WINDOW;
        if (behind < 0 || stream.code(behind) < 0) {
            return;
        }
        int c = stream.code(behind);
        waitFor(probe, () -> probe.reflected(c) >= behind, () -> "message " + behind + " in a band", WINDOW_PARK_NANOS);
    }

    private static void awaitAllBands(BenchStream stream, BenchProbe probe) throws TimeoutException {
        for (int c = 0; c < stream.codes().size(); c++) {
            int code = c;
            int last = stream.lastOf(c);
            waitFor(
                    probe,
                    () -> probe.reflected(code) >= last,
                    () -> "the last message of " + stream.codes().get(code) + " (" + last + ") in a band, was "
                            + probe.reflected(code),
                    50_000);
        }
    }

    /** Waits until {@code done}; gives up once no band was traced for 30 s. */
    private static void waitFor(BenchProbe probe, BooleanSupplier done, Supplier<String> what, long parkNanos)
            throws TimeoutException {
        long progressAt = System.nanoTime();
        long band = probe.lastBandNanos();
        while (!done.getAsBoolean()) {
            LockSupport.parkNanos(parkNanos);
            long now = probe.lastBandNanos();
            if (now != band) {
                band = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > STALL_NANOS) {
                throw new TimeoutException("bench: expected " + what.get() + ", with no band for 30 s");
            }
        }
    }

    /** Waits for a heartbeat of every feed sent after the stream, and returns their bad-input counts summed. */
    private static long badInput(BenchProbe probe) throws TimeoutException {
        List<Heartbeat> before = probe.feedHeartbeats();
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Heartbeat> after = probe.feedHeartbeats();
        while (anySame(before, after)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("bench: expected a heartbeat of every feed after the stream within 5 s");
            }
            LockSupport.parkNanos(10_000_000L);
            after = probe.feedHeartbeats();
        }
        return after.stream()
                .flatMap(h -> h.counters().entrySet().stream())
                .filter(e -> e.getKey().startsWith("badInput."))
                .mapToLong(e -> e.getValue())
                .sum();
    }

    private static boolean anySame(List<Heartbeat> before, List<Heartbeat> after) {
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i) == after.get(i)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the JIT's compilation time so far in milliseconds, or -1 where the JVM does not tell. */
    static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * Returns the CPU time of the whole process (every thread: event loops, the driver, GC, JIT), or -1 where the JVM
     * does not tell. On a shared machine it is steadier than wall time.
     */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }
}
