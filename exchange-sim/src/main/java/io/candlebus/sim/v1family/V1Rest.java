package io.candlebus.sim.v1family;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.wire.JsonWriter;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongBinaryOperator;
import java.util.function.ToLongFunction;

/**
 * The REST parts both venues of the Upbit v1 family share: minute units, {@code count}, candle pages (newest
 * first, no row for a bucket without trades, the bucket in progress included, paged by {@code to}), the market
 * list and JSON answers. A venue supplies its time zone, its refusal body and how a row is written.
 */
public final class V1Rest {
    /** The minute candle units both venues serve. */
    public static final Set<Integer> MINUTE_UNITS = Set.of(1, 3, 5, 10, 15, 30, 60, 240);

    private V1Rest() {}

    /** Answers a refused request (400) in the venue's error body. */
    @FunctionalInterface
    public interface Refusal {
        void refuse(RoutingContext ctx, String message);
    }

    /** Writes one candle row. */
    @FunctionalInterface
    public interface Row {
        void write(JsonWriter w, Bar bar, long bucketStart);
    }

    /**
     * The venue's candle clock.
     *
     * @param bucketStart the start of the bucket of a length that holds a time (epoch ms, length ms)
     * @param parseTo reads a {@code to} parameter as epoch ms; throws {@link IllegalArgumentException} naming
     *     the parameter when it cannot
     */
    public record Zone(LongBinaryOperator bucketStart, ToLongFunction<String> parseTo) {}

    /** Returns the minute unit the {@code unit} path parameter names, or refuses it and returns -1. */
    public static int minuteUnit(RoutingContext ctx, Refusal invalid) {
        int unit;
        try {
            unit = Integer.parseInt(ctx.pathParam("unit"));
        } catch (NumberFormatException e) {
            unit = -1;
        }
        if (!MINUTE_UNITS.contains(unit)) {
            invalid.refuse(
                    ctx, "unit: expected one of 1, 3, 5, 10, 15, 30, 60, 240, was '" + ctx.pathParam("unit") + "'");
            return -1;
        }
        return unit;
    }

    /** Returns the {@code count} parameter (default 1, at most {@code max}), or refuses it and returns null. */
    public static Integer count(RoutingContext ctx, int max, Refusal invalid) {
        String text = ctx.request().getParam("count");
        if (text == null) {
            return 1;
        }
        int count;
        try {
            count = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1) {
            invalid.refuse(ctx, "count: expected an integer 1.." + max + ", was '" + text + "'");
            return null;
        }
        return Math.min(count, max);
    }

    /**
     * Answers up to {@code count} candles of {@code length} of {@code script}, newest first from the bucket in
     * progress (or the one before {@code to}), down to the script's origin; buckets without trades get no row.
     */
    public static void candles(
            RoutingContext ctx,
            TradeScript script,
            long now,
            long length,
            int count,
            Zone zone,
            Refusal invalid,
            Row row) {
        long newest = zone.bucketStart().applyAsLong(now, length);
        String to = ctx.request().getParam("to");
        if (to != null && !to.isEmpty()) {
            try {
                newest = Math.min(
                        newest, zone.bucketStart().applyAsLong(zone.parseTo().applyAsLong(to) - 1, length));
            } catch (IllegalArgumentException e) {
                invalid.refuse(ctx, e.getMessage());
                return;
            }
        }
        JsonWriter w = new JsonWriter().beginArray();
        int rows = 0;
        for (long t = newest; rows < count && t + length > script.origin(); t -= length) {
            Bar bar = script.bar(t, length, now);
            if (bar != null && !bar.isEmpty()) {
                row.write(w, bar, t);
                rows++;
            }
        }
        json(ctx, 200, w.endArray().toString());
    }

    /** Returns the script of spot market {@code code} on {@code exchange}, null for an unknown or ill-formed code. */
    public static TradeScript script(SimMarket market, Exchange exchange, String code) {
        if (code == null || !V1Request.CODE.matcher(code).matches()) {
            return null;
        }
        return market.script(new Instrument(exchange, Market.SPOT, code));
    }

    /**
     * Answers the market list: {@code market}, {@code korean_name} and {@code english_name} from {@code names}
     * by base asset (the asset itself if unnamed), and with {@code details} also {@code market_warning} and what
     * {@code moreDetails} adds.
     */
    public static void markets(
            RoutingContext ctx,
            List<TradeScript> scripts,
            Map<String, String[]> names,
            boolean details,
            Consumer<JsonWriter> moreDetails) {
        JsonWriter w = new JsonWriter().beginArray();
        for (TradeScript s : scripts) {
            String code = s.spec().instrument().symbol();
            String base = code.substring(code.indexOf('-') + 1);
            String[] name = names.getOrDefault(base, new String[] {base, base});
            w.beginObject().name("market").value(code);
            w.name("korean_name").value(name[0]).name("english_name").value(name[1]);
            if (details) {
                w.name("market_warning").value("NONE");
                moreDetails.accept(w);
            }
            w.endObject();
        }
        json(ctx, 200, w.endArray().toString());
    }

    /** Answers {@code body} as JSON with {@code status}. */
    public static void json(RoutingContext ctx, int status, String body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body);
    }
}
