package io.candlebus.recorder;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code recorder.candles}: buffers closed candles and, every flush interval, when the buffer is full
 * and on stop, writes them to Parquet off the event loop, then replies to each request. An empty reply means
 * the candle is in a complete, renamed file (or was already recorded); a failed write fails the requests as
 * unavailable so senders retry. Correct as an event-loop or a worker verticle: the writer is only used by
 * ordered blocking tasks, one flush at a time.
 *
 * <p>The heartbeat state is {@code failing} from a write that failed (whole or in part) until a write succeeds
 * in full, with {@code failingWrites} counting the failed writes in a row; readiness reads both. A failing
 * recorder needs no timer of its own to recover: senders retry, and the next write that succeeds ends it.
 *
 * <p>With {@code compaction.enabled}, a {@link CompactionScheduler} turns each ended day into one file per
 * stream, sharing {@link PartitionLocks} with the writer so no part is appended to a day while it is swapped.
 */
public final class RecorderVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(RecorderVerticle.class);
    private static final String COMPONENT = "recorder";
    private static final long HEARTBEAT_MILLIS = 1000;

    private final RecorderConfig config;
    private final Clock clock;
    private final String node;
    /** Used only inside blocking tasks, never on the verticle's own thread. */
    private final CandleRecorder recorder;
    /** Shared by the writer and the compactor, so no part is appended to a day while it is swapped. */
    private final PartitionLocks locks = new PartitionLocks();

    private CompactionScheduler compaction;

    private List<Pending> buffer = new ArrayList<>();
    private boolean flushing;
    private Future<Void> inFlight = Future.succeededFuture();
    private MessageConsumer<Object> consumer;
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
        this.recorder = new CandleRecorder(config.dataDir(), newWriterId(), locks);
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(Addresses.RECORDER_CANDLES, this::onCandle);
        flushTimer = vertx.setPeriodic(config.flushIntervalMillis(), id -> flush());
        heartbeatTimer = vertx.setPeriodic(HEARTBEAT_MILLIS, id -> publishHeartbeat());
        log.info("recording to {} as writer {}", config.dataDir().toAbsolutePath(), recorder.writerId());
        sweepStaleTempFiles();
        sweepTimer = vertx.setPeriodic(StaleTempFiles.MAX_AGE_MILLIS, id -> sweepStaleTempFiles());
        if (config.compaction().enabled()) {
            compaction = new CompactionScheduler(vertx, config.dataDir(), config.compaction(), clock, locks, stats);
            compaction.start();
        }
        return consumer.completion().onSuccess(v -> {
            state = "live";
            publishHeartbeat();
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(flushTimer);
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(sweepTimer);
        Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
        Future<Void> compacted = compaction == null ? Future.succeededFuture() : compaction.stop();
        return unregistered
                .transform(ignored -> drain())
                .transform(ignored -> compacted)
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
        if (!candle.closed()) {
            stats.invalid++;
            message.fail(
                    FailureCode.INVALID.code(), "recorder.candles: expected a closed candle, was open " + candle.key());
            return;
        }
        if (flushing && buffer.size() >= config.maxBufferedCandles()) {
            // Bounds memory at two buffers; the sender retries with backoff.
            stats.refused++;
            message.fail(
                    FailureCode.UNAVAILABLE.code(),
                    "recorder.candles: expected room in the buffer, was full with " + buffer.size()
                            + " candles while a write runs");
            return;
        }
        stats.received++;
        lastEventTime = clock.millis();
        buffer.add(new Pending(message, candle));
        if (buffer.size() >= config.maxBufferedCandles()) {
            flush();
        }
    }

    /** Starts writing the buffer unless a write runs; returns the running write. */
    private Future<Void> flush() {
        if (flushing || buffer.isEmpty()) {
            return inFlight;
        }
        List<Pending> batch = buffer;
        buffer = new ArrayList<>();
        flushing = true;
        List<Candle> candles = batch.stream().map(Pending::candle).toList();
        inFlight = vertx.executeBlocking(() -> recorder.record(candles)).transform(result -> {
            flushing = false;
            settle(batch, result);
            // Not inline: inFlight must first point at this write's future.
            context.runOnContext(v -> {
                if (buffer.size() >= config.maxBufferedCandles()) {
                    flush();
                }
            });
            return Future.succeededFuture();
        });
        return inFlight;
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
            String error = "recorder.candles: expected the candle written to Parquet, was " + result.cause();
            batch.forEach(p -> p.message().fail(FailureCode.UNAVAILABLE.code(), error));
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
            String error = outcome.failureFor(p.candle());
            if (error == null) {
                p.message().reply(null);
            } else {
                p.message().fail(FailureCode.UNAVAILABLE.code(), "recorder.candles: " + error);
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
        Map<String, Long> counters = stats.counters(buffer.size());
        vertx.eventBus()
                .publish(
                        Addresses.STATUS_HEARTBEAT,
                        new Heartbeat(node, COMPONENT, state, counters, lastEventTime, clock.millis()));
    }

    private static String newWriterId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private record Pending(Message<Object> message, Candle candle) {}
}
