package io.candlebus.recorder;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleBatch;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.RecorderRoster;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code recorder.candles}: buffers closed candles and, every flush interval, when the buffer is full
 * and on stop, writes them to Parquet off the event loop, then replies to each request. An empty reply means
 * the candle is in a complete, renamed file (or was already recorded); a failed write fails the requests as
 * unavailable so senders retry. Correct as an event-loop or a worker verticle: one flush at a time, split over
 * {@link WriteLanes} that write their own partitions in parallel blocking tasks.
 *
 * <p>The heartbeat state is {@code failing} from a write that failed (whole or in part) until a write succeeds
 * in full, with {@code failingWrites} counting the failed writes in a row; readiness reads both. A failing
 * recorder needs no timer of its own to recover: senders retry, and the next write that succeeds ends it.
 *
 * <p>With {@code compaction.enabled}, a {@link CompactionScheduler} turns each ended day into one file per
 * stream, sharing {@link PartitionLocks} with the writer so no part is appended to a day while it is swapped.
 *
 * <p>It also serves {@code recorder.batches.<id>}, its own address for the streams it owns (the owner rule is the
 * senders', {@link io.candlebus.contract.StreamOwners}): a {@link CandleBatch} is one request answered once all its
 * candles are settled, and candles whose {@code writeBy} passed before their write starts are refused, not
 * written, as their sender may be re-sending them to another recorder. Every second, and as it stops, it
 * announces itself on {@code recorder.members} with the streams it owns and how far each is on disk.
 */
public final class RecorderVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(RecorderVerticle.class);
    private static final String COMPONENT = "recorder";
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final long PRESENCE_MILLIS = 1000;

    private final RecorderConfig config;
    private final Clock clock;
    private final String node;
    private final String writerId = newWriterId();
    /** Shared by the writer lanes and the compactor, so no part is appended to a day while it is swapped. */
    private final PartitionLocks locks = new PartitionLocks();
    /** Each lane used only inside one blocking task at a time, never on the verticle's own thread. */
    private final WriteLanes lanes;
    /** One thread per lane, apart from the node's worker pool, so a long write never starves other blocking work. */
    private WorkerExecutor writers;

    private CompactionScheduler compaction;

    /** Requests waiting for the next write, each with its candles: nothing is allocated per candle. */
    private List<Pending> buffer = new ArrayList<>();
    /** Candles in {@link #buffer}. */
    private int buffered;

    private boolean flushing;
    private Future<Void> inFlight = Future.succeededFuture();
    private MessageConsumer<Object> consumer;
    private MessageConsumer<Object> batchConsumer;
    private MessageConsumer<RecorderPresence> membersConsumer;
    private final RecorderRoster roster = new RecorderRoster(RecorderRoster.DEFAULT_EXPIRY_MILLIS);
    private final DurableMarks marks = new DurableMarks();
    private long presenceTimer = -1;
    private long flushTimer = -1;
    private long heartbeatTimer = -1;
    private long sweepTimer = -1;
    private String state = "starting";
    private final RecorderStats stats = new RecorderStats();
    private long lastEventTime;

    public RecorderVerticle(RecorderConfig config, Clock clock, String node) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.node = Objects.requireNonNull(node, "node");
        this.lanes = new WriteLanes(config.dataDir(), writerId, WriteLanes.DEFAULT_LANES, locks);
    }

    @Override
    public Future<?> start() {
        writers = vertx.createSharedWorkerExecutor("candlebus-recorder-" + writerId, lanes.size());
        consumer = vertx.eventBus().consumer(Addresses.RECORDER_CANDLES, this::onCandle);
        batchConsumer = vertx.eventBus().consumer(Addresses.recorderBatches(writerId), this::onBatch);
        membersConsumer = vertx.eventBus()
                .consumer(Addresses.RECORDER_MEMBERS, m -> roster.onPresence(m.body(), monotonicMillis()));
        flushTimer = vertx.setPeriodic(config.flushIntervalMillis(), id -> flush());
        heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> publishHeartbeat());
        log.info("recording to {} as writer {}", config.dataDir().toAbsolutePath(), writerId);
        sweepStaleTempFiles();
        sweepTimer = vertx.setPeriodic(StaleTempFiles.MAX_AGE_MILLIS, id -> sweepStaleTempFiles());
        if (config.compaction().enabled()) {
            compaction = new CompactionScheduler(vertx, config.dataDir(), config.compaction(), clock, locks, stats);
            compaction.start();
        }
        // Announced only once its address is registered, so no sender routes to it before it can take batches.
        return Future.all(consumer.completion(), batchConsumer.completion(), membersConsumer.completion())
                .onSuccess(v -> {
                    state = "live";
                    publishHeartbeat();
                    announce(RecorderPresence.LIVE);
                    presenceTimer = vertx.setPeriodic(PRESENCE_MILLIS, id -> announce(RecorderPresence.LIVE));
                });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(flushTimer);
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(sweepTimer);
        vertx.cancelTimer(presenceTimer);
        // Senders stop routing here at once; what they sent already is still written and acknowledged below.
        announce(RecorderPresence.LEAVING);
        Future<Void> unregistered = consumer == null
                ? Future.succeededFuture()
                : Future.all(consumer.unregister(), batchConsumer.unregister(), membersConsumer.unregister())
                        .mapEmpty();
        Future<Void> compacted = compaction == null ? Future.succeededFuture() : compaction.stop();
        return unregistered
                .transform(ignored -> drain())
                .transform(ignored -> compacted)
                .eventually(() -> writers.close())
                .onComplete(ignored -> {
                    state = "stopped";
                    publishHeartbeat();
                });
    }

    private void onCandle(Message<Object> message) {
        if (!(message.body() instanceof Candle candle)) {
            stats.invalid++;
            Object body = message.body();
            message.fail(
                    FailureCode.INVALID.code(),
                    "recorder.candles: expected a Candle, was "
                            + (body == null ? "null" : body.getClass().getName()));
            return;
        }
        // A single candle has no write-by time: its sender re-sends it to any recorder, never to an owner.
        take(message, List.of(candle), Long.MAX_VALUE, Addresses.RECORDER_CANDLES);
    }

    private void onBatch(Message<Object> message) {
        if (!(message.body() instanceof CandleBatch batch)) {
            stats.invalid++;
            Object body = message.body();
            message.fail(
                    FailureCode.INVALID.code(),
                    "recorder.batches: expected a CandleBatch, was "
                            + (body == null ? "null" : body.getClass().getName()));
            return;
        }
        take(message, batch.candles(), batch.writeBy(), Addresses.RECORDER_BATCHES);
    }

    /** Buffers the candles of one request, answered once all are settled; refuses open ones and a full buffer. */
    private void take(Message<Object> message, List<Candle> candles, long writeBy, String address) {
        for (Candle candle : candles) {
            if (!candle.closed()) {
                stats.invalid++;
                message.fail(
                        FailureCode.INVALID.code(), address + ": expected a closed candle, was open " + candle.key());
                return;
            }
        }
        if (flushing && buffered >= 2L * config.maxBufferedCandles()) {
            // Bounds memory at three buffers (plus one request): the one being written and, behind it, room for
            // a sender whose window is twice a buffer even after a timer flush wrote a partial one. The sender
            // retries with backoff.
            stats.refused += candles.size();
            message.fail(
                    FailureCode.UNAVAILABLE.code(),
                    address + ": expected room in the buffer, was full with " + buffered
                            + " candles while a write runs");
            return;
        }
        stats.received += candles.size();
        lastEventTime = clock.millis();
        BatchAck ack = new BatchAck(candles.size(), writeBy, error -> {
            if (error == null) {
                message.reply(null);
            } else {
                message.fail(FailureCode.UNAVAILABLE.code(), address + ": " + error);
            }
        });
        buffer.add(new Pending(ack, candles));
        buffered += candles.size();
        if (buffered >= config.maxBufferedCandles()) {
            flush();
        }
    }

    /** Starts writing the buffer unless a write runs; returns the running write. */
    private Future<Void> flush() {
        if (flushing || buffer.isEmpty()) {
            return inFlight;
        }
        List<Pending> batch = writable(buffer);
        buffer = new ArrayList<>();
        buffered = 0;
        if (batch.isEmpty()) {
            return inFlight;
        }
        flushing = true;
        List<Candle> candles = new ArrayList<>();
        for (Pending p : batch) {
            candles.addAll(p.candles());
        }
        inFlight = write(candles).transform(result -> {
            flushing = false;
            settle(batch, result);
            // Not inline: inFlight must first point at this write's future.
            context.runOnContext(v -> {
                if (buffered >= config.maxBufferedCandles()) {
                    flush();
                }
            });
            return Future.succeededFuture();
        });
        return inFlight;
    }

    /** Writes the lanes' shares of {@code candles} at the same time; the outcome of all of them. */
    private Future<FlushOutcome> write(List<Candle> candles) {
        List<List<Candle>> parts = lanes.split(candles);
        List<Future<FlushOutcome>> writes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            List<Candle> part = parts.get(i);
            if (!part.isEmpty()) {
                CandleRecorder lane = lanes.lane(i);
                writes.add(writers.executeBlocking(() -> lane.record(part), false));
            }
        }
        return Future.all(writes)
                .map(all -> WriteLanes.merge(writes.stream().map(Future::result).toList()));
    }

    /**
     * Returns the candles that may still be written; settles, unwritten, those whose sender may already be
     * re-sending them to another recorder (see {@link CandleBatch#writeBy()}).
     */
    private List<Pending> writable(List<Pending> pending) {
        long now = System.currentTimeMillis();
        List<Pending> writable = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            if (p.ack().expired(now)) {
                stats.expired += p.candles().size();
                p.ack()
                        .settle(
                                p.candles().size(),
                                "expected the write to start before the sender's write-by time, was too late");
            } else {
                writable.add(p);
            }
        }
        return writable;
    }

    /** Waits for the running write, then writes what is left, until nothing is buffered. */
    private Future<Void> drain() {
        if (!flushing && buffer.isEmpty()) {
            return Future.succeededFuture();
        }
        return inFlight.transform(ignored -> flush()).compose(ignored -> drain());
    }

    private void settle(List<Pending> batch, AsyncResult<FlushOutcome> result) {
        if (result.failed()) {
            stats.failures++;
            stats.failingWrites++;
            state = "failing";
            log.warn(
                    "expected {} candles written, was {}",
                    batch.size(),
                    result.cause().toString());
            String error = "expected the candle written to Parquet, was " + result.cause();
            batch.forEach(p -> p.ack().settle(p.candles().size(), error));
            return;
        }
        FlushOutcome outcome = result.result();
        stats.add(outcome);
        if (outcome.failures().isEmpty()) {
            stats.failingWrites = 0;
            state = "live";
        } else {
            stats.failingWrites++;
            state = "failing";
        }
        for (Pending p : batch) {
            if (outcome.failures().isEmpty()) {
                p.candles().forEach(marks::durable);
                p.ack().settle(p.candles().size(), null);
                continue;
            }
            for (Candle candle : p.candles()) {
                String error = outcome.failureFor(candle);
                if (error == null) {
                    marks.durable(candle);
                }
                p.ack().settle(error);
            }
        }
    }

    /**
     * Removes temporary part files that killed writers left (see {@link StaleTempFiles}), off the verticle's
     * thread and unordered with writes: it never touches a file a live writer could still be using.
     */
    private void sweepStaleTempFiles() {
        // File times are wall-clock times, whatever clock (simulated) the candles run on.
        long now = System.currentTimeMillis();
        vertx.<Integer>executeBlocking(() -> StaleTempFiles.sweep(config.dataDir(), now), false)
                .onSuccess(removed -> {
                    stats.staleTempsRemoved += removed;
                    if (removed > 0) {
                        log.info(
                                "removed {} temporary part files older than {} ms that killed writers left under {}",
                                removed,
                                StaleTempFiles.MAX_AGE_MILLIS,
                                config.dataDir().toAbsolutePath());
                    }
                })
                .onFailure(e -> log.warn("could not sweep temporary part files: {}", e.toString()));
    }

    private void publishHeartbeat() {
        Map<String, Long> counters = stats.counters(buffered);
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_HEARTBEAT,
                        new Heartbeat(node, COMPONENT, state, counters, lastEventTime, clock.millis()));
    }

    /** Announces this recorder and the streams it owns among the live recorders it hears of. */
    private void announce(String presenceState) {
        roster.expire(monotonicMillis());
        TreeSet<String> live = new TreeSet<>(roster.live());
        live.add(writerId);
        vertx.eventBus()
                .publish(
                        Addresses.RECORDER_MEMBERS,
                        new RecorderPresence(
                                writerId,
                                node,
                                presenceState,
                                System.currentTimeMillis(),
                                marks.owned(writerId, live)));
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private static String newWriterId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** One request's candles and their acknowledgement. */
    private record Pending(BatchAck ack, List<Candle> candles) {}
}
