package io.candlebus.sim.bithumb;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Market;
import io.candlebus.sim.WireForms;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.v1family.V1Json;
import io.candlebus.sim.v1family.V1Rest;
import io.candlebus.sim.wire.JsonWriter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Serves Bithumb's public REST endpoints: minute candles (newest first, no row for a bucket without
 * trades, the in-progress bucket included, {@code to} as naive KST), the market list and tickers.
 */
public final class BithumbRestRoutes {
    private static final int MAX_COUNT = 200;
    /** Bithumb's candles are bucketed and paged ({@code to} without a zone) in KST. */
    private static final V1Rest.Zone ZONE = new V1Rest.Zone(KstTime::bucketStart, KstTime::parseTo);

    private static final Map<String, String[]> NAMES = Map.of(
            "BTC", new String[] {"비트코인", "Bitcoin"},
            "ETH", new String[] {"이더리움", "Ethereum"},
            "XRP", new String[] {"엑스알피 [리플]", "XRP"},
            "SOL", new String[] {"솔라나", "Solana"});

    private final SimMarket market;
    private final WireForms forms;

    /** Creates the routes over {@code market}, writing {@code forms}. */
    public BithumbRestRoutes(SimMarket market, WireForms forms) {
        this.market = market;
        this.forms = forms;
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        router.get("/bithumb/v1/candles/minutes/:unit").handler(this::onCandles);
        router.get("/bithumb/v1/market/all").handler(this::onMarkets);
        router.get("/bithumb/v1/ticker").handler(this::onTicker);
    }

    private void onCandles(RoutingContext ctx) {
        long now = market.now();
        int unit = V1Rest.minuteUnit(ctx, BithumbRestRoutes::invalid);
        if (unit < 0) {
            return;
        }
        TradeScript script = script(ctx.request().getParam("market"));
        if (script == null) {
            invalid(
                    ctx,
                    "market: expected one of " + codes() + ", was '"
                            + ctx.request().getParam("market") + "'");
            return;
        }
        Integer count = V1Rest.count(ctx, MAX_COUNT, BithumbRestRoutes::invalid);
        if (count == null) {
            return;
        }
        V1Rest.candles(
                ctx,
                script,
                now,
                unit * TradeScript.MINUTE,
                count,
                ZONE,
                BithumbRestRoutes::invalid,
                (w, bar, start) -> BithumbJson.candle(w, bar, script.spec(), unit, forms.bithumbRestNumericStrings()));
    }

    private void onMarkets(RoutingContext ctx) {
        boolean details = "true".equalsIgnoreCase(ctx.request().getParam("isDetails"));
        V1Rest.markets(ctx, market.scripts(Exchange.BITHUMB, Market.SPOT), NAMES, details, w -> {});
    }

    private void onTicker(RoutingContext ctx) {
        long now = market.now();
        String markets = ctx.request().getParam("markets");
        if (markets == null || markets.isBlank()) {
            invalid(ctx, "markets: expected comma-separated market codes such as KRW-BTC, was '" + markets + "'");
            return;
        }
        List<TradeScript> scripts = new ArrayList<>();
        for (String code : markets.split(",")) {
            TradeScript s = script(code.trim());
            if (s == null) {
                json(ctx, 404, BithumbJson.error(404, "Code not found", forms.bithumbNumericErrorNames()));
                return;
            }
            scripts.add(s);
        }
        JsonWriter w = new JsonWriter().beginArray();
        for (TradeScript s : scripts) {
            SimTrade last = s.lastTrade(now);
            if (last != null) {
                BithumbTicker.of(s, last).restItem(w, now, forms.bithumbRestNumericStrings());
            }
        }
        json(ctx, 200, w.endArray().toString());
    }

    private TradeScript script(String code) {
        return V1Rest.script(market, Exchange.BITHUMB, code);
    }

    private String codes() {
        List<String> out = new ArrayList<>();
        for (TradeScript s : market.scripts(Exchange.BITHUMB, Market.SPOT)) {
            out.add(s.spec().instrument().symbol());
        }
        return String.join(", ", out);
    }

    private static void invalid(RoutingContext ctx, String message) {
        json(ctx, 400, V1Json.error("invalid_parameter", message));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        V1Rest.json(ctx, status, body);
    }
}
