package io.candlebus.market.candle;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.market.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
 * Delivers every closed candle to a recorder at least once: a request on {@code recorder.candles} with
 * a timeout, retried with capped exponential backoff on failure, timeout or no recorder, until one
 * acknowledges. The outbox is bounded; a candle offered when it is full is dropped and counted.
 *
 * <p>With a {@link OutboxSpool}, nothing unacknowledged is lost at a stop: {@link #keep} writes every candle
 * still queued or in flight to the spool, and {@link #restore} re-sends what the last stop kept (claimed files
 * are deleted once all their candles are acknowledged). Without one, {@link #keep} logs how many are lost.
 */
public final class RecorderOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderOutbox.class);
    // A recorder acknowledges only after its next flush (seconds apart), so the window must hold a whole
    // flush interval's worth of candles: with 64 in flight, recording was capped at 32 candles/s and a
    // warm-up of a few thousand candles took minutes to reach disk.
    private static final int MAX_IN_FLIGHT = 4096;

    private final Vertx vertx;
    private final DeliveryOptions options;
    private final int capacity;
    private final Backoff backoff;
    private final OutboxSpool spool;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    // Identity: the same candle offered twice is two entries.
    private final Set<Entry> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
    private List<Path> claimedFiles = List.of();
    private long restoredLeft;
    private boolean waiting;
    private boolean closed;
    private long acknowledged;
    private long retries;
    private long dropped;

    /** One queued candle; {@code restored} if it came from the spool. */
    private record Entry(Candle candle, boolean restored) {}

    public RecorderOutbox(Vertx vertx, long timeoutMillis, int capacity, Backoff backoff) {
        this(vertx, timeoutMillis, capacity, backoff, null);
    }

    /** An outbox that keeps what is unacknowledged at a stop in {@code spool} (null: nowhere). */
    public RecorderOutbox(Vertx vertx, long timeoutMillis, int capacity, Backoff backoff, OutboxSpool spool) {
        this.vertx = vertx;
        this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
        this.capacity = capacity;
        this.backoff = backoff;
        this.spool = spool;
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
                    List<Candle> restored = claimed.candles();
                    for (int i = restored.size() - 1; i >= 0; i--) {
                        queue.addFirst(new Entry(restored.get(i), true));
                    }
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

    /** Queues {@code candle} for the recorder. */
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
        queue.addLast(new Entry(candle, false));
        pump();
    }

    /**
     * Stops sending and keeps every candle not yet acknowledged (queued or in flight; one in flight may still
     * be recorded, and its re-send is then skipped as a duplicate) in the spool, off the event loop. Logs how
     * many remain and where, or that they are lost. Never fails, so the rest of a stop goes on.
     */
    public Future<Void> keep() {
        closed = true;
        List<Candle> left = new ArrayList<>(queue.size() + inFlight.size());
        inFlight.forEach(e -> left.add(e.candle()));
        queue.forEach(e -> left.add(e.candle()));
        queue.clear();
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
        return queue.size() + (long) inFlight.size();
    }

    /** Returns the counters for the heartbeat. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put("recorderPending", pending());
        c.put("recorderAcknowledged", acknowledged);
        c.put("recorderRetries", retries);
        c.put("recorderDropped", dropped);
        return c;
    }

    private void pump() {
        while (!closed && !waiting && inFlight.size() < MAX_IN_FLIGHT && !queue.isEmpty()) {
            Entry entry = queue.pollFirst();
            inFlight.add(entry);
            vertx.eventBus()
                    .request(Addresses.RECORDER_CANDLES, entry.candle(), options)
                    .onComplete(ar -> {
                        if (!inFlight.remove(entry)) {
                            return; // kept at a stop meanwhile
                        }
                        if (ar.succeeded()) {
                            acknowledged++;
                            backoff.reset();
                            if (entry.restored()) {
                                restoredLeft--;
                                releaseIfRestoredAcknowledged();
                            }
                        } else {
                            retries++;
                            queue.addFirst(entry);
                            pause();
                        }
                        pump();
                    });
        }
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
}
