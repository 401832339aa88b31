package io.candlebus.sim.binance.orders;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.binance.WeightLimiter;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.OrderRejection;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimOrder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Serves Binance spot's signed order endpoints over the order engine: {@code POST|GET|DELETE
 * /api/v3/order} (query and cancel by {@code orderId} or {@code origClientOrderId}), {@code GET
 * /api/v3/openOrders} and {@code GET /api/v3/account}. Parameters may come in the query string or a form
 * body; every request is checked by {@link BinanceRequestVerifier} and charged its weight.
 */
public final class BinanceOrderRoutes {
    private static final String BASE = "/binance/spot/api/v3";

    private final OrderEngine engine;
    private final WeightLimiter limiter;
    private final Clock clock;
    private final BinanceRequestVerifier verifier;
    private long cancelIds;

    /** Creates the routes over {@code engine}, charging {@code limiter}; {@code clock} is the sim clock. */
    public BinanceOrderRoutes(OrderEngine engine, WeightLimiter limiter, Clock clock) {
        this.engine = engine;
        this.limiter = limiter;
        this.clock = clock;
        this.verifier = new BinanceRequestVerifier(engine, clock);
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(16_384);
        router.post(BASE + "/order").handler(body).handler(ctx -> handle(ctx, 1, this::onPlace));
        router.get(BASE + "/order").handler(ctx -> handle(ctx, 4, this::onQuery));
        router.delete(BASE + "/order").handler(body).handler(ctx -> handle(ctx, 1, this::onCancel));
        router.get(BASE + "/openOrders").handler(ctx -> handle(ctx, 6, this::onOpenOrders));
        router.get(BASE + "/account").handler(ctx -> handle(ctx, 20, this::onAccount));
    }

    /** One step of a signed request: reads the verified account and parameters, returns the 200 body. */
    private interface Action {
        String run(SimAccount account, Map<String, String> params) throws BinanceFailure;
    }

    private void handle(RoutingContext ctx, int weight, Action action) {
        long now = clock.millis();
        WeightLimiter.Verdict verdict = limiter.charge(Market.SPOT, weight, now);
        if (verdict != WeightLimiter.Verdict.OK) {
            ctx.response().putHeader("Retry-After", Long.toString(limiter.retryAfterSeconds(Market.SPOT, now)));
            reply(
                    ctx,
                    verdict == WeightLimiter.Verdict.BANNED ? 418 : 429,
                    BinanceOrderJson.error(
                            -1003,
                            "Too much request weight used; current limit is " + limiter.limit(Market.SPOT)
                                    + " request weight per 1 MINUTE."));
            return;
        }
        String body = ctx.body().available() ? ctx.body().asString() : null;
        BinanceSignedRequest request = BinanceSignedRequest.of(ctx.request().query(), body);
        try {
            SimAccount account = verifier.verify(ctx.request().getHeader("X-MBX-APIKEY"), request);
            reply(ctx, 200, action.run(account, request.params()));
        } catch (BinanceFailure e) {
            reply(ctx, e.status(), BinanceOrderJson.error(e.code(), e.getMessage()));
        }
    }

    private String onPlace(SimAccount account, Map<String, String> params) throws BinanceFailure {
        NewOrder request = BinanceOrderRequest.parse(params);
        String respType = params.getOrDefault("newOrderRespType", "FULL");
        if (!respType.matches("ACK|RESULT|FULL")) {
            throw BinanceFailure.bad(-1100, "Illegal characters found in parameter 'newOrderRespType'.");
        }
        try {
            return BinanceOrderJson.placed(engine.place(account, request).order(), respType);
        } catch (OrderRejection e) {
            throw switch (e.reason()) {
                case UNKNOWN_INSTRUMENT -> BinanceFailure.bad(-1121, "Invalid symbol.");
                case PRICE_TICK -> BinanceFailure.bad(-1013, "Filter failure: PRICE_FILTER");
                case QUANTITY_STEP -> BinanceFailure.bad(-1013, "Filter failure: LOT_SIZE");
                case MIN_NOTIONAL -> BinanceFailure.bad(-1013, "Filter failure: NOTIONAL");
                case INSUFFICIENT_BALANCE -> BinanceFailure.bad(
                        -2010, "Account has insufficient balance for requested action.");
                case DUPLICATE_CLIENT_ORDER_ID -> BinanceFailure.bad(-2010, "Duplicate order sent.");
                case ORDER_NOT_FOUND, NOT_CANCELABLE -> BinanceFailure.bad(-2010, e.getMessage());
            };
        }
    }

    private String onQuery(SimAccount account, Map<String, String> params) throws BinanceFailure {
        return BinanceOrderJson.queried(
                find(account, params).orElseThrow(() -> BinanceFailure.bad(-2013, "Order does not exist.")));
    }

    private String onCancel(SimAccount account, Map<String, String> params) throws BinanceFailure {
        SimOrder order = find(account, params).orElseThrow(() -> BinanceFailure.bad(-2011, "Unknown order sent."));
        try {
            SimOrder cancelled = engine.cancel(account, order.orderId());
            String cancelId = params.getOrDefault("newClientOrderId", "sim-cancel-" + ++cancelIds);
            return BinanceOrderJson.cancelled(cancelled, cancelId);
        } catch (OrderRejection e) {
            throw BinanceFailure.bad(-2011, "Unknown order sent.");
        }
    }

    private String onOpenOrders(SimAccount account, Map<String, String> params) throws BinanceFailure {
        Instrument instrument = params.containsKey("symbol") ? BinanceOrderRequest.symbol(params) : null;
        return BinanceOrderJson.openOrders(engine.openOrders(account, instrument));
    }

    private String onAccount(SimAccount account, Map<String, String> params) {
        return BinanceOrderJson.account(engine.balances(account), clock.millis());
    }

    /** Finds the order by {@code orderId}, else {@code origClientOrderId}, within {@code symbol}. */
    private Optional<SimOrder> find(SimAccount account, Map<String, String> params) throws BinanceFailure {
        Instrument instrument = BinanceOrderRequest.symbol(params);
        String id = params.get("orderId");
        String clientId = params.get("origClientOrderId");
        Optional<SimOrder> order;
        if (id != null && !id.isEmpty()) {
            if (!id.matches("[0-9]{1,18}")) {
                throw BinanceFailure.illegal("orderId", "^[0-9]{1,20}$");
            }
            order = engine.order(account, Long.parseLong(id));
        } else if (clientId != null && !clientId.isEmpty()) {
            order = engine.orderByClientId(account, clientId);
        } else {
            throw BinanceFailure.bad(
                    -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were" + " empty/null!");
        }
        return order.filter(o -> o.request().instrument().equals(instrument));
    }

    private void reply(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(limiter.used(Market.SPOT, clock.millis())))
                .end(body);
    }
}
