package io.candlebus.sim.upbit;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Market;
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
 * Serves Upbit's public (quotation) REST endpoints under {@code /upbit/v1}: minute and day candles (newest
 * first, no row for a bucket without trades, the bucket in progress included, {@code to} in UTC or with a
 * zone), the market list and recent trades, each counted in its rate-limit group with a
 * {@code Remaining-Req} header, 429 over the limit and 418 for a client that keeps going.
 */
public final class UpbitRestRoutes {
    /** Upbit's candles are bucketed in UTC; {@code to} is UTC unless it names a zone. */
    private static final V1Rest.Zone ZONE = new V1Rest.Zone(UpbitTime::bucketStart, UpbitTime::parseTo);

    private static final int MAX_CANDLES = 200;
    private static final int MAX_TICKS = 500;
    private static final Map<String, String[]> NAMES = Map.of(
            "BTC", new String[] {"비트코인", "Bitcoin"},
            "ETH", new String[] {"이더리움", "Ethereum"},
            "XRP", new String[] {"엑스알피(리플)", "XRP"},
            "SOL", new String[] {"솔라나", "Solana"});

    private final SimMarket market;
    private final UpbitRateLimiter limiter;

    /** Creates the routes over {@code market}, counting requests in {@code limiter}. */
    public UpbitRestRoutes(SimMarket market, UpbitRateLimiter limiter) {
        this.market = market;
        this.limiter = limiter;
    }

    /** Adds the routes to {@code router}. */
    public void mount(Router router) {
        router.get("/upbit/v1/market/all").handler(ctx -> limited(ctx, "market", this::onMarkets));
        router.get("/upbit/v1/candles/minutes/:unit").handler(ctx -> limited(ctx, "candle", this::onMinutes));
        router.get("/upbit/v1/candles/days").handler(ctx -> limited(ctx, "candle", this::onDays));
        router.get("/upbit/v1/trades/ticks").handler(ctx -> limited(ctx, "trade", this::onTicks));
    }

    /** A route answering a counted request. */
    private interface Handler {
        void handle(RoutingContext ctx, long now);
    }

    private void limited(RoutingContext ctx, String group, Handler handler) {
        long now = market.now();
        UpbitRateLimiter.Decision decision = limiter.take(group, now);
        ctx.response().putHeader("Remaining-Req", decision.header());
        if (decision.status() == 429) {
            // Upbit answers a plain text here, not its JSON error object.
            ctx.response()
                    .setStatusCode(429)
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Too many API requests.");
        } else if (decision.status() == 418) {
            long seconds = Math.max(1, (decision.bannedForMillis() + 999) / 1000);
            json(
                    ctx,
                    418,
                    V1Json.error(
                            "too_many_requests",
                            "Blocked for " + seconds + " seconds after repeated requests over the rate limit."));
        } else {
            handler.handle(ctx, now);
        }
    }

    private void onMinutes(RoutingContext ctx, long now) {
        int unit = V1Rest.minuteUnit(ctx, UpbitRestRoutes::invalid);
        if (unit > 0) {
            candles(ctx, now, unit * TradeScript.MINUTE, unit);
        }
    }

    private void onDays(RoutingContext ctx, long now) {
        candles(ctx, now, UpbitTime.DAY_MILLIS, 0);
    }

    /** Answers minute candles of {@code unit}, or day candles if {@code unit} is 0. */
    private void candles(RoutingContext ctx, long now, long length, int unit) {
        TradeScript script = requiredMarket(ctx);
        if (script == null) {
            return;
        }
        Integer count = V1Rest.count(ctx, MAX_CANDLES, UpbitRestRoutes::invalid);
        if (count == null) {
            return;
        }
        V1Rest.candles(ctx, script, now, length, count, ZONE, UpbitRestRoutes::invalid, (w, bar, start) -> {
            if (unit > 0) {
                UpbitJson.minuteCandle(w, bar, script.spec(), unit);
            } else {
                UpbitJson.dayCandle(w, bar, script.spec(), script.closeBefore(Math.max(start, script.origin())));
            }
        });
    }

    private void onMarkets(RoutingContext ctx, long now) {
        boolean details = "true".equalsIgnoreCase(param(ctx, "isDetails", "is_details"));
        V1Rest.markets(ctx, market.scripts(Exchange.UPBIT, Market.SPOT), NAMES, details, w -> {
            w.name("market_event").beginObject().name("warning").value(false);
            w.name("caution").beginObject();
            for (String flag : List.of(
                    "PRICE_FLUCTUATIONS",
                    "TRADING_VOLUME_SOARING",
                    "DEPOSIT_AMOUNT_SOARING",
                    "GLOBAL_PRICE_DIFFERENCES",
                    "CONCENTRATION_OF_SMALL_ACCOUNTS")) {
                w.name(flag).value(false);
            }
            w.endObject().endObject();
        });
    }

    /**
     * Answers recent trades, newest first: those of the latest UTC day (or {@code days_ago} days before it),
     * before {@code to} (HHmmss or HH:mm:ss, UTC) and after {@code cursor} (a {@code sequential_id}) in that
     * order. The simulator keeps only its last 30 sim minutes of trades, so older pages are empty.
     */
    private void onTicks(RoutingContext ctx, long now) {
        TradeScript script = requiredMarket(ctx);
        if (script == null) {
            return;
        }
        Integer count = V1Rest.count(ctx, MAX_TICKS, UpbitRestRoutes::invalid);
        if (count == null) {
            return;
        }
        long day = UpbitTime.utcDayStart(now);
        String daysAgo = param(ctx, "days_ago", "daysAgo");
        if (daysAgo != null) {
            int days;
            try {
                days = Integer.parseInt(daysAgo);
            } catch (NumberFormatException e) {
                days = 0;
            }
            if (days < 1 || days > 7) {
                invalid(ctx, "days_ago: expected an integer 1..7, was '" + daysAgo + "'");
                return;
            }
            day -= days * UpbitTime.DAY_MILLIS;
        }
        long upTo = Math.min(now, day + UpbitTime.DAY_MILLIS - 1);
        String to = ctx.request().getParam("to");
        if (to != null && !to.isEmpty()) {
            if (!to.matches("\\d{2}:?\\d{2}:?\\d{2}")) {
                invalid(ctx, "to: expected HHmmss or HH:mm:ss (UTC), was '" + to + "'");
                return;
            }
            String digits = to.replace(":", "");
            long ofDay = (Integer.parseInt(digits.substring(0, 2)) * 3600L
                            + Integer.parseInt(digits.substring(2, 4)) * 60L
                            + Integer.parseInt(digits.substring(4, 6)))
                    * 1000L;
            upTo = Math.min(upTo, day + ofDay - 1);
        }
        List<SimTrade> trades =
                new ArrayList<>(script.trades(Math.max(day, now - SimMarket.TRADE_WINDOW_MILLIS) - 1, upTo));
        String cursorText = ctx.request().getParam("cursor");
        if (cursorText != null && !cursorText.isEmpty()) {
            long cursor;
            try {
                cursor = Long.parseLong(cursorText);
            } catch (NumberFormatException e) {
                invalid(ctx, "cursor: expected a sequential_id, was '" + cursorText + "'");
                return;
            }
            trades.removeIf(t -> t.id() >= cursor);
        }
        JsonWriter w = new JsonWriter().beginArray();
        for (int i = trades.size() - 1, rows = 0; i >= 0 && rows < count; i--, rows++) {
            SimTrade t = trades.get(i);
            UpbitJson.tick(w, t, script.spec(), UpbitConnection.previousClose(script, t.time()));
        }
        json(ctx, 200, w.endArray().toString());
    }

    /** Returns the script of the required {@code market} parameter, or answers the error and returns null. */
    private TradeScript requiredMarket(RoutingContext ctx) {
        String code = ctx.request().getParam("market");
        if (code == null || code.isEmpty()) {
            invalid(ctx, "market: expected a market code such as KRW-BTC, was none");
            return null;
        }
        TradeScript script = V1Rest.script(market, Exchange.UPBIT, code);
        if (script == null) {
            // As Bithumb's copy of this API answers an unknown code: the HTTP status as a number in "name".
            json(ctx, 404, V1Json.error(404, "Code not found"));
            return null;
        }
        return script;
    }

    /** Returns the parameter {@code name}, or else {@code alias} (the other spelling clients use), or null. */
    private static String param(RoutingContext ctx, String name, String alias) {
        String value = ctx.request().getParam(name);
        return value != null ? value : ctx.request().getParam(alias);
    }

    private static void invalid(RoutingContext ctx, String message) {
        json(ctx, 400, V1Json.error("validation_error", message));
    }

    private static void json(RoutingContext ctx, int status, String body) {
        V1Rest.json(ctx, status, body);
    }
}
