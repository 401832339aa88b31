package io.candlebus.sim.upbit;

import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes Upbit's REST items (minute and day candles, recent trades), websocket trade messages in every
 * {@link UpbitFormat} and error bodies. Numbers are exact decimals; REST candle numbers carry eight
 * decimals ({@code 11436000.00000000}), as captured replies of the real API show.
 */
final class UpbitJson {
    private static final int REST_SCALE = 8;

    private UpbitJson() {}

    /** Writes one minute-candle item; {@code bar} must have trades. */
    static void minuteCandle(JsonWriter w, Bar bar, InstrumentSpec spec, int unit) {
        candleHead(w, bar, spec);
        w.name("unit").value(unit);
        w.endObject();
    }

    /** Writes one day-candle item (a UTC day); {@code previousClose} is the close before the day, in price units. */
    static void dayCandle(JsonWriter w, Bar bar, InstrumentSpec spec, long previousClose) {
        candleHead(w, bar, spec);
        BigDecimal close = spec.price(bar.close());
        BigDecimal previous = spec.price(previousClose);
        BigDecimal change = close.subtract(previous);
        rest(w.name("prev_closing_price"), previous);
        rest(w.name("change_price"), change);
        w.name("change_rate").number(change.divide(previous, 8, RoundingMode.HALF_EVEN));
        w.endObject();
    }

    private static void candleHead(JsonWriter w, Bar bar, InstrumentSpec spec) {
        w.beginObject()
                .name("market")
                .value(spec.instrument().symbol())
                .name("candle_date_time_utc")
                .value(UpbitTime.utcIso(bar.openTime()))
                .name("candle_date_time_kst")
                .value(UpbitTime.kstIso(bar.openTime()));
        rest(w.name("opening_price"), spec.price(bar.open()));
        rest(w.name("high_price"), spec.price(bar.high()));
        rest(w.name("low_price"), spec.price(bar.low()));
        rest(w.name("trade_price"), spec.price(bar.close()));
        w.name("timestamp").value(bar.lastTradeTime());
        rest(w.name("candle_acc_trade_price"), spec.quote(bar.quote()));
        rest(w.name("candle_acc_trade_volume"), spec.quantity(bar.volume()));
    }

    /** Writes one {@code /v1/trades/ticks} item; {@code change_price} is signed (the item has no direction field). */
    static void tick(JsonWriter w, SimTrade trade, InstrumentSpec spec, long previousClose) {
        BigDecimal price = spec.price(trade.price());
        BigDecimal previous = spec.price(previousClose);
        w.beginObject()
                .name("market")
                .value(spec.instrument().symbol())
                .name("trade_date_utc")
                .value(UpbitTime.utcDate(trade.time()))
                .name("trade_time_utc")
                .value(UpbitTime.utcTime(trade.time()))
                .name("timestamp")
                .value(trade.time())
                .name("trade_price")
                .number(price)
                .name("trade_volume")
                .number(spec.quantity(trade.quantity()))
                .name("prev_closing_price")
                .number(previous)
                .name("change_price")
                .number(price.subtract(previous))
                .name("ask_bid")
                .value(trade.buyerTaker() ? "BID" : "ASK")
                .name("sequential_id")
                .value(trade.id())
                .endObject();
    }

    /**
     * Returns a websocket {@code trade} message in {@code format}. {@code sequential_id} is a JSON number (the
     * docs' Long; Bithumb's live messages carry a string). Upbit's trade also names the best ask and bid; the
     * simulator has no order book, so they are the trade's price and the next tick on the other side, each
     * with the trade's volume.
     */
    static String trade(
            SimTrade trade,
            InstrumentSpec spec,
            long previousClose,
            long timestamp,
            String streamType,
            UpbitFormat format) {
        BigDecimal price = spec.price(trade.price());
        BigDecimal previous = spec.price(previousClose);
        BigDecimal change = price.subtract(previous);
        BigDecimal volume = spec.quantity(trade.quantity());
        BigDecimal tick = spec.sim().tickSize();
        boolean bid = trade.buyerTaker();
        boolean s = format.abbreviated();
        JsonWriter w = new JsonWriter();
        if (format.list()) {
            w.beginArray();
        }
        w.beginObject()
                .name(s ? "ty" : "type")
                .value("trade")
                .name(s ? "cd" : "code")
                .value(spec.instrument().symbol())
                .name(s ? "tp" : "trade_price")
                .number(price)
                .name(s ? "tv" : "trade_volume")
                .number(volume)
                .name(s ? "ab" : "ask_bid")
                .value(bid ? "BID" : "ASK")
                .name(s ? "pcp" : "prev_closing_price")
                .number(previous)
                .name(s ? "c" : "change")
                .value(change.signum() > 0 ? "RISE" : change.signum() < 0 ? "FALL" : "EVEN")
                .name(s ? "cp" : "change_price")
                .number(change.abs())
                .name(s ? "td" : "trade_date")
                .value(UpbitTime.utcDate(trade.time()))
                .name(s ? "ttm" : "trade_time")
                .value(UpbitTime.utcTime(trade.time()))
                .name(s ? "ttms" : "trade_timestamp")
                .value(trade.time())
                .name(s ? "tms" : "timestamp")
                .value(timestamp)
                .name(s ? "sid" : "sequential_id")
                .value(trade.id())
                .name(s ? "bap" : "best_ask_price")
                .number(bid ? price : price.add(tick))
                .name(s ? "bas" : "best_ask_size")
                .number(volume)
                .name(s ? "bbp" : "best_bid_price")
                .number(bid ? price.subtract(tick).max(tick) : price)
                .name(s ? "bbs" : "best_bid_size")
                .number(volume)
                .name(s ? "st" : "stream_type")
                .value(streamType)
                .endObject();
        if (format.list()) {
            w.endArray();
        }
        return w.toString();
    }

    private static void rest(JsonWriter w, BigDecimal value) {
        w.raw(value.setScale(Math.max(REST_SCALE, value.scale()), RoundingMode.UNNECESSARY)
                .toPlainString());
    }
}
