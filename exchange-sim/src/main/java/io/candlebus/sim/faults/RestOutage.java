package io.candlebus.sim.faults;

import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Makes every REST endpoint of every venue answer HTTP 503 with {@code Retry-After} (sim seconds) until a
 * sim time, as during an exchange outage or maintenance; websockets are not affected.
 */
public final class RestOutage {
    private final Clock clock;
    private volatile long until = Long.MIN_VALUE;

    /** Creates an inactive outage switch over {@code clock}. */
    public RestOutage(Clock clock) {
        this.clock = clock;
    }

    /** Starts an outage lasting until sim time {@code simUntil}. */
    public void until(long simUntil) {
        this.until = simUntil;
    }

    /** Answers 503 during an outage, else passes the request on; the first route of the router. */
    public void handle(RoutingContext ctx) {
        if (clock.millis() >= until) {
            ctx.next();
            return;
        }
        boolean binance = ctx.request().path().startsWith("/binance/");
        boolean upbit = ctx.request().path().startsWith("/upbit/");
        long retryAfter = Math.max(1, (until - clock.millis() + 999) / 1000);
        ctx.response()
                .setStatusCode(503)
                .putHeader("Retry-After", Long.toString(retryAfter))
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(
                        binance
                                ? "{\"code\":-1008,\"msg\":\"Server is currently overloaded with other requests."
                                        + " Please try again in a few minutes.\"}"
                                : upbit
                                        ? "{\"error\":{\"name\":\"server_error\",\"message\":\"Service Unavailable\"}}"
                                        : "{\"error\":{\"name\":\"server_error\",\"message\":\"service unavailable\"}}");
    }
}
