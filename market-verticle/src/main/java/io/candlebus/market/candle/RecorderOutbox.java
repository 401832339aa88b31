package io.candlebus.market.candle;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.market.Backoff;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every closed candle to a recorder at least once: a request on {@code recorder.candles} with
 * a timeout, retried with capped exponential backoff on failure, timeout or no recorder, until one
 * acknowledges. The outbox is bounded; a candle offered when it is full is dropped and counted.
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
    private final ArrayDeque<Candle> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean waiting;
    private boolean closed;
    private long acknowledged;
    private long retries;
    private long dropped;

    public RecorderOutbox(Vertx vertx, long timeoutMillis, int capacity, Backoff backoff) {
        this.vertx = vertx;
        this.options = new DeliveryOptions().setSendTimeout(timeoutMillis);
        this.capacity = capacity;
        this.backoff = backoff;
    }

    /** Queues {@code candle} for the recorder. */
    public void offer(Candle candle) {
        if (queue.size() + inFlight >= capacity) {
            dropped++;
            if (dropped == 1) {
                LOG.error(
                        "recorder outbox full ({} candles): dropping {}; further drops are only counted",
                        capacity,
                        candle.key());
            }
            return;
        }
        queue.addLast(candle);
        pump();
    }

    /** Stops sending; what is still pending is lost with the process (the recorder de-duplicates replays). */
    public void close() {
        closed = true;
    }

    /** Returns candles not yet acknowledged. */
    public long pending() {
        return queue.size() + (long) inFlight;
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
        while (!closed && !waiting && inFlight < MAX_IN_FLIGHT && !queue.isEmpty()) {
            Candle candle = queue.pollFirst();
            inFlight++;
            vertx.eventBus()
                    .request(Addresses.RECORDER_CANDLES, candle, options)
                    .onComplete(ar -> {
                        inFlight--;
                        if (ar.succeeded()) {
                            acknowledged++;
                            backoff.reset();
                        } else {
                            retries++;
                            queue.addFirst(candle);
                            pause();
                        }
                        pump();
                    });
        }
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
