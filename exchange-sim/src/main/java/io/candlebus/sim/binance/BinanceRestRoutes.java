package io.candlebus.sim.binance;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.sim.binance.orders.BinanceOrderFilters;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.wire.JsonWriter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Serves Binance's public REST endpoints for the three markets: klines (with each market's selection
 * rules, limits and weights), server time, a small exchangeInfo, and the weight header on every reply.
 */
public final class BinanceRestRoutes {
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");

    private final SimMarket market;
    private final WeightLimiter limiter;

    /** Creates the routes over {@code market}, charging weight to {@code limiter}. */
    public BinanceRestRoutes(SimMarket market, WeightLimiter limiter) {
        this.market = market;
        this.limiter = limiter;
    }

    /** Adds the routes of all three markets to {@code router}. */
    public void mount(Router router) {
        for (BinanceRules rules : BinanceRules.values()) {
            String base = rules.restPrefix();
            router.route(base + "/*").handler(ctx -> onAnyRequest(ctx, rules));
            router.get(base + "/klines").handler(ctx -> onKlines(ctx, rules));
            router.get(base + "/time").handler(ctx -> onTime(ctx, rules));
            router.get(base + "/ping").handler(ctx -> onPing(ctx, rules));
            router.get(base + "/exchangeInfo").handler(ctx -> onExchangeInfo(ctx, rules));
        }
    }

    /** A ban refuses every request of the market, before its parameters are even read. */
    private void onAnyRequest(RoutingContext ctx, BinanceRules rules) {
        long now = market.now();
        if (now < limiter.bannedUntil(rules.market())) {
            refuse(ctx, rules, WeightLimiter.Verdict.BANNED, now);
        } else {
            ctx.next();
        }
    }

    private void onTime(RoutingContext ctx, BinanceRules rules) {
        long now = market.now();
        if (charge(ctx, rules, 1, now)) {
            reply(ctx, rules, 200, "{\"serverTime\":" + now + "}", now);
        }
    }

    private void onPing(RoutingContext ctx, BinanceRules rules) {
        long now = market.now();
        if (charge(ctx, rules, 1, now)) {
            reply(ctx, rules, 200, "{}", now);
        }
    }

    private void onExchangeInfo(RoutingContext ctx, BinanceRules rules) {
        long now = market.now();
        if (!charge(ctx, rules, rules.isFutures() ? 1 : 20, now)) {
            return;
        }
        JsonWriter w = new JsonWriter().beginObject();
        w.name("timezone").value("UTC").name("serverTime").value(now);
        w.name("rateLimits").beginArray().beginObject();
        w.name("rateLimitType").value("REQUEST_WEIGHT").name("interval").value("MINUTE");
        w.name("intervalNum").value(1).name("limit").value(limiter.limit(rules.market()));
        w.endObject().endArray();
        w.name("symbols").beginArray();
        for (TradeScript s : market.scripts(Exchange.BINANCE, rules.market())) {
            InstrumentSpec spec = s.spec();
            w.beginObject().name("symbol").value(spec.instrument().symbol());
            w.name(rules.isFutures() ? "contractStatus" : "status").value("TRADING");
            if (spec.isInverse()) {
                w.name("contractSize").value(spec.sim().contractSize().intValueExact());
            }
            w.name("filters").beginArray();
            w.beginObject().name("filterType").value("PRICE_FILTER");
            w.name("tickSize").string(spec.sim().tickSize()).endObject();
            w.beginObject().name("filterType").value("LOT_SIZE");
            w.name("stepSize").string(spec.sim().lotSize()).endObject();
            BinanceOrderFilters.valueFilter(w, spec);
            w.endArray().endObject();
        }
        w.endArray().endObject();
        reply(ctx, rules, 200, w.toString(), now);
    }

    private void onKlines(RoutingContext ctx, BinanceRules rules) {
        long now = market.now();
        String limitText = ctx.request().getParam("limit");
        int limit = 500;
        if (limitText != null) {
            if (!DIGITS.matcher(limitText).matches() || limitText.length() > 9 || Integer.parseInt(limitText) < 1) {
                error(ctx, rules, -1100, illegal("limit"), now);
                return;
            }
            limit = Math.min(Integer.parseInt(limitText), rules.maxLimit());
        }
        if (!charge(ctx, rules, rules.klinesWeight(limit), now)) {
            return;
        }
        String symbol = ctx.request().getParam("symbol");
        String intervalCode = ctx.request().getParam("interval");
        if (symbol == null || symbol.isEmpty()) {
            error(ctx, rules, -1102, mandatory("symbol"), now);
            return;
        }
        if (intervalCode == null || intervalCode.isEmpty()) {
            error(ctx, rules, -1102, mandatory("interval"), now);
            return;
        }
        Long startTime;
        Long endTime;
        try {
            startTime = time(ctx, "startTime");
            endTime = time(ctx, "endTime");
        } catch (IllegalArgumentException e) {
            error(ctx, rules, -1100, e.getMessage(), now);
            return;
        }
        TradeScript script = symbolOk(symbol) ? market.binance(rules.market(), symbol) : null;
        if (script == null) {
            error(ctx, rules, -1121, "Invalid symbol.", now);
            return;
        }
        Interval interval = interval(intervalCode);
        if (interval == null) {
            error(ctx, rules, -1120, "Invalid interval.", now);
            return;
        }
        if (startTime != null && endTime != null && startTime > endTime) {
            error(ctx, rules, -1023, "Start time is greater than end time.", now);
            return;
        }
        if (rules.market() == Market.COINM
                && startTime != null
                && endTime != null
                && endTime - startTime > BinanceRules.COINM_MAX_WINDOW_MILLIS) {
            error(ctx, rules, -1127, "More than 200 days between startTime and endTime.", now);
            return;
        }
        long length = interval.millis();
        long firstOpen = KlineSelection.floor(script.origin(), length);
        KlineSelection.Range range = KlineSelection.select(
                rules.market() != Market.COINM, firstOpen, now, length, startTime, endTime, limit);
        JsonWriter w = new JsonWriter().beginArray();
        for (long t = range.first(); t <= range.last(); t += length) {
            Bar bar = script.bar(t, length, now);
            if (bar != null) {
                KlineJson.row(w, bar, script.spec(), length);
            }
        }
        w.endArray();
        reply(ctx, rules, 200, w.toString(), now);
    }

    private static boolean symbolOk(String symbol) {
        return symbol.matches("[A-Z0-9_]{1,40}");
    }

    private static Interval interval(String code) {
        if ("1s".equals(code)) {
            return null;
        }
        try {
            return Interval.parse(code);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Long time(RoutingContext ctx, String name) {
        String text = ctx.request().getParam(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!DIGITS.matcher(text).matches() || text.length() > 18) {
            throw new IllegalArgumentException(illegal(name));
        }
        return Long.parseLong(text);
    }

    private static String illegal(String name) {
        return "Illegal characters found in parameter '" + name + "'; legal range is '^[0-9]{1,20}$'.";
    }

    private static String mandatory(String name) {
        return "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.";
    }

    private boolean charge(RoutingContext ctx, BinanceRules rules, int weight, long now) {
        WeightLimiter.Verdict verdict = limiter.charge(rules.market(), weight, now);
        if (verdict == WeightLimiter.Verdict.OK) {
            return true;
        }
        refuse(ctx, rules, verdict, now);
        return false;
    }

    private void refuse(RoutingContext ctx, BinanceRules rules, WeightLimiter.Verdict verdict, long now) {
        // A ban lifts at its own end; a 429 clears when the weight window rolls over.
        long retryAfter = verdict == WeightLimiter.Verdict.BANNED
                ? Math.max(1, (limiter.bannedUntil(rules.market()) - now + 999) / 1000)
                : limiter.retryAfterSeconds(rules.market(), now);
        ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
        String message = verdict == WeightLimiter.Verdict.BANNED
                ? "Way too much request weight used; IP banned until " + limiter.bannedUntil(rules.market())
                        + ". Please use WebSocket Streams for live updates to avoid bans."
                : "Too much request weight used; current limit is " + limiter.limit(rules.market())
                        + " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid"
                        + " polling the API.";
        reply(
                ctx,
                rules,
                verdict == WeightLimiter.Verdict.BANNED ? 418 : 429,
                new JsonWriter()
                        .beginObject()
                        .name("code")
                        .value(-1003)
                        .name("msg")
                        .value(message)
                        .endObject()
                        .toString(),
                now);
    }

    private void error(RoutingContext ctx, BinanceRules rules, int code, String message, long now) {
        reply(
                ctx,
                rules,
                400,
                new JsonWriter()
                        .beginObject()
                        .name("code")
                        .value(code)
                        .name("msg")
                        .value(message)
                        .endObject()
                        .toString(),
                now);
    }

    private void reply(RoutingContext ctx, BinanceRules rules, int status, String body, long now) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("X-MBX-USED-WEIGHT-1M", Integer.toString(limiter.used(rules.market(), now)))
                .end(body);
    }
}
