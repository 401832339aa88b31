package io.candlebus.sim.bithumb;

import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;

/** Writes Bithumb's candle items, trade messages and error bodies; numbers are bare exact decimals. */
final class BithumbJson {
    private BithumbJson() {}

    /** Writes one minute-candle item; {@code bar} must have trades. */
    static void candle(JsonWriter w, Bar bar, InstrumentSpec spec, int unit) {
        w.beginObject()
                .name("market")
                .value(spec.instrument().symbol())
                .name("candle_date_time_utc")
                .value(KstTime.utcIso(bar.openTime()))
                .name("candle_date_time_kst")
                .value(KstTime.kstIso(bar.openTime()))
                .name("opening_price")
                .number(spec.price(bar.open()))
                .name("high_price")
                .number(spec.price(bar.high()))
                .name("low_price")
                .number(spec.price(bar.low()))
                .name("trade_price")
                .number(spec.price(bar.close()))
                .name("timestamp")
                .value(bar.lastTradeTime())
                .name("candle_acc_trade_price")
                .number(spec.quote(bar.quote()))
                .name("candle_acc_trade_volume")
                .number(spec.quantity(bar.volume()))
                .name("unit")
                .value(unit)
                .endObject();
    }

    /** Returns a websocket {@code trade} message. */
    static String trade(SimTrade trade, InstrumentSpec spec, long previousClose, long timestamp, String streamType) {
        BigDecimal price = spec.price(trade.price());
        BigDecimal change = price.subtract(spec.price(previousClose));
        return new JsonWriter()
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
                .name("sequential_id")
                .value(trade.id())
                .name("stream_type")
                .value(streamType)
                .endObject()
                .toString();
    }

    /** Returns {@code {"error":{"name":...,"message":...}}}. */
    static String error(String name, String message) {
        return new JsonWriter()
                .beginObject()
                .name("error")
                .beginObject()
                .name("name")
                .value(name)
                .name("message")
                .value(message)
                .endObject()
                .endObject()
                .toString();
    }
}
