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

    /**
     * Writes the websocket {@code ticker} message; {@code delisting_date} is {@code ""} if
     * {@code emptyDelistingDate} (real messages), else {@code null} (the docs' example).
     */
    String message(long timestamp, String streamType, boolean emptyDelistingDate) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("type").value("ticker").name("code").value(spec.instrument().symbol());
        prices(w, false);
        w.name("trade_date").value(KstTime.compactDate(trade.time(), KstTime.KST));
        w.name("trade_time").value(KstTime.compactTime(trade.time(), KstTime.KST));
        w.name("trade_timestamp").value(trade.time());
        w.name("ask_bid").value(trade.buyerTaker() ? "BID" : "ASK");
        w.name("acc_ask_volume").number(spec.quantity(day.volume() - day.takerBuyVolume()));
        w.name("acc_bid_volume").number(spec.quantity(day.takerBuyVolume()));
        extremes(w, false);
        w.name("market_state").value("ACTIVE");
        w.name("is_trading_suspended").value(false);
        w.name("delisting_date").value(emptyDelistingDate ? "" : null);
        w.name("market_warning").value("NONE");
        w.name("timestamp").value(timestamp);
        w.name("stream_type").value(streamType);
        return w.endObject().toString();
    }

    /** Writes one item of the REST {@code /v1/ticker} answer, numbers as numeric strings if {@code strings}. */
    void restItem(JsonWriter w, long timestamp, boolean strings) {
        w.beginObject().name("market").value(spec.instrument().symbol());
        w.name("trade_date").value(KstTime.compactDate(trade.time(), ZoneOffset.UTC));
        w.name("trade_time").value(KstTime.compactTime(trade.time(), ZoneOffset.UTC));
        w.name("trade_date_kst").value(KstTime.compactDate(trade.time(), KstTime.KST));
        w.name("trade_time_kst").value(KstTime.compactTime(trade.time(), KstTime.KST));
        BithumbJson.number(w.name("trade_timestamp"), BigDecimal.valueOf(trade.time()), strings);
        prices(w, strings);
        extremes(w, strings);
        BithumbJson.number(w.name("timestamp"), BigDecimal.valueOf(timestamp), strings);
        w.endObject();
    }

    private void prices(JsonWriter w, boolean strings) {
        BigDecimal price = spec.price(trade.price());
        BigDecimal previous = spec.price(previousClose);
        BigDecimal signedChange = price.subtract(previous);
        BigDecimal signedRate = signedChange.divide(previous, 8, RoundingMode.HALF_EVEN);
        BithumbJson.number(w.name("opening_price"), spec.price(day.open()), strings);
        BithumbJson.number(w.name("high_price"), spec.price(day.high()), strings);
        BithumbJson.number(w.name("low_price"), spec.price(day.low()), strings);
        BithumbJson.number(w.name("trade_price"), price, strings);
        BithumbJson.number(w.name("prev_closing_price"), previous, strings);
        w.name("change").value(signedChange.signum() > 0 ? "RISE" : signedChange.signum() < 0 ? "FALL" : "EVEN");
        BithumbJson.number(w.name("change_price"), signedChange.abs(), strings);
        BithumbJson.number(w.name("signed_change_price"), signedChange, strings);
        BithumbJson.number(w.name("change_rate"), signedRate.abs(), strings);
        BithumbJson.number(w.name("signed_change_rate"), signedRate, strings);
        BithumbJson.number(w.name("trade_volume"), spec.quantity(trade.quantity()), strings);
        BithumbJson.number(w.name("acc_trade_volume"), spec.quantity(day.volume()), strings);
        BithumbJson.number(w.name("acc_trade_volume_24h"), spec.quantity(rolling.volume()), strings);
        BithumbJson.number(w.name("acc_trade_price"), spec.quote(day.quote()), strings);
        BithumbJson.number(w.name("acc_trade_price_24h"), spec.quote(rolling.quote()), strings);
    }

    private void extremes(JsonWriter w, boolean strings) {
        Bar highest = extremes == null || day.high() > extremes[0].high() ? day : extremes[0];
        Bar lowest = extremes == null || day.low() < extremes[1].low() ? day : extremes[1];
        BithumbJson.number(w.name("highest_52_week_price"), spec.price(highest.high()), strings);
        w.name("highest_52_week_date").value(KstTime.kstDashedDate(highest.lastTradeTime()));
        BithumbJson.number(w.name("lowest_52_week_price"), spec.price(lowest.low()), strings);
        w.name("lowest_52_week_date").value(KstTime.kstDashedDate(lowest.lastTradeTime()));
    }

    /** Returns the previous KST day's close in price units, used by trade messages too. */
    static long previousClose(TradeScript script, long time) {
        return script.closeBefore(KstTime.kstDayStart(time));
    }
}
