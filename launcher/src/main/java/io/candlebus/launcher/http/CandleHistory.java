package io.candlebus.launcher.http;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.Signal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's memory of recent chart data: one bounded {@link ChartSeries} per instrument and interval seen on
 * the bus, and the recent order events per instrument. Memory is bounded by the streams followed times
 * {@code historyCandles}. Fed and read on the HTTP verticle's event loop.
 */
public final class CandleHistory {
    /** Order events kept per instrument. */
    static final int ORDERS = 100;

    private final DashboardSettings settings;
    private final Map<String, ChartSeries> series = new TreeMap<>();
    private final Map<String, Deque<JsonObject>> orders = new TreeMap<>();

    public CandleHistory(DashboardSettings settings) {
        this.settings = settings;
    }

    /** Adds a closed candle; returns what changed on its chart (see {@link ChartSeries#onClosedCandle}) or null. */
    public JsonObject onClosedCandle(Candle candle) {
        return series(candle.instrument(), candle.interval()).onClosedCandle(candle);
    }

    /** Keeps the candle in progress; returns its row or null. */
    public JsonArray onLiveCandle(Candle candle) {
        return series(candle.instrument(), candle.interval()).onLiveCandle(candle);
    }

    /** Keeps bands; returns their row or null. */
    public JsonArray onBands(Bands bands) {
        return series(bands.instrument(), bands.interval()).onBands(bands);
    }

    /** Keeps a signal, marked historical when it was too old to trade; returns it or null if already kept. */
    public JsonObject onSignal(Signal signal) {
        return series(signal.instrument(), signal.interval())
                .onSignal(signal, SignalAge.historical(signal, settings.maxSignalAgeMillis()));
    }

    /** Keeps an order event of its instrument and returns it as the page shows it. */
    public JsonObject onOrderEvent(OrderEvent event) {
        JsonObject json = orderJson(event);
        Deque<JsonObject> kept = orders.computeIfAbsent(event.instrument().key(), k -> new ArrayDeque<>());
        kept.addLast(json);
        if (kept.size() > ORDERS) {
            kept.removeFirst();
        }
        return json;
    }

    /** Renders an order event for the chart: the time, side and status it is drawn with, and its numbers. */
    static JsonObject orderJson(OrderEvent e) {
        return new JsonObject()
                .put("clientOrderId", e.clientOrderId())
                .put("instrument", e.instrument().key())
                .put("side", e.side().name())
                .put("status", e.status().name())
                .put("quantity", e.quantity().doubleValue())
                .put("filledQuantity", e.filledQuantity().doubleValue())
                .put("price", e.price() == null ? null : e.price().doubleValue())
                .put("position", e.position().doubleValue())
                .put("reason", e.reason())
                .put("time", e.time());
    }

    /** Returns the streams with data, as {@code [{"instrument": key, "interval": code}]}, sorted. */
    public JsonArray streams() {
        JsonArray out = new JsonArray();
        series.keySet().forEach(key -> {
            int bar = key.lastIndexOf('|');
            out.add(new JsonObject().put("instrument", key.substring(0, bar)).put("interval", key.substring(bar + 1)));
        });
        return out;
    }

    /** Renders one stream's chart data (empty if nothing was seen) with the instrument's recent orders. */
    public JsonObject toJson(Instrument instrument, Interval interval) {
        ChartSeries s = series.get(key(instrument, interval));
        JsonObject json = s == null ? empty(instrument, interval, settings).toJson() : s.toJson();
        Deque<JsonObject> kept = orders.get(instrument.key());
        return json.put(
                "orders",
                kept == null ? new JsonArray() : new JsonArray(kept.stream().toList()));
    }

    /** Returns an empty series shaped by the settings: their history length, price source and SMA pair. */
    static ChartSeries empty(Instrument instrument, Interval interval, DashboardSettings settings) {
        return new ChartSeries(
                instrument,
                interval,
                settings.historyCandles(),
                settings.strategy().priceSource(),
                settings.strategy().sma().fast(),
                settings.strategy().sma().slow());
    }

    private ChartSeries series(Instrument instrument, Interval interval) {
        return series.computeIfAbsent(key(instrument, interval), k -> empty(instrument, interval, settings));
    }

    private static String key(Instrument instrument, Interval interval) {
        return instrument.key() + "|" + interval.code();
    }
}
