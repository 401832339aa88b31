package io.candlebus.sim.orders;

import io.vertx.ext.web.RoutingContext;

/** Sends the answer of a placed order, or spoils it as {@link OrderFaults} armed. */
public final class FaultedAnswer {
    private FaultedAnswer() {}

    /**
     * Answers {@code status} with {@code body}, unless the faults hold a loss for it: then closes the
     * connection, answers 503 with {@code serverErrorBody}, or sends the answer late.
     */
    public static void send(RoutingContext ctx, OrderFaults faults, int status, String body, String serverErrorBody) {
        OrderFaults.Loss loss = faults.takeLoss().orElse(null);
        if (loss == null) {
            json(ctx, status, body);
            return;
        }
        switch (loss) {
            case CLOSE_CONNECTION -> ctx.request().connection().close();
            case SERVER_ERROR -> json(ctx, 503, serverErrorBody);
            case DELAY -> ctx.vertx().setTimer(faults.delayRealMillis(), id -> {
                if (!ctx.response().closed()) {
                    json(ctx, status, body);
                }
            });
        }
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .end(body);
    }
}
