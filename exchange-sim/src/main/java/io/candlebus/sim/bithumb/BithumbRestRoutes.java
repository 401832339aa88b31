package io.candlebus.sim.bithumb;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.WireForms;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.wire.JsonWriter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Serves Bithumb's public REST endpoints: minute candles (newest first, no row for a bucket without
 * trades, the in-progress bucket included, {@code to} as naive KST), the market list and tickers.
 */
public final class BithumbRestRoutes {
    private static final Set<Integer> UNITS = Set.of(1, 3, 5, 10, 15, 30, 60, 240);
    private static final int MAX_COUNT = 200;
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
        int unit;
        try {
            unit = Integer.parseInt(ctx.pathParam("unit"));
        } catch (NumberFormatException e) {
            unit = -1;
        }
        if (!UNITS.contains(unit)) {
            invalid(ctx, "unit: expected one of 1, 3, 5, 10, 15, 30, 60, 240, was '" + ctx.pathParam("unit") + "'");
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
        int count = 1;
        String countText = ctx.request().getParam("count");
        if (countText != null) {
            try {
                count = Math.min(MAX_COUNT, Integer.parseInt(countText));
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                invalid(ctx, "count: expected an integer 1..200, was '" + countText + "'");
                return;
            }
        }
        long length = unit * TradeScript.MINUTE;
        long newest = KstTime.bucketStart(now, length);
        String to = ctx.request().getParam("to");
        if (to != null && !to.isEmpty()) {
            try {
                newest = Math.min(newest, KstTime.bucketStart(KstTime.parseTo(to) - 1, length));
            } catch (IllegalArgumentException e) {
                invalid(ctx, e.getMessage());
                return;
            }
        }
        JsonWriter w = new JsonWriter().beginArray();
        int rows = 0;
        for (long t = newest; rows < count && t + length > script.origin(); t -= length) {
            Bar bar = script.bar(t, length, now);
            if (bar != null && !bar.isEmpty()) {
                BithumbJson.candle(w, bar, script.spec(), unit, forms.bithumbRestNumericStrings());
                rows++;
            }
        }
        json(ctx, 200, w.endArray().toString());
    }

    private void onMarkets(RoutingContext ctx) {
        boolean details = "true".equalsIgnoreCase(ctx.request().getParam("isDetails"));
        JsonWriter w = new JsonWriter().beginArray();
        for (TradeScript s : market.scripts(Exchange.BITHUMB, Market.SPOT)) {
            String code = s.spec().instrument().symbol();
            String base = code.substring(code.indexOf('-') + 1);
            String[] names = NAMES.getOrDefault(base, new String[] {base, base});
            w.beginObject().name("market").value(code);
            w.name("korean_name").value(names[0]).name("english_name").value(names[1]);
            if (details) {
                w.name("market_warning").value("NONE");
            }
            w.endObject();
        }
        json(ctx, 200, w.endArray().toString());
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
        if (code == null || !code.matches("[A-Z0-9]{1,10}-[A-Z0-9]{1,20}")) {
            return null;
        }
        return market.script(new Instrument(Exchange.BITHUMB, Market.SPOT, code));
    }

    private String codes() {
        List<String> out = new ArrayList<>();
        for (TradeScript s : market.scripts(Exchange.BITHUMB, Market.SPOT)) {
            out.add(s.spec().instrument().symbol());
        }
        return String.join(", ", out);
    }

    private static void invalid(RoutingContext ctx, String message) {
        json(ctx, 400, BithumbJson.error("invalid_parameter", message));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }
}
