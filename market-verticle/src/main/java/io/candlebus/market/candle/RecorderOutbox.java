package io.candlebus.market.candle;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleBatch;
import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.RecorderRoster;
import io.candlebus.market.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every closed candle to the recorder that owns its stream at least once, and never to two recorders
 * at a time: candles go in {@link CandleBatch}es to {@code recorder.batches.<owner>}, the owner chosen by the
 * owner rule over the live recorders announced on {@code recorder.members} ({@link OwnerBatches} holds a stream
 * back while its old owner has candles of it in flight). A batch not acknowledged (failure, timeout, recorder
 * gone) is queued again and re-sent with capped exponential backoff, to whichever recorder owns the stream then.
 * The outbox is bounded; a candle offered when it is full is dropped and counted.
 *
 * <p>Batches are cut at {@link Batching#maxBatch} candles and leave at most {@link Batching#lingerMillis} after
 * the first candle waiting, with at most {@link Batching#maxInFlight} candles unacknowledged.
 *
 * <p>With a {@link OutboxSpool}, nothing unacknowledged is lost at a stop: {@link #keep} writes every candle
 * still queued or in flight to the spool, and {@link #restore} re-sends what the last stop kept (claimed files
 * are deleted once all their candles are acknowledged). Without one, {@link #keep} logs how many are lost.
 */
public final class RecorderOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderOutbox.class);
    private static final long EXPIRY_CHECK_MILLIS = 500;

    /**
     * How candles are grouped: at most {@code maxBatch} per request, sent at most {@code lingerMillis} after the
     * first one waits, at most {@code maxInFlight} unacknowledged. A recorder acknowledges only after its next
     * flush (seconds apart), so the window must hold a flush interval's worth of candles; a recorder takes twice
     * its buffer while it writes and refuses more, so the default window is twice the recorder's default buffer
     * (10,000 candles).
     */
    public record Batching(int maxBatch, long lingerMillis, int maxInFlight) {
        public static final Batching DEFAULT = new Batching(1_000, 10, 20_000);

        public Batching {
            if (maxBatch < 1 || lingerMillis < 1 || maxInFlight < maxBatch) {
                throw new IllegalArgumentException("batching: expected maxBatch >= 1, lingerMillis >= 1 and"
                        + " maxInFlight >= maxBatch, was " + maxBatch + ", " + lingerMillis + ", " + maxInFlight);
            }
        }
    }

    private final Vertx vertx;
    private final long timeoutMillis;
    private final DeliveryOptions options;
    private final int capacity;
    private final Backoff backoff;
    private final OutboxSpool spool;
    private final Batching batching;
    private final RecorderRoster roster = new RecorderRoster(RecorderRoster.DEFAULT_EXPIRY_MILLIS);
    private final OwnerBatches batches = new OwnerBatches();
    // Identity: two batches with equal contents are two requests.
    private final Set<OwnerBatches.Batch> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private final MessageConsumer<RecorderPresence> members;
    private final long expiryTimer;
    private List<Path> claimedFiles = List.of();
    private long restoredLeft;
    private boolean waiting;
    private boolean lingering;
    private boolean closed;
    private long acknowledged;
    private long retries;
    private long dropped;
    private long batchesSent;
    /** Completed once nothing is pending, while a stop waits for the acknowledgements in flight. */
    private Promise<Void> settling;

    public RecorderOutbox(Vertx vertx, long timeoutMillis, int capacity, Backoff backoff) {
        this(vertx, timeoutMillis, capacity, backoff, null);
    }

    /** An outbox that keeps what is unacknowledged at a stop in {@code spool} (null: nowhere). */
    public RecorderOutbox(Vertx vertx, long timeoutMillis, int capacity, Backoff backoff, OutboxSpool spool) {
        this(vertx, timeoutMillis, capacity, backoff, spool, Batching.DEFAULT);
    }

    /**
     * An outbox batching as {@code batching} says. Call on the context that will use it: it listens to the
     * recorders' announcements from there.
     */
    public RecorderOutbox(
            Vertx vertx, long timeoutMillis, int capacity, Backoff backoff, OutboxSpool spool, Batching batching) {
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
        this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
        this.capacity = capacity;
        this.backoff = backoff;
        this.spool = spool;
        this.batching = batching;
        this.members = vertx.eventBus().consumer(Addresses.RECORDER_MEMBERS, m -> {
            if (roster.onPresence(m.body(), monotonicMillis())) {
                LOG.info("live recorders now {}", roster.live());
                pump();
            }
        });
        this.expiryTimer = vertx.setPeriodic(EXPIRY_CHECK_MILLIS, id -> {
            if (roster.expire(monotonicMillis())) {
                LOG.warn("a recorder stopped announcing itself; live recorders now {}", roster.live());
                pump();
            }
        });
    }

    /** Completes once this outbox hears recorders' announcements cluster-wide. */
    public Future<Void> listening() {
        return members.completion();
    }

    /**
     * Claims what the last stop kept in the spool (off the event loop) and queues it ahead of new candles.
     * Never fails: a spool that cannot be read is logged, as the node can still record what comes next.
     */
    public Future<Void> restore() {
        if (spool == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(spool::claim)
                .onSuccess(claimed -> {
                    if (claimed.badLines() > 0) {
                        LOG.error(
                                "outbox spool {}: skipped {} lines that were not a candle",
                                spool.dir().toAbsolutePath(),
                                claimed.badLines());
                    }
                    if (claimed.files().isEmpty()) {
                        return;
                    }
                    LOG.info(
                            "re-sending {} closed candles no recorder had acknowledged at the last stop, kept in {}",
                            claimed.candles().size(),
                            claimed.files());
                    claimedFiles = List.copyOf(claimed.files());
                    restoredLeft = claimed.candles().size();
                    batches.addFirst(claimed.candles().stream()
                            .map(c -> new OwnerBatches.Item(c, true))
                            .toList());
                    releaseIfRestoredAcknowledged();
                    pump();
                })
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.error(
                            "outbox spool {}: expected readable kept candles, was {}; starting without them",
                            spool.dir().toAbsolutePath(),
                            e.toString());
                    return Future.succeededFuture();
                });
    }

    /** Queues {@code candle} for the recorder that owns its stream. */
    public void offer(Candle candle) {
        if (closed) {
            dropped++;
            LOG.error("closed candle {} after the outbox was kept at the stop: lost", candle.key());
            return;
        }
        if (pending() >= capacity) {
            dropped++;
            if (dropped == 1) {
                LOG.error(
                        "recorder outbox full ({} candles): dropping {}; further drops are only counted",
                        capacity,
                        candle.key());
            }
            return;
        }
        batches.add(new OwnerBatches.Item(candle, false));
        if (batches.queued() >= batching.maxBatch()) {
            pump();
        } else if (!lingering) {
            lingering = true;
            vertx.setTimer(batching.lingerMillis(), id -> {
                lingering = false;
                pump();
            });
        }
    }

    /**
     * Completes once every candle offered is acknowledged, or after {@code maxMillis}, whichever comes first;
     * never fails. A stop calls it before {@link #keep}, once no more candles are offered, so that candles a live
     * recorder is about to acknowledge are recorded rather than kept for the next start. With no live recorder and
     * nothing in flight no acknowledgement can come, so it completes at once (a node without a recorder in reach
     * stops without waiting out the bound; what is pending is kept as ever).
     */
    public Future<Void> settle(long maxMillis) {
        if (pending() == 0 || closed || (inFlight.isEmpty() && roster.live().isEmpty())) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        settling = promise;
        pump();
        long timer = vertx.setTimer(maxMillis, id -> promise.tryComplete());
        return promise.future().onComplete(v -> {
            vertx.cancelTimer(timer);
            settling = null;
        });
    }

    /**
     * Stops sending and keeps every candle not yet acknowledged (queued or in flight; one in flight may still
     * be recorded, and its re-send is then skipped as a duplicate) in the spool, off the event loop. Logs how
     * many remain and where, or that they are lost. Never fails, so the rest of a stop goes on.
     */
    public Future<Void> keep() {
        closed = true;
        vertx.cancelTimer(expiryTimer);
        members.unregister();
        List<Candle> left = new ArrayList<>(batches.queued() + batches.inFlight());
        inFlight.forEach(b -> b.items().forEach(i -> left.add(i.candle())));
        batches.clear().forEach(i -> left.add(i.candle()));
        inFlight.clear();
        if (spool == null) {
            if (!left.isEmpty()) {
                LOG.error(
                        "stopping with {} closed candles no recorder has acknowledged: lost (no outbox spool)",
                        left.size());
            }
            return Future.succeededFuture();
        }
        List<Path> claimed = claimedFiles;
        if (left.isEmpty()) {
            LOG.info("stopping with every closed candle acknowledged by a recorder; nothing kept");
            return claimed.isEmpty()
                    ? Future.succeededFuture()
                    : vertx.<Void>executeBlocking(() -> {
                                spool.release(claimed);
                                return null;
                            })
                            .recover(e -> Future.succeededFuture());
        }
        return vertx.executeBlocking(() -> {
                    Path file = spool.keep(left);
                    spool.release(claimed);
                    return file;
                })
                .onSuccess(file -> LOG.warn(
                        "stopping with {} closed candles no recorder has acknowledged: kept in {}; they are re-sent"
                                + " at the next start",
                        left.size(),
                        file.toAbsolutePath()))
                .onFailure(e -> LOG.error(
                        "stopping with {} closed candles no recorder has acknowledged: expected them kept in {},"
                                + " was {}; they are lost",
                        left.size(),
                        spool.dir().toAbsolutePath(),
                        e.toString()))
                .<Void>mapEmpty()
                .recover(e -> Future.succeededFuture());
    }

    /** Returns candles not yet acknowledged. */
    public long pending() {
        return batches.queued() + (long) batches.inFlight();
    }

    /** Returns the counters for the heartbeat. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put("recorderPending", pending());
        c.put("recorderAcknowledged", acknowledged);
        c.put("recorderRetries", retries);
        c.put("recorderDropped", dropped);
        c.put("recorderBatches", batchesSent);
        c.put("recordersLive", (long) roster.live().size());
        return c;
    }

    private void pump() {
        if (closed || waiting) {
            return;
        }
        // With no live recorder, the next announcement pumps again.
        for (OwnerBatches.Batch batch : batches.take(roster.live(), batching.maxInFlight(), batching.maxBatch())) {
            send(batch);
        }
    }

    private void send(OwnerBatches.Batch batch) {
        inFlight.add(batch);
        batchesSent++;
        List<Candle> candles = new ArrayList<>(batch.items().size());
        batch.items().forEach(i -> candles.add(i.candle()));
        // Half the timeout: a write the recorder starts by then ends long before this outbox re-sends elsewhere.
        long writeBy = System.currentTimeMillis() + timeoutMillis / 2;
        vertx.eventBus()
                .request(Addresses.recorderBatches(batch.owner()), new CandleBatch(candles, writeBy), options)
                .onComplete(ar -> {
                    if (!inFlight.remove(batch)) {
                        return; // kept at a stop meanwhile
                    }
                    batches.settled(batch);
                    if (ar.succeeded()) {
                        acknowledged += candles.size();
                        if (settling != null && pending() == 0) {
                            settling.tryComplete();
                        }
                        backoff.reset();
                        long restored = batch.items().stream()
                                .filter(OwnerBatches.Item::restored)
                                .count();
                        if (restored > 0) {
                            restoredLeft -= restored;
                            releaseIfRestoredAcknowledged();
                        }
                    } else {
                        retries += candles.size();
                        if (ar.cause() instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
                            // Its address is gone: stopped or dead. It comes back if it announces itself again.
                            if (roster.remove(batch.owner())) {
                                LOG.warn(
                                        "recorder {} has no address any more; live recorders now {}",
                                        batch.owner(),
                                        roster.live());
                            }
                        }
                        batches.addFirst(batch.items());
                        pause();
                    }
                    pump();
                });
    }

    /** Deletes the claimed spool files once every candle restored from them is acknowledged. */
    private void releaseIfRestoredAcknowledged() {
        if (restoredLeft > 0 || claimedFiles.isEmpty() || closed) {
            return;
        }
        List<Path> files = claimedFiles;
        claimedFiles = List.of();
        vertx.executeBlocking(() -> {
                    spool.release(files);
                    return null;
                })
                .onSuccess(v -> LOG.info("every candle kept at the last stop is now acknowledged by a recorder"))
                .onFailure(e -> LOG.warn("expected {} deleted, was {}", files, e.toString()));
    }

    private void pause() {
        if (waiting || closed) {
            return;
        }
        waiting = true;
        vertx.setTimer(backoff.next(), id -> {
            waiting = false;
            pump();
        });
    }

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
