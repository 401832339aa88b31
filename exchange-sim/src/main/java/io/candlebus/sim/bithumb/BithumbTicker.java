package io.candlebus.sim.bithumb;

import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;

/**
 * Computes a Bithumb ticker as of one trade: the KST day's open, high, low and sums, rolling 24 h sums,
 * the change against the previous KST day's close and 52-week extremes, and writes it as the websocket
 * message or the REST item.
 */
final class BithumbTicker {
    private final InstrumentSpec spec;
    private final SimTrade trade;
    private final Bar day;
    private final Bar rolling;
    private final long previousClose;
    private final Bar[] extremes;

    private BithumbTicker(TradeScript script, SimTrade trade) {
        this.spec = script.spec();
        this.trade = trade;
        long dayStart = KstTime.kstDayStart(trade.time());
        long tradeMinute = Math.floorDiv(trade.time(), TradeScript.MINUTE) * TradeScript.MINUTE;
        this.day = script.barUpTo(dayStart, trade);
        this.rolling = script.barUpTo(tradeMinute - 1439 * TradeScript.MINUTE, trade);
        this.previousClose = script.closeBefore(dayStart);
        this.extremes = script.extremesBefore(tradeMinute);
    }

    /** Returns the ticker as of {@code trade}, a trade {@code script} still keeps. */
    static BithumbTicker of(TradeScript script, SimTrade trade) {
        return new BithumbTicker(script, trade);
    }

    /** Writes the websocket {@code ticker} message. */
    String message(long timestamp, String streamType) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("type").value("ticker").name("code").value(spec.instrument().symbol());
        prices(w);
        w.name("trade_date").value(KstTime.compactDate(trade.time(), KstTime.KST));
        w.name("trade_time").value(KstTime.compactTime(trade.time(), KstTime.KST));
        w.name("trade_timestamp").value(trade.time());
        w.name("ask_bid").value(trade.buyerTaker() ? "BID" : "ASK");
        w.name("acc_ask_volume").number(spec.quantity(day.volume() - day.takerBuyVolume()));
        w.name("acc_bid_volume").number(spec.quantity(day.takerBuyVolume()));
        extremes(w);
        w.name("market_state").value("ACTIVE");
        w.name("is_trading_suspended").value(false);
        w.name("delisting_date").nullValue();
        w.name("market_warning").value("NONE");
        w.name("timestamp").value(timestamp);
        w.name("stream_type").value(streamType);
        return w.endObject().toString();
    }

    /** Writes one item of the REST {@code /v1/ticker} answer. */
    void restItem(JsonWriter w, long timestamp) {
        w.beginObject().name("market").value(spec.instrument().symbol());
        w.name("trade_date").value(KstTime.compactDate(trade.time(), ZoneOffset.UTC));
        w.name("trade_time").value(KstTime.compactTime(trade.time(), ZoneOffset.UTC));
        w.name("trade_date_kst").value(KstTime.compactDate(trade.time(), KstTime.KST));
        w.name("trade_time_kst").value(KstTime.compactTime(trade.time(), KstTime.KST));
        w.name("trade_timestamp").value(trade.time());
        prices(w);
        extremes(w);
        w.name("timestamp").value(timestamp);
        w.endObject();
    }

    private void prices(JsonWriter w) {
        BigDecimal price = spec.price(trade.price());
        BigDecimal previous = spec.price(previousClose);
        BigDecimal signedChange = price.subtract(previous);
        BigDecimal signedRate = signedChange.divide(previous, 8, RoundingMode.HALF_EVEN);
        w.name("opening_price").number(spec.price(day.open()));
        w.name("high_price").number(spec.price(day.high()));
        w.name("low_price").number(spec.price(day.low()));
        w.name("trade_price").number(price);
        w.name("prev_closing_price").number(previous);
        w.name("change").value(signedChange.signum() > 0 ? "RISE" : signedChange.signum() < 0 ? "FALL" : "EVEN");
        w.name("change_price").number(signedChange.abs());
        w.name("signed_change_price").number(signedChange);
        w.name("change_rate").number(signedRate.abs());
        w.name("signed_change_rate").number(signedRate);
        w.name("trade_volume").number(spec.quantity(trade.quantity()));
        w.name("acc_trade_volume").number(spec.quantity(day.volume()));
        w.name("acc_trade_volume_24h").number(spec.quantity(rolling.volume()));
        w.name("acc_trade_price").number(spec.quote(day.quote()));
        w.name("acc_trade_price_24h").number(spec.quote(rolling.quote()));
    }

    private void extremes(JsonWriter w) {
        Bar highest = extremes == null || day.high() > extremes[0].high() ? day : extremes[0];
        Bar lowest = extremes == null || day.low() < extremes[1].low() ? day : extremes[1];
        w.name("highest_52_week_price").number(spec.price(highest.high()));
        w.name("highest_52_week_date").value(KstTime.kstDashedDate(highest.lastTradeTime()));
        w.name("lowest_52_week_price").number(spec.price(lowest.low()));
        w.name("lowest_52_week_date").value(KstTime.kstDashedDate(lowest.lastTradeTime()));
    }

    /** Returns the previous KST day's close in price units, used by trade messages too. */
    static long previousClose(TradeScript script, long time) {
        return script.closeBefore(KstTime.kstDayStart(time));
    }
}
