package io.candlebus.sim.bithumb;

import io.candlebus.sim.WireForms;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.v1family.V1Json;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;

/**
 * Writes Bithumb's candle items, trade messages and error bodies; numbers are exact decimals, bare or,
 * where {@link WireForms} asks for it, as numeric strings.
 */
final class BithumbJson {
    private BithumbJson() {}

    /** Writes one minute-candle item, numbers as strings if {@code strings}; {@code bar} must have trades. */
    static void candle(JsonWriter w, Bar bar, InstrumentSpec spec, int unit, boolean strings) {
        w.beginObject()
                .name("market")
                .value(spec.instrument().symbol())
                .name("candle_date_time_utc")
                .value(KstTime.utcIso(bar.openTime()))
                .name("candle_date_time_kst")
                .value(KstTime.kstIso(bar.openTime()));
        number(w.name("opening_price"), spec.price(bar.open()), strings);
        number(w.name("high_price"), spec.price(bar.high()), strings);
        number(w.name("low_price"), spec.price(bar.low()), strings);
        number(w.name("trade_price"), spec.price(bar.close()), strings);
        number(w.name("timestamp"), BigDecimal.valueOf(bar.lastTradeTime()), strings);
        number(w.name("candle_acc_trade_price"), spec.quote(bar.quote()), strings);
        number(w.name("candle_acc_trade_volume"), spec.quantity(bar.volume()), strings);
        number(w.name("unit"), BigDecimal.valueOf(unit), strings);
        w.endObject();
    }

    /** Writes {@code value} as a bare JSON number, or as a numeric string ({@code "131250000"}) if {@code asString}. */
    static JsonWriter number(JsonWriter w, BigDecimal value, boolean asString) {
        return asString ? w.value(JsonWriter.plain(value)) : w.number(value);
    }

    /**
     * Returns a websocket {@code trade} message; {@code sequential_id} is a JSON string if
     * {@code stringIds} (as real messages carry it), else a number (as the docs show it).
     */
    static String trade(
            SimTrade trade,
            InstrumentSpec spec,
            long previousClose,
            long timestamp,
            String streamType,
            boolean stringIds) {
        BigDecimal price = spec.price(trade.price());
        BigDecimal change = price.subtract(spec.price(previousClose));
        JsonWriter w = new JsonWriter()
                .beginObject()
                .name("type")
                .value("trade")
                .name("code")
                .value(spec.instrument().symbol())
                .name("trade_price")
                .number(price)
                .name("trade_volume")
                .number(spec.quantity(trade.quantity()))
                .name("ask_bid")
                .value(trade.buyerTaker() ? "BID" : "ASK")
                .name("prev_closing_price")
                .number(spec.price(previousClose))
                .name("change")
                .value(change.signum() > 0 ? "RISE" : change.signum() < 0 ? "FALL" : "EVEN")
                .name("change_price")
                .number(change.abs())
                .name("trade_date")
                .value(KstTime.kstDashedDate(trade.time()))
                .name("trade_time")
                .value(KstTime.kstColonTime(trade.time()))
                .name("trade_timestamp")
                .value(trade.time())
                .name("timestamp")
                .value(timestamp)
                .name("sequential_id");
        if (stringIds) {
            w.value(Long.toString(trade.id()));
        } else {
            w.value(trade.id());
        }
        return w.name("stream_type").value(streamType).endObject().toString();
    }

    /**
     * Returns {@code {"error":{"name":404,"message":...}}} if {@code numericName}, as real replies carry an
     * HTTP status there, else {@code {"error":{"name":"404",...}}}.
     */
    static String error(int status, String message, boolean numericName) {
        return numericName ? V1Json.error(status, message) : V1Json.error(Integer.toString(status), message);
    }
}
