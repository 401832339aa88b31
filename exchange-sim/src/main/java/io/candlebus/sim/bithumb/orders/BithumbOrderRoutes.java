package io.candlebus.sim.bithumb.orders;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.Side;
import io.candlebus.sim.orders.Assets;
import io.candlebus.sim.orders.Balance;
import io.candlebus.sim.orders.FaultedAnswer;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.OrderEngine;
import io.candlebus.sim.orders.OrderFaults;
import io.candlebus.sim.orders.OrderRejection;
import io.candlebus.sim.orders.SimAccount;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.candlebus.sim.orders.TradingRules;
import io.candlebus.sim.v1family.V1Json;
import io.candlebus.sim.v1family.V1Rest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves Bithumb's private REST endpoints over the order engine: {@code POST /v2/orders}, {@code GET
 * /v1/order}, {@code DELETE /v2/order} (and the legacy {@code DELETE /v1/order}), {@code GET /v1/accounts}
 * and {@code GET /v1/orders/chance}. Every request is authenticated first by {@link BithumbJwtVerifier}.
 */
public final class BithumbOrderRoutes {
    private static final String BASE = "/bithumb";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final OrderEngine engine;
    private final Clock clock;
    private final BithumbJwtVerifier verifier;

    /** Creates the routes over {@code engine}; {@code clock} (the sim clock) judges token timestamps. */
    public BithumbOrderRoutes(OrderEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
        this.verifier = new BithumbJwtVerifier(engine, clock);
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        router.post(BASE + "/v2/orders")
                .handler(BodyHandler.create().setBodyLimit(16_384))
                .handler(this::onPlace);
        router.get(BASE + "/v1/order").handler(this::onQuery);
        router.delete(BASE + "/v2/order").handler(ctx -> onCancel(ctx, "order_id"));
        router.delete(BASE + "/v1/order").handler(ctx -> onCancel(ctx, "uuid"));
        router.get(BASE + "/v1/accounts").handler(this::onAccounts);
        router.get(BASE + "/v1/orders/chance").handler(this::onChance);
    }

    private void onPlace(RoutingContext ctx) {
        Optional<OrderFaults.Refusal> refusal = engine.faults().takeRefusal();
        // An insufficient-balance refusal names the side, so it waits for the parsed body.
        if (refusal.isPresent() && refusal.get() != OrderFaults.Refusal.INSUFFICIENT_BALANCE) {
            refuse(ctx, refusal.get());
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body().asString() == null ? "" : ctx.body().asString());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            error(ctx, 400, "invalid_parameter", "body: expected a JSON object");
            return;
        }
        SimAccount account = authenticate(ctx, BithumbParams.hashableForms(body));
        if (account == null) {
            return;
        }
        NewOrder request;
        try {
            request = BithumbOrderRequest.parse(body);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "invalid_parameter", e.getMessage());
            return;
        }
        if (refusal.isPresent()) {
            String suffix = request.side() == Side.BUY ? "_bid" : "_ask";
            error(ctx, 400, "insufficient_funds" + suffix, "balance: insufficient for the order (fault)");
            return;
        }
        try {
            // A repeated client_order_id with the same parameters answers the existing order (SimVenue.BITHUMB).
            String placed =
                    BithumbOrderJson.placed(engine.place(account, request).order());
            FaultedAnswer.send(
                    ctx, engine.faults(), 201, placed, V1Json.error("server_error", "the order's outcome is unknown"));
        } catch (OrderRejection e) {
            rejected(ctx, e, request.side());
        }
    }

    private void onQuery(RoutingContext ctx) {
        SimAccount account = authenticate(ctx, hashable(ctx));
        if (account == null) {
            return;
        }
        Optional<SimOrder> order = find(ctx, account, "uuid");
        if (order.isPresent()) {
            json(ctx, 200, BithumbOrderJson.order(order.get(), SimVenue.BITHUMB.takerFee()));
        }
    }

    private void onCancel(RoutingContext ctx, String idName) {
        SimAccount account = authenticate(ctx, hashable(ctx));
        if (account == null) {
            return;
        }
        Optional<SimOrder> order = find(ctx, account, idName);
        if (order.isEmpty()) {
            return;
        }
        try {
            json(
                    ctx,
                    200,
                    BithumbOrderJson.cancelled(
                            engine.cancel(account, order.get().orderId())));
        } catch (OrderRejection e) {
            rejected(ctx, e, order.get().request().side());
        }
    }

    private void onAccounts(RoutingContext ctx) {
        SimAccount account = authenticate(ctx, hashable(ctx));
        if (account != null) {
            json(ctx, 200, BithumbOrderJson.accounts(engine.balances(account)));
        }
    }

    private void onChance(RoutingContext ctx) {
        SimAccount account = authenticate(ctx, hashable(ctx));
        if (account == null) {
            return;
        }
        String code = ctx.request().getParam("market");
        Instrument instrument = code == null || !code.matches("[A-Z0-9]{1,10}-[A-Z0-9]{1,20}")
                ? null
                : new Instrument(Exchange.BITHUMB, Market.SPOT, code);
        if (instrument == null || engine.lastPrice(instrument) == null) {
            error(
                    ctx,
                    404,
                    "market_does_not_exist",
                    "market: expected a listed market such as KRW-BTC, was '" + code + "'");
            return;
        }
        String base = Assets.base(instrument);
        String quote = Assets.quote(instrument);
        List<Balance> balances = engine.balances(account);
        BigDecimal minTotal = "KRW".equals(quote) ? TradingRules.BITHUMB_MIN_TOTAL_KRW : new BigDecimal("0.0005");
        json(
                ctx,
                200,
                BithumbOrderJson.chance(
                        code,
                        base,
                        quote,
                        SimVenue.BITHUMB.takerFee(),
                        minTotal,
                        balance(balances, quote),
                        balance(balances, base)));
    }

    /** Finds the order named by {@code idName} or {@code client_order_id}; answers the error itself if none. */
    private Optional<SimOrder> find(RoutingContext ctx, SimAccount account, String idName) {
        Map<String, String> params = BithumbParams.query(ctx.request().query());
        String id = params.get(idName);
        String clientId = params.get("client_order_id");
        Optional<SimOrder> order;
        if (id != null && !id.isEmpty()) {
            // The id wins when both are given, as the venue documents.
            order = id.matches("C0101[0-9]{15}")
                    ? engine.order(account, Long.parseLong(id.substring(5)))
                    : Optional.empty();
        } else if (clientId != null && !clientId.isEmpty()) {
            order = engine.orderByClientId(account, clientId);
        } else {
            error(ctx, 400, "invalid_parameter", idName + " or client_order_id: one is required");
            return Optional.empty();
        }
        // A fault may keep fresh orders out of lookups for a while, as an eventually consistent venue does.
        order = order.filter(o -> !engine.faults().hidden(o, clock.millis()));
        if (order.isEmpty()) {
            error(ctx, 404, "order_not_found", "order: no such order");
        }
        return order;
    }

    private static void refuse(RoutingContext ctx, OrderFaults.Refusal refusal) {
        switch (refusal) {
            case TOO_MANY_REQUESTS, BANNED -> {
                ctx.response().putHeader("Retry-After", "1");
                error(ctx, 429, "too_many_requests", "too many requests");
            }
            case UNAVAILABLE -> error(ctx, 503, "server_error", "service unavailable");
            case TIMESTAMP_OUTSIDE_WINDOW -> error(ctx, 401, "expired_jwt", "timestamp: outside the window");
            case INSUFFICIENT_BALANCE -> throw new IllegalStateException("refusal: answered after parsing");
        }
    }

    private SimAccount authenticate(RoutingContext ctx, List<String> hashable) {
        try {
            return verifier.verify(ctx.request().getHeader("Authorization"), hashable);
        } catch (BithumbAuthFailure e) {
            error(ctx, 401, e.name(), e.getMessage());
            return null;
        }
    }

    private static List<String> hashable(RoutingContext ctx) {
        String query = ctx.request().query();
        return query == null || query.isEmpty() ? List.of() : BithumbParams.hashableForms(query);
    }

    private static void rejected(RoutingContext ctx, OrderRejection e, Side side) {
        String suffix = side == Side.BUY ? "_bid" : "_ask";
        switch (e.reason()) {
            case UNKNOWN_INSTRUMENT, QUANTITY_STEP -> error(ctx, 400, "invalid_parameter", e.getMessage());
            case PRICE_TICK -> error(ctx, 400, "invalid_price" + suffix, e.getMessage());
            case MIN_NOTIONAL -> error(ctx, 400, "under_min_total" + suffix, e.getMessage());
            case INSUFFICIENT_BALANCE -> error(ctx, 400, "insufficient_funds" + suffix, e.getMessage());
            case DUPLICATE_CLIENT_ORDER_ID -> error(ctx, 409, "duplicate_client_order_id", e.getMessage());
            case ORDER_NOT_FOUND -> error(ctx, 404, "order_not_found", e.getMessage());
            case NOT_CANCELABLE -> error(ctx, 400, "order_not_cancelable", e.getMessage());
        }
    }

    private static Balance balance(List<Balance> balances, String asset) {
        return balances.stream()
                .filter(b -> b.asset().equals(asset))
                .findFirst()
                .orElse(new Balance(asset, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    private static void error(RoutingContext ctx, int status, String name, String message) {
        json(ctx, status, V1Json.error(name, message));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        V1Rest.json(ctx, status, body);
    }
}
