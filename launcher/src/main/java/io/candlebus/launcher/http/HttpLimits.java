package io.candlebus.launcher.http;

import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * What the HTTP server allows one client, so that clients cannot starve the node of file descriptors or
 * event-loop time.
 *
 * @param maxConnections connections open at once; one more makes the server close its oldest idle connection
 *     (one without a request in progress), or the new one if none is idle
 * @param idleTimeoutMillis a connection with nothing read or written for this long is closed
 * @param headerTimeoutMillis a connection must complete a request's headers within this long of opening or
 *     of its previous response, or it is closed (slow clients that trickle headers hold no slot for long)
 * @param maxBodyBytes largest request body accepted on any route; larger is 413 before it is read
 */
public record HttpLimits(int maxConnections, long idleTimeoutMillis, long headerTimeoutMillis, int maxBodyBytes) {
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 60_000;
    public static final long DEFAULT_HEADER_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_BODY_BYTES = 4_096;
    /** The longest request line (method, path, version) accepted; longer gets 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 4_096;
    /** The most header bytes accepted in one request; more gets 431. */
    public static final int MAX_HEADER_BYTES = 8_192;

    public HttpLimits {
        if (maxConnections < 1 || idleTimeoutMillis < 1 || headerTimeoutMillis < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("HTTP limits must be positive: " + maxConnections + ", "
                    + idleTimeoutMillis + ", " + headerTimeoutMillis + ", " + maxBodyBytes);
        }
    }

    /** Returns the defaults: 512 connections, 60 s idle, 10 s for headers, 4 KiB bodies. */
    public static HttpLimits defaults() {
        return new HttpLimits(
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_IDLE_TIMEOUT_MILLIS,
                DEFAULT_HEADER_TIMEOUT_MILLIS,
                DEFAULT_MAX_BODY_BYTES);
    }

    /** Returns these limits with another connection maximum. */
    public HttpLimits withMaxConnections(int newMaxConnections) {
        return new HttpLimits(newMaxConnections, idleTimeoutMillis, headerTimeoutMillis, maxBodyBytes);
    }

    /** Returns the Vert.x server options these limits need (the connection maximum and header deadline are ours). */
    HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleTimeoutMillis))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                // HTTP/1 only: with cleartext HTTP/2 on, a connection reaches our handler only after its first
                // bytes, so a client that connects and sends nothing would never be counted or timed out.
                .setHttp2ClearTextEnabled(false)
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                // A form-encoded body (curl -d sends one) decodes up to the body limit instead of failing.
                .setMaxFormAttributeSize(maxBodyBytes)
                .setMaxFormBufferedBytes(maxBodyBytes);
    }
}
