package io.candlebus.sim.binance.orders;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.binance.WeightLimiter;
import io.candlebus.sim.orders.FaultedAnswer;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.OrderFaults;
import io.candlebus.sim.orders.OrderRejection;
import io.candlebus.sim.orders.Position;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves Binance's signed order endpoints over the order engine, for the three markets. Spot: {@code
 * POST|GET|DELETE /api/v3/order} (query and cancel by {@code orderId} or {@code origClientOrderId}),
 * {@code GET /api/v3/openOrders}, {@code GET /api/v3/account}. USDT-M: the same under {@code /fapi/v1},
 * plus {@code GET /fapi/v2/balance} and {@code /fapi/v2/positionRisk}; COIN-M under {@code /dapi/v1}.
 * Parameters may come in the query string or a form body; every request is checked by {@link
 * BinanceRequestVerifier} and charged its weight.
 */
public final class BinanceOrderRoutes {
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

    /** Adds the routes of all three markets to {@code router}. */
    public void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(16_384);
        mount(router, body, SimVenue.BINANCE_SPOT, Market.SPOT, "/binance/spot/api/v3", null);
        mount(router, body, SimVenue.BINANCE_USDM, Market.USDM, "/binance/usdm/fapi/v1", "/binance/usdm/fapi/v2");
        mount(router, body, SimVenue.BINANCE_COINM, Market.COINM, "/binance/coinm/dapi/v1", "/binance/coinm/dapi/v1");
    }

    private void mount(Router router, BodyHandler body, SimVenue venue, Market market, String v1, String account) {
        router.post(v1 + "/order").handler(body).handler(ctx -> onPlaceRequest(ctx, venue, market));
        router.get(v1 + "/order").handler(ctx -> handle(ctx, venue, market, 4, this::onQuery));
        router.delete(v1 + "/order").handler(body).handler(ctx -> handle(ctx, venue, market, 1, this::onCancel));
        router.get(v1 + "/openOrders").handler(ctx -> handle(ctx, venue, market, 6, this::onOpenOrders));
        if (market == Market.SPOT) {
            router.get(v1 + "/account").handler(ctx -> handle(ctx, venue, market, 20, this::onSpotAccount));
        } else {
            router.get(account + "/balance").handler(ctx -> handle(ctx, venue, market, 5, this::onBalance));
            router.get(account + "/positionRisk").handler(ctx -> handle(ctx, venue, market, 5, this::onPositions));
        }
    }

    /** One signed request after verification: returns the 200 body or throws the venue's refusal. */
    private interface Action {
        String run(SimAccount account, Market market, Map<String, String> params) throws BinanceFailure;
    }

    private void handle(RoutingContext ctx, SimVenue venue, Market market, int weight, Action action) {
        if (!charge(ctx, market, weight)) {
            return;
        }
        String body = ctx.body().available() ? ctx.body().asString() : null;
        BinanceSignedRequest request = BinanceSignedRequest.of(ctx.request().query(), body);
        try {
            SimAccount account = verifier.verify(venue, ctx.request().getHeader("X-MBX-APIKEY"), request);
            reply(ctx, market, 200, action.run(account, market, request.params()));
        } catch (BinanceFailure e) {
            reply(ctx, market, e.status(), BinanceOrderJson.error(e.code(), e.getMessage()));
        }
    }

    /** Charges {@code weight}; false (and answered 429 or 418) when over the limit or banned. */
    private boolean charge(RoutingContext ctx, Market market, int weight) {
        long now = clock.millis();
        WeightLimiter.Verdict verdict = limiter.charge(market, weight, now);
        if (verdict == WeightLimiter.Verdict.OK) {
            return true;
        }
        ctx.response().putHeader("Retry-After", Long.toString(limiter.retryAfterSeconds(market, now)));
        reply(
                ctx,
                market,
                verdict == WeightLimiter.Verdict.BANNED ? 418 : 429,
                BinanceOrderJson.error(
                        -1003,
                        "Too much request weight used; current limit is " + limiter.limit(market)
                                + " request weight per 1 MINUTE."));
        return false;
    }

    /** A new order: faults may refuse it before the engine, or spoil the answer after it was placed. */
    private void onPlaceRequest(RoutingContext ctx, SimVenue venue, Market market) {
        if (!charge(ctx, market, 1)) {
            return;
        }
        OrderFaults.Refusal refusal = engine.faults().takeRefusal().orElse(null);
        if (refusal != null) {
            switch (refusal) {
                case TOO_MANY_REQUESTS, BANNED -> {
                    ctx.response().putHeader("Retry-After", "1");
                    reply(
                            ctx,
                            market,
                            refusal == OrderFaults.Refusal.BANNED ? 418 : 429,
                            BinanceOrderJson.error(-1003, "Too many requests; IP banned until further notice."));
                }
                case UNAVAILABLE -> reply(
                        ctx,
                        market,
                        503,
                        BinanceOrderJson.error(
                                -1008,
                                "Server is currently overloaded with other requests. Please try again in a few"
                                        + " minutes."));
                case TIMESTAMP_OUTSIDE_WINDOW -> reply(
                        ctx,
                        market,
                        400,
                        BinanceOrderJson.error(-1021, "Timestamp for this request is outside of the recvWindow."));
                case INSUFFICIENT_BALANCE -> reply(
                        ctx,
                        market,
                        400,
                        market == Market.SPOT
                                ? BinanceOrderJson.error(
                                        -2010, "Account has insufficient balance for requested action.")
                                : BinanceOrderJson.error(-2019, "Margin is insufficient."));
            }
            return;
        }
        String body = ctx.body().available() ? ctx.body().asString() : null;
        BinanceSignedRequest request = BinanceSignedRequest.of(ctx.request().query(), body);
        String placed;
        try {
            SimAccount account = verifier.verify(venue, ctx.request().getHeader("X-MBX-APIKEY"), request);
            placed = onPlace(account, market, request.params());
        } catch (BinanceFailure e) {
            reply(ctx, market, e.status(), BinanceOrderJson.error(e.code(), e.getMessage()));
            return;
        }
        ctx.response().putHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(limiter.used(market, clock.millis())));
        FaultedAnswer.send(
                ctx,
                engine.faults(),
                200,
                placed,
                BinanceOrderJson.error(
                        -1007,
                        "Timeout waiting for response from backend server. Send status unknown; execution status"
                                + " unknown."));
    }

    private String onPlace(SimAccount account, Market market, Map<String, String> params) throws BinanceFailure {
        NewOrder request = BinanceOrderRequest.parse(params, market);
        String respType = params.getOrDefault("newOrderRespType", market == Market.SPOT ? "FULL" : "ACK");
        if (!respType.matches("ACK|RESULT|FULL")) {
            throw BinanceFailure.bad(-1100, "Illegal characters found in parameter 'newOrderRespType'.");
        }
        SimOrder order;
        try {
            order = engine.place(account, request).order();
        } catch (OrderRejection e) {
            throw market == Market.SPOT ? spotRefusal(e) : futuresRefusal(e);
        }
        return market == Market.SPOT ? BinanceOrderJson.placed(order, respType) : BinanceFuturesJson.order(order);
    }

    private static BinanceFailure spotRefusal(OrderRejection e) {
        return switch (e.reason()) {
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

    private static BinanceFailure futuresRefusal(OrderRejection e) {
        return switch (e.reason()) {
            case UNKNOWN_INSTRUMENT -> BinanceFailure.bad(-1121, "Invalid symbol.");
            case PRICE_TICK -> BinanceFailure.bad(-4014, "Price not increased by tick size.");
            case QUANTITY_STEP -> BinanceFailure.bad(-4023, "Quantity not increased by step size.");
            case MIN_NOTIONAL -> BinanceFailure.bad(
                    -4164, "Order's notional must be no smaller than 100 (unless you choose reduce only).");
            case INSUFFICIENT_BALANCE -> BinanceFailure.bad(-2019, "Margin is insufficient.");
            case DUPLICATE_CLIENT_ORDER_ID -> BinanceFailure.bad(-4116, "ClientOrderId is duplicated.");
            case ORDER_NOT_FOUND, NOT_CANCELABLE -> BinanceFailure.bad(-2010, e.getMessage());
        };
    }

    private String onQuery(SimAccount account, Market market, Map<String, String> params) throws BinanceFailure {
        SimOrder order =
                find(account, market, params).orElseThrow(() -> BinanceFailure.bad(-2013, "Order does not exist."));
        return market == Market.SPOT ? BinanceOrderJson.queried(order) : BinanceFuturesJson.order(order);
    }

    private String onCancel(SimAccount account, Market market, Map<String, String> params) throws BinanceFailure {
        SimOrder order =
                find(account, market, params).orElseThrow(() -> BinanceFailure.bad(-2011, "Unknown order sent."));
        SimOrder cancelled;
        try {
            cancelled = engine.cancel(account, order.orderId());
        } catch (OrderRejection e) {
            throw BinanceFailure.bad(-2011, "Unknown order sent.");
        }
        if (market != Market.SPOT) {
            return BinanceFuturesJson.order(cancelled);
        }
        return BinanceOrderJson.cancelled(
                cancelled, params.getOrDefault("newClientOrderId", "sim-cancel-" + ++cancelIds));
    }

    private String onOpenOrders(SimAccount account, Market market, Map<String, String> params) throws BinanceFailure {
        Instrument instrument = params.containsKey("symbol") ? BinanceOrderRequest.symbol(params, market) : null;
        long now = clock.millis();
        List<SimOrder> open = engine.openOrders(account, instrument).stream()
                .filter(o -> !engine.faults().hidden(o, now))
                .toList();
        return market == Market.SPOT ? BinanceOrderJson.openOrders(open) : BinanceFuturesJson.orders(open);
    }

    private String onSpotAccount(SimAccount account, Market market, Map<String, String> params) {
        return BinanceOrderJson.account(engine.balances(account), clock.millis());
    }

    private String onBalance(SimAccount account, Market market, Map<String, String> params) {
        return BinanceFuturesJson.balances(engine.balances(account), clock.millis());
    }

    private String onPositions(SimAccount account, Market market, Map<String, String> params) throws BinanceFailure {
        Instrument only = params.containsKey("symbol") ? BinanceOrderRequest.symbol(params, market) : null;
        List<Position> positions = new ArrayList<>();
        List<BigDecimal> marks = new ArrayList<>();
        List<BigDecimal> sizes = new ArrayList<>();
        for (Position p : engine.positions(account)) {
            if (only == null || only.equals(p.instrument())) {
                positions.add(p);
                marks.add(engine.lastPrice(p.instrument()));
                sizes.add(engine.contractSize(p.instrument()));
            }
        }
        return BinanceFuturesJson.positions(positions, marks, sizes, clock.millis());
    }

    /** Finds the order by {@code orderId}, else {@code origClientOrderId}, within {@code symbol}. */
    private Optional<SimOrder> find(SimAccount account, Market market, Map<String, String> params)
            throws BinanceFailure {
        Instrument instrument = BinanceOrderRequest.symbol(params, market);
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
        long now = clock.millis();
        // A fault may keep fresh orders out of lookups for a while, as an eventually consistent venue does.
        return order.filter(o ->
                o.request().instrument().equals(instrument) && !engine.faults().hidden(o, now));
    }

    private void reply(RoutingContext ctx, Market market, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(limiter.used(market, clock.millis())))
                .end(body);
    }
}
