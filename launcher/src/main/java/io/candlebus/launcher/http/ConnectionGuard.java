package io.candlebus.launcher.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the HTTP server to its connection maximum and header deadline: every connection is counted from the
 * moment it is accepted, one over the maximum closes the oldest idle one ({@link ConnectionLimit}), and a
 * connection that has not completed a request's headers within the deadline is closed. Runs on the server's
 * event loop only.
 */
final class ConnectionGuard {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
    private static final long REPORT_INTERVAL_MILLIS = 60_000;

    private final Vertx vertx;
    private final Clock clock;
    private final long headerTimeoutMillis;
    private final ConnectionLimit<HttpConnection> limit;
    private final Map<HttpConnection, Long> headerTimers = new HashMap<>();
    private final RateLimitedReport limitReport = new RateLimitedReport(REPORT_INTERVAL_MILLIS);
    private final RateLimitedReport timeoutReport = new RateLimitedReport(REPORT_INTERVAL_MILLIS);

    ConnectionGuard(Vertx vertx, Clock clock, HttpLimits limits) {
        this.vertx = vertx;
        this.clock = clock;
        this.headerTimeoutMillis = limits.headerTimeoutMillis();
        this.limit = new ConnectionLimit<>(limits.maxConnections());
    }

    /** The server's connection handler: counts the connection and starts its header deadline. */
    void onConnection(HttpConnection connection) {
        HttpConnection victim = limit.admit(connection);
        connection.closeHandler(v -> forget(connection));
        if (victim != null) {
            long closed = limitReport.record(clock.millis());
            if (closed > 0) {
                log.warn(
                        "HTTP connection limit reached: {} open (http.maxConnections); closing the oldest idle"
                                + " connection for each new one ({} closed since the last report, next report in"
                                + " a minute at most)",
                        limit.max(),
                        closed);
            }
            forget(victim);
            victim.close();
            if (victim == connection) {
                return;
            }
        }
        startHeaderDeadline(connection);
    }

    /** The router's first handler: a request's headers are in, so the connection is busy until its response ends. */
    void onRequest(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        if (limit.isOpen(connection)) {
            cancelHeaderDeadline(connection);
            limit.busy(connection);
            ctx.addEndHandler(ar -> {
                if (limit.isOpen(connection)) {
                    limit.idle(connection);
                    startHeaderDeadline(connection);
                }
            });
        }
        ctx.next();
    }

    /** Returns the connections counted as open. */
    int open() {
        return limit.open();
    }

    private void startHeaderDeadline(HttpConnection connection) {
        cancelHeaderDeadline(connection);
        long timer = vertx.setTimer(headerTimeoutMillis, id -> {
            headerTimers.remove(connection);
            long dropped = timeoutReport.record(clock.millis());
            if (dropped > 0) {
                log.info(
                        "closed {} HTTP connection(s) that sent no complete request headers within {} ms"
                                + " (http.headerTimeoutMillis) since the last report",
                        dropped,
                        headerTimeoutMillis);
            }
            forget(connection);
            connection.close();
        });
        headerTimers.put(connection, timer);
    }

    private void cancelHeaderDeadline(HttpConnection connection) {
        Long timer = headerTimers.remove(connection);
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private void forget(HttpConnection connection) {
        cancelHeaderDeadline(connection);
        limit.closed(connection);
    }
}
