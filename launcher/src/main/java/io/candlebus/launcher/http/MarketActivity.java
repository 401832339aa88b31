package io.candlebus.launcher.http;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Signal;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trading side of {@link StatusView}: per instrument and interval the last closed candle and the current
 * closed and live bands, the most recent signals and orders with how many were seen, and the position each
 * fill reported. Read and written on the status server's event loop.
 */
final class MarketActivity {
    /** How many of the most recent signals and orders are kept. */
    static final int RECENT = 50;

    private final Map<String, Map<String, CandleStream>> streams = new TreeMap<>();
    private final Deque<Signal> signals = new ArrayDeque<>();
    private final Deque<OrderEvent> orders = new ArrayDeque<>();
    private final Map<String, BigDecimal> positions = new TreeMap<>();
    private long signalCount;
    private long orderCount;

    private static final class CandleStream {
        Candle lastClosed;
        Bands bands;
        Bands liveBands;
    }

    /** Records a closed candle; an older one than already shown is ignored. */
    void onClosedCandle(Candle candle) {
        CandleStream s = stream(candle.instrument().key(), candle.interval().code());
        if (s.lastClosed == null || s.lastClosed.openTime() < candle.openTime()) {
            s.lastClosed = candle;
        }
    }

    /** Records bands, closed or live. */
    void onBands(Bands bands) {
        CandleStream s = stream(bands.instrument().key(), bands.interval().code());
        if (bands.closed()) {
            if (s.bands == null || s.bands.openTime() <= bands.openTime()) {
                s.bands = bands;
            }
        } else {
            s.liveBands = bands;
        }
    }

    /** Records a signal among the recent ones. */
    void onSignal(Signal signal) {
        signalCount++;
        push(signals, signal);
    }

    /** Records an order event and the position it reports. */
    void onOrderEvent(OrderEvent event) {
        orderCount++;
        push(orders, event);
        if (event.status() == OrderStatus.FILLED) {
            positions.put(event.instrument().key(), event.position());
        }
    }

    /** Returns how many instruments have candles or bands. */
    int instrumentCount() {
        return streams.size();
    }

    long signalCount() {
        return signalCount;
    }

    long orderCount() {
        return orderCount;
    }

    /** Per instrument, per interval: the last closed candle, bands and live bands. */
    JsonObject instrumentsJson() {
        JsonObject instruments = new JsonObject();
        streams.forEach((instrument, byInterval) -> instruments.put(instrument, intervalsJson(byInterval)));
        return instruments;
    }

    /** Per interval of one instrument, as in {@link #instrumentsJson()}; null if it has none. */
    JsonObject intervalsJson(String instrument) {
        Map<String, CandleStream> byInterval = streams.get(instrument);
        return byInterval == null ? null : intervalsJson(byInterval);
    }

    /** The {@code max} most recent signals, newest first. */
    JsonArray signalsJson(int max) {
        return newestFirst(signals, max, null);
    }

    /** The {@code max} most recent order events, newest first. */
    JsonArray ordersJson(int max) {
        return newestFirst(orders, max, null);
    }

    /** The recent signals of one instrument, newest first. */
    JsonArray signalsJson(String instrument) {
        return newestFirst(signals, RECENT, instrument);
    }

    /** The recent order events of one instrument, newest first. */
    JsonArray ordersJson(String instrument) {
        return newestFirst(orders, RECENT, instrument);
    }

    JsonObject positionsJson() {
        JsonObject out = new JsonObject();
        positions.forEach((k, v) -> out.put(k, v.toPlainString()));
        return out;
    }

    /** The position the last fill of {@code instrument} reported, or null. */
    BigDecimal position(String instrument) {
        return positions.get(instrument);
    }

    private static JsonObject intervalsJson(Map<String, CandleStream> byInterval) {
        JsonObject intervals = new JsonObject();
        byInterval.forEach((interval, s) -> intervals.put(
                interval,
                new JsonObject()
                        .put("lastClosedCandle", json(s.lastClosed))
                        .put("bands", json(s.bands))
                        .put("liveBands", json(s.liveBands))));
        return intervals;
    }

    private CandleStream stream(String instrument, String interval) {
        return streams.computeIfAbsent(instrument, k -> new TreeMap<>())
                .computeIfAbsent(interval, k -> new CandleStream());
    }

    private static <T> void push(Deque<T> deque, T value) {
        deque.addLast(value);
        if (deque.size() > RECENT) {
            deque.removeFirst();
        }
    }

    /** Up to {@code max} entries, newest first; only those of {@code instrument} unless it is null. */
    private static JsonArray newestFirst(Deque<? extends Record> deque, int max, String instrument) {
        JsonArray out = new JsonArray();
        for (Iterator<? extends Record> it = deque.descendingIterator(); it.hasNext() && out.size() < max; ) {
            Record r = it.next();
            if (instrument == null || instrumentOf(r).equals(instrument)) {
                out.add(json(r));
            }
        }
        return out;
    }

    private static String instrumentOf(Record r) {
        return r instanceof Signal s
                ? s.instrument().key()
                : ((OrderEvent) r).instrument().key();
    }

    private static JsonObject json(Record value) {
        return value == null ? null : new JsonObject(ContractJson.toJson(value));
    }
}
