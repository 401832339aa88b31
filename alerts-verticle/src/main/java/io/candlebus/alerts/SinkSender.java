package io.candlebus.alerts;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one sink's messages, one at a time and in order, with the non-blocking web client. Messages wait in
 * a bounded queue; when it is full the oldest is dropped and counted, so a dead or slow sink holds at most
 * {@code capacity} messages plus the one in flight and never slows the caller. Retries follow the
 * {@link RetryPolicy}; while a retry waits, the whole sink waits (a 429 is about the sender, not one message).
 * Runs on the owning verticle's context only.
 */
final class SinkSender {
    private static final Logger log = LoggerFactory.getLogger(SinkSender.class);

    private final Vertx vertx;
    private final WebClient client;
    private final Sink sink;
    private final RetryPolicy policy;
    private final int capacity;
    private final long timeoutMillis;
    private final Redaction redaction;
    private final ArrayDeque<JsonObject> queue = new ArrayDeque<>();

    private boolean busy;
    private boolean closed;
    private boolean healthy = true;
    private long retryTimer = -1;
    private String lastFailure;
    private long sent;
    private long dropped;
    private long retried;
    private long failed;

    SinkSender(
            Vertx vertx,
            WebClient client,
            Sink sink,
            RetryPolicy policy,
            int capacity,
            long timeoutMillis,
            Redaction redaction) {
        this.vertx = vertx;
        this.client = client;
        this.sink = sink;
        this.policy = policy;
        this.capacity = capacity;
        this.timeoutMillis = timeoutMillis;
        this.redaction = redaction;
    }

    String name() {
        return sink.name();
    }

    /** Queues the sink's message(s) for one alert; returns at once. */
    void offer(Alert alert, String node) {
        sink.bodies(alert, node).forEach(this::offer);
    }

    private void offer(JsonObject body) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            queue.pollFirst();
            dropped++;
            if (dropped == 1 || dropped % 1000 == 0) {
                log.warn(
                        "alerts sink {}: queue full ({} messages), dropped the oldest; {} dropped so far",
                        sink.name(),
                        capacity,
                        dropped);
            }
        }
        queue.addLast(body);
        pump();
    }

    /** Stops sending; queued messages are abandoned. */
    void close() {
        closed = true;
        vertx.cancelTimer(retryTimer);
        queue.clear();
    }

    /** Counters for the heartbeat, named {@code <sink>.sent} and so on. */
    Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put(sink.name() + ".sent", sent);
        c.put(sink.name() + ".dropped", dropped);
        c.put(sink.name() + ".retried", retried);
        c.put(sink.name() + ".failed", failed);
        c.put(sink.name() + ".queued", (long) queue.size());
        return c;
    }

    private void pump() {
        if (busy || closed || queue.isEmpty()) {
            return;
        }
        busy = true;
        attempt(queue.pollFirst(), 1);
    }

    private void attempt(JsonObject body, int attempt) {
        client.postAbs(sink.url())
                .timeout(timeoutMillis)
                .sendJsonObject(body)
                .onComplete(result -> settle(body, attempt, result));
    }

    private void settle(JsonObject body, int attempt, AsyncResult<HttpResponse<Buffer>> result) {
        if (closed) {
            return;
        }
        RetryPolicy.Decision d;
        if (result.succeeded()) {
            HttpResponse<Buffer> r = result.result();
            d = policy.onResponse(
                    r.statusCode(),
                    r.getHeader("Retry-After"),
                    r.body() == null ? null : r.body().toString(),
                    attempt);
        } else {
            d = policy.onError(String.valueOf(result.cause()), attempt);
        }
        switch (d.outcome()) {
            case SENT -> {
                sent++;
                if (!healthy) {
                    healthy = true;
                    log.info("alerts sink {}: delivering again", sink.name());
                }
                next();
            }
            case RETRY -> {
                retried++;
                if (healthy) {
                    healthy = false;
                    log.warn(
                            "alerts sink {}: {}; retrying in {} ms (further retries are only counted)",
                            sink.name(),
                            redaction.redact(d.reason()),
                            d.delayMillis());
                }
                retryTimer = vertx.setTimer(Math.max(1, d.delayMillis()), id -> {
                    retryTimer = -1;
                    if (!closed) {
                        attempt(body, attempt + 1);
                    }
                });
            }
            case FAILED -> {
                failed++;
                healthy = false;
                String reason = redaction.redact(d.reason());
                // A new kind of failure (a 401 after 5xx: the token was revoked) is news; repeats are counted.
                if (!reason.equals(lastFailure) || failed % 100 == 0) {
                    lastFailure = reason;
                    log.warn("alerts sink {}: gave up a message: {}; {} given up so far", sink.name(), reason, failed);
                }
                next();
            }
        }
    }

    private void next() {
        busy = false;
        pump();
    }
}
