package io.candlebus.launcher.http;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.codec.ContractJson;
import io.candlebus.order.OrderRequestParser;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The order endpoints over the bus: {@code POST /orders} ({@code orders.submit}), {@code GET /orders},
 * {@code GET /orders/{clientOrderId}}, {@code GET /positions}, {@code GET /balances} ({@code orders.query}) and
 * {@code DELETE /orders/{clientOrderId}} ({@code orders.cancel}). They work on any node of a cluster where some
 * node has the order role; without one they answer 503 naming it. Token-guarded: submit, cancel and balances
 * (a balance is the account's business, and each read costs the venue's rate limit).
 */
final class OrderRoutes {
    private static final Set<String> ORDERS_PARAMS = Set.of("instrument", "limit");

    private final Vertx vertx;
    private final DeliveryOptions timeout;

    OrderRoutes(Vertx vertx, long timeoutMillis) {
        this.vertx = vertx;
        this.timeout = new DeliveryOptions().setSendTimeout(timeoutMillis);
    }

    /** Puts the token check first on the guarded routes, before any body is read. */
    void guard(Router router, TokenAuth auth) {
        router.post("/orders").handler(auth);
        router.delete("/orders/:clientOrderId").handler(auth);
        router.get("/balances").handler(auth);
    }

    /** Mounts the routes; after the kill switch's, so {@code /orders/kill} keeps its own. */
    void mount(Router router, Supplier<BodyHandler> bodies) {
        router.post("/orders").handler(bodies.get()).handler(this::onSubmit);
        router.get("/orders").handler(this::onList);
        router.get("/orders/:clientOrderId").handler(this::onOrder);
        router.delete("/orders/:clientOrderId").handler(this::onCancel);
        router.get("/positions").handler(ctx -> query(ctx, new JsonObject().put("query", "positions")));
        router.get("/balances").handler(ctx -> query(ctx, new JsonObject().put("query", "balances")));
    }

    private void onSubmit(RoutingContext ctx) {
        OrderRequest order;
        try {
            // Judged here as the order node judges it (which checks again): bad input is a 400 at the edge.
            order = OrderRequestParser.parse(OrderBody.parse(ctx.body().asString()));
        } catch (IllegalArgumentException e) {
            TokenAuth.error(ctx, 400, e.getMessage());
            return;
        }
        vertx.eventBus()
                .<OrderEvent>request(Addresses.ORDERS_SUBMIT, order, timeout)
                .onSuccess(reply -> event(ctx, reply.body()))
                .onFailure(e -> failure(ctx, Addresses.ORDERS_SUBMIT, e));
    }

    private void onList(RoutingContext ctx) {
        MultiMap params = ctx.queryParams();
        JsonObject query = new JsonObject().put("query", "orders");
        for (String name : params.names()) {
            if (!ORDERS_PARAMS.contains(name)) {
                TokenAuth.error(ctx, 400, name + ": unknown query parameter, expected instrument or limit");
                return;
            }
            if (params.getAll(name).size() > 1) {
                TokenAuth.error(
                        ctx,
                        400,
                        name + ": expected once, was given "
                                + params.getAll(name).size() + " times");
                return;
            }
        }
        if (params.get("instrument") != null) {
            query.put("instrument", params.get("instrument"));
        }
        String limit = params.get("limit");
        if (limit != null) {
            if (!limit.matches("[0-9]{1,4}")) {
                TokenAuth.error(ctx, 400, "limit: expected an integer from 1 to 500, was '" + shown(limit) + "'");
                return;
            }
            query.put("limit", Integer.parseInt(limit));
        }
        query(ctx, query);
    }

    private void onOrder(RoutingContext ctx) {
        vertx.eventBus()
                .<OrderEvent>request(
                        Addresses.ORDERS_QUERY,
                        new JsonObject().put("query", "order").put("clientOrderId", ctx.pathParam("clientOrderId")),
                        timeout)
                .onSuccess(reply -> event(ctx, reply.body()))
                .onFailure(e -> failure(ctx, Addresses.ORDERS_QUERY, e));
    }

    private void onCancel(RoutingContext ctx) {
        vertx.eventBus()
                .<OrderEvent>request(Addresses.ORDERS_CANCEL, ctx.pathParam("clientOrderId"), timeout)
                .onSuccess(reply -> event(ctx, reply.body()))
                .onFailure(e -> failure(ctx, Addresses.ORDERS_CANCEL, e));
    }

    private void query(RoutingContext ctx, JsonObject query) {
        Future<Message<String>> reply = vertx.eventBus().request(Addresses.ORDERS_QUERY, query, timeout);
        reply.onSuccess(m -> ctx.response()
                        .setStatusCode(200)
                        .putHeader("Content-Type", "application/json")
                        .end(m.body()))
                .onFailure(e -> failure(ctx, Addresses.ORDERS_QUERY, e));
    }

    private static void event(RoutingContext ctx, OrderEvent event) {
        ctx.response()
                .setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .end(ContractJson.toJson(event));
    }

    /** Answers a failed bus request: the order verticle's own words and status, or 503 naming the missing role. */
    static void failure(RoutingContext ctx, String address, Throwable e) {
        if (!(e instanceof ReplyException re)) {
            TokenAuth.error(ctx, 500, "internal error; the node's log has the details");
            return;
        }
        switch (re.failureType()) {
            case RECIPIENT_FAILURE -> TokenAuth.error(
                    ctx, FailureCode.of(re.failureCode()).httpStatus(), re.getMessage());
            case NO_HANDLERS -> TokenAuth.error(
                    ctx,
                    503,
                    "no node of this cluster runs the order role (nothing consumes " + address
                            + "); start one with --roles order");
            case TIMEOUT -> TokenAuth.error(
                    ctx, 503, "the order role did not answer " + address + " in time; the outcome is unknown, retry");
            default -> TokenAuth.error(ctx, 500, "internal error; the node's log has the details");
        }
    }

    private static String shown(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
