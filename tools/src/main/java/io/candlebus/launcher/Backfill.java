package io.candlebus.launcher;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.market.Backoff;
import io.candlebus.market.Endpoint;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.binance.BinanceHistory;
import io.candlebus.market.bithumb.BithumbHistory;
import io.candlebus.market.candle.CandleAggregator;
import io.candlebus.market.candle.QuietMinutes;
import io.candlebus.market.candle.RecorderOutbox;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a backfill: per instrument, from its resume point ({@link BackfillPlan}), fetches pages of closed 1m
 * candles from the venue ({@link BinanceHistory}, {@link BithumbHistory}), builds the larger intervals with
 * the live node's {@link CandleAggregator}, and hands every candle of the range not yet on disk to the stream's
 * owner through the market's own {@link RecorderOutbox} (owner rule over the recorders announced on
 * {@code recorder.members}, {@code CandleBatch}es to {@code recorder.batches.<owner>}), page by page, waiting for
 * every acknowledgement (a recorder replies once the candle is in a renamed file) before the next page. Live
 * candles of the same stream therefore go to the same recorder, which writes each key once. When no recorder
 * announces itself on the bus (a backfill outside any cluster), it deploys a {@link RecorderVerticle} of its
 * own, the only owner. An interruption loses at most the page in flight, and the next run starts where the disk
 * says. Blocks the calling thread (not an event loop).
 */
final class Backfill {
    /** Bithumb allows far more; a backfill leaves room for live feeds on the same IP. */
    static final int BITHUMB_REQUESTS_PER_SECOND = 10;

    /**
     * The recorder's flush interval: each page waits for its acknowledgement, so the live default (2 s) would
     * bound a backfill at a page per 2 s; a page per partition per flush still makes few files.
     */
    static final long FLUSH_MILLIS = 100;

    /** How long a page may wait for its acknowledgements (the outbox re-sends refused batches meanwhile). */
    private static final long ACK_TIMEOUT_MILLIS = 120_000;

    /**
     * How long a clustered backfill listens for recorders already running before deploying one: they announce
     * themselves every second, so two and a half periods hear each one at least twice.
     */
    static final long RECORDER_WAIT_MILLIS = 2_500;

    /** Candles that may wait in the outbox: a page (1,000 minutes) and every larger interval built from it. */
    private static final int OUTBOX_CAPACITY = 100_000;

    /** Where the venues are and whose clock says which candles are closed. */
    record Venues(Map<Market, Endpoint> binance, Endpoint bithumb, Clock clock) {
        static Venues live() {
            return new Venues(MarketConfig.BINANCE_ENDPOINTS, MarketConfig.BITHUMB_ENDPOINT, Clock.systemUTC());
        }

        static Venues of(ExchangeSimulator sim) {
            Map<Market, Endpoint> binance = new EnumMap<>(Market.class);
            for (Market m : Market.values()) {
                binance.put(m, new Endpoint(sim.binanceRestUrl(m), sim.binanceWsUrl(m)));
            }
            return new Venues(binance, new Endpoint(sim.bithumbRestUrl(), sim.bithumbWsUrl()), sim.clock());
        }
    }

    /**
     * @param rows keys of the range accounted for: fetched from the venue, or on disk before a resume point
     * @param written keys this run recorded (acknowledged by the recorder, not on disk when the run began)
     * @param skipped keys already on disk
     * @param complete whether every instrument was fetched to the end of the range
     * @param pauses 429 answers honoured (Binance and Bithumb)
     * @param bans 418 bans honoured
     */
    record Result(int streams, long rows, long written, long skipped, boolean complete, long pauses, long bans) {
        String line() {
            return "backfill: streams=" + streams + " rows=" + rows + " written=" + written + " skipped=" + skipped;
        }
    }

    private final Vertx vertx;
    private final BackfillOptions options;
    private final Venues venues;
    private final PrintStream progressOut;
    private final BooleanSupplier stopRequested;
    private final long listenMillis;
    private final RestClient rest;
    private final Map<Market, BinanceHistory> binance = new EnumMap<>(Market.class);
    private BithumbHistory bithumb;
    private BackfillPlan plan;
    private BackfillProgress progress;
    private long lastProgressNanos;
    private Context context;
    private RecorderOutbox outbox;
    private long sent;
    private long written;
    private long skipped;
    private boolean stopped;

    private Backfill(
            Vertx vertx,
            BackfillOptions options,
            Venues venues,
            PrintStream progressOut,
            BooleanSupplier stop,
            long listenMillis) {
        this.vertx = vertx;
        this.listenMillis = listenMillis;
        this.options = options;
        this.venues = venues;
        this.progressOut = progressOut;
        this.stopRequested = stop;
        this.rest = new RestClient(WebClient.create(vertx));
    }

    /**
     * Backfills {@code options}' range into {@code options.data()} on {@code vertx} (codecs registered),
     * printing progress to {@code progressOut}; {@code stop} is polled between pages. On a clustered Vert.x it
     * first listens {@link #RECORDER_WAIT_MILLIS} for running recorders; a plain one has none but its caller's.
     */
    static Result run(
            Vertx vertx, BackfillOptions options, Venues venues, PrintStream progressOut, BooleanSupplier stop)
            throws Exception {
        return run(vertx, options, venues, progressOut, stop, vertx.isClustered() ? RECORDER_WAIT_MILLIS : 0);
    }

    /**
     * As above, listening {@code listenMillis} for recorders already running on {@code vertx}'s bus (an embedding
     * caller's own, on a plain Vert.x) before deploying one.
     */
    static Result run(
            Vertx vertx,
            BackfillOptions options,
            Venues venues,
            PrintStream progressOut,
            BooleanSupplier stop,
            long listenMillis)
            throws Exception {
        return new Backfill(vertx, options, venues, progressOut, stop, listenMillis).run();
    }

    private Result run() throws Exception {
        long now = venues.clock().millis();
        if (options.to() > Interval.M1.openTimeOf(now)) {
            throw new IllegalArgumentException("--to: expected a time already past on the venue ("
                    + Instant.ofEpochMilli(now) + "), was " + Instant.ofEpochMilli(options.to()));
        }
        plan = BackfillPlan.scan(options.data(), options);
        progress = new BackfillProgress(plan.total(), System.nanoTime());
        context = vertx.getOrCreateContext();
        outbox = onContext(() -> new RecorderOutbox(
                vertx,
                MarketConfig.defaults().recorderTimeoutMillis(),
                OUTBOX_CAPACITY,
                new Backoff(50, 2_000),
                null,
                new RecorderOutbox.Batching(
                        RecorderOutbox.Batching.DEFAULT.maxBatch(), 5, RecorderOutbox.Batching.DEFAULT.maxInFlight())));
        outbox.listening().await(30, TimeUnit.SECONDS);
        String deployment = null;
        if (!recordersHeard(listenMillis)) {
            deployment = vertx.deployVerticle(new RecorderVerticle(
                            new RecorderConfig(
                                    options.data(),
                                    FLUSH_MILLIS,
                                    RecorderConfig.defaults().maxBufferedCandles()),
                            Clock.systemUTC(),
                            "backfill"))
                    .await(60, TimeUnit.SECONDS);
            if (!recordersHeard(30_000)) {
                throw new IllegalStateException(
                        "recorder: expected the backfill's own recorder announced within 30 s," + " was not");
            }
        } else {
            progressOut.println("backfill: delivering to the stream owners among the recorders " + "already running ("
                    + onContext(() -> outbox.counters().get("recordersLive")) + " live)");
        }
        boolean complete = true;
        try {
            for (Instrument i : plan.instruments()) {
                if (!backfill(i)) {
                    complete = false;
                    break;
                }
            }
        } finally {
            // Every page was acknowledged (or the run failed): nothing is left to keep.
            onContext(() -> outbox.keep()).await(30, TimeUnit.SECONDS);
            if (deployment != null) {
                // Undeploying drains the recorder: every candle it took is in a renamed file before this returns.
                vertx.undeploy(deployment).await(60, TimeUnit.SECONDS);
            }
        }
        progressOut.println(progress.line(System.nanoTime()));
        long pauses =
                binance.values().stream().mapToLong(BinanceHistory::pauses).sum()
                        + (bithumb == null ? 0 : bithumb.limited());
        long bans = binance.values().stream().mapToLong(BinanceHistory::bans).sum();
        return new Result(plan.streams().size(), progress.done(), written, skipped, complete, pauses, bans);
    }

    /** Returns false when stopped before the end of the range. */
    private boolean backfill(Instrument instrument) throws Exception {
        long resume = plan.resumeAt(instrument);
        List<BackfillPlan.Stream> streams = plan.streams().stream()
                .filter(s -> s.instrument.equals(instrument))
                .toList();
        for (BackfillPlan.Stream s : streams) {
            long before = s.slotsBefore(resume);
            progress.skippedUnfetched(before);
            skipped += before;
        }
        if (resume >= options.to()) {
            return true;
        }
        TreeSet<Interval> intervals = new TreeSet<>(options.intervals());
        intervals.add(Interval.M1);
        List<Candle> closed = new ArrayList<>();
        CandleAggregator aggregator = new CandleAggregator(List.copyOf(intervals), 0, 0, closed::add);
        if (instrument.exchange() == Exchange.BINANCE) {
            // REST history is complete from the resume point, so its first larger bucket is whole.
            aggregator.cover(instrument, resume);
        }
        long cursor = resume;
        QuietMinutes.Previous previous = null;
        while (cursor < options.to()) {
            if (stopped || stopRequested.getAsBoolean()) {
                stopped = true;
                return false;
            }
            List<Candle> minutes;
            long next;
            try {
                if (instrument.exchange() == Exchange.BINANCE) {
                    minutes = binance(instrument.market())
                            .page(instrument, cursor, options.to(), this::stopping)
                            .await(1, TimeUnit.DAYS);
                    next = Math.min(options.to(), cursor + BinanceHistory.PAGE_LIMIT * Interval.M1.millis());
                } else {
                    BithumbHistory.Page page = bithumb()
                            .page(instrument, cursor, options.to(), previous, this::stopping)
                            .await(1, TimeUnit.DAYS);
                    minutes = page.candles();
                    previous = page.last();
                    next = page.until();
                }
            } catch (RuntimeException e) {
                if (stopping()) {
                    // Stopped while waiting out a ban, a pause or a retry: not a failure.
                    stopped = true;
                    return false;
                }
                throw e;
            }
            minutes.forEach(aggregator::onKline);
            if (!record(closed)) {
                return false;
            }
            closed.clear();
            cursor = next;
            report();
        }
        return true;
    }

    private boolean stopping() {
        return stopped || stopRequested.getAsBoolean();
    }

    /** Hands the candles of the range not yet on disk to the recorder; false when --max-rows stops the run. */
    private boolean record(List<Candle> candles) throws Exception {
        List<Candle> fresh = new ArrayList<>();
        long pageSkipped = 0;
        for (Candle c : candles) {
            BackfillPlan.Stream s = plan.stream(c.instrument(), c.interval());
            if (s == null || c.openTime() < options.from() || c.openTime() >= options.to()) {
                continue;
            }
            if (s.contains(c.openTime())) {
                pageSkipped++;
            } else {
                fresh.add(c);
            }
        }
        boolean limited = false;
        if (options.maxRows() > 0 && sent + fresh.size() >= options.maxRows()) {
            fresh = fresh.subList(0, (int) (options.maxRows() - sent));
            limited = true;
        }
        send(fresh);
        for (Candle c : fresh) {
            plan.stream(c.instrument(), c.interval()).add(c.openTime(), c.openTime());
        }
        sent += fresh.size();
        written += fresh.size();
        skipped += pageSkipped;
        progress.fetched(fresh.size() + pageSkipped);
        if (limited) {
            stopped = true;
            return false;
        }
        return true;
    }

    /**
     * Offers the candles to the outbox and waits until every one is acknowledged by its stream's owner; the
     * outbox re-sends refused or unanswered batches, to whichever recorder owns the stream by then.
     */
    private void send(List<Candle> candles) throws Exception {
        if (candles.isEmpty()) {
            return;
        }
        onContext(() -> {
            candles.forEach(outbox::offer);
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_TIMEOUT_MILLIS);
        while (onContext(() -> outbox.pending()) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("recorder: expected the candles acknowledged within "
                        + ACK_TIMEOUT_MILLIS + " ms, was not: " + onContext(() -> outbox.counters()));
            }
            // This thread only waits for the outbox (not an event loop); the bus has no callback for "all acked".
            Thread.sleep(5);
        }
        long dropped = onContext(() -> outbox.counters().get("recorderDropped"));
        if (dropped > 0) {
            throw new IllegalStateException(
                    "recorder outbox: expected room for every candle of a page, was full (" + dropped + " dropped)");
        }
    }

    /** Returns whether a recorder announces itself within {@code millis}. */
    private boolean recordersHeard(long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (onContext(() -> outbox.counters().get("recordersLive")) == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Runs {@code action} on the outbox's context (it is not thread-safe) and returns its result. */
    private <T> T onContext(Supplier<T> action) throws Exception {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.fail(e);
            }
        });
        return result.future().await(30, TimeUnit.SECONDS);
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastProgressNanos >= options.progressMillis() * 1_000_000L) {
            lastProgressNanos = now;
            progressOut.println(progress.line(now));
        }
    }

    private BinanceHistory binance(Market market) {
        return binance.computeIfAbsent(
                market,
                m -> new BinanceHistory(
                        vertx, rest, venues.clock(), venues.binance().get(m), m, options.weightBudget()));
    }

    private BithumbHistory bithumb() {
        if (bithumb == null) {
            bithumb = new BithumbHistory(vertx, rest, venues.clock(), venues.bithumb(), BITHUMB_REQUESTS_PER_SECOND);
        }
        return bithumb;
    }
}
