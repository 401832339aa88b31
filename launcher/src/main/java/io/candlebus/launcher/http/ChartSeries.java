package io.candlebus.launcher.http;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Signal;
import io.candlebus.strategy.PriceSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the chart of one instrument and interval draws, bounded: the most recent closed candles with their
 * closed bands and SMA pair, the candle in progress with its live bands, and the recent signals. Rows are
 * compact arrays (the page holds hundreds of them): a candle is {@code [openTime, open, close, low, high,
 * volume]} (ECharts' candlestick order), bands {@code [openTime, lower, middle, upper]} and the SMA pair
 * {@code [openTime, fast, slow]} (null until enough candles). Candles and bands are kept apart, keyed by open
 * time, because they come from different components and may arrive in either order.
 */
public final class ChartSeries {
    /** Signals kept per stream: far more than a chart of {@code capacity} candles usually shows. */
    static final int SIGNALS = 200;

    private final Instrument instrument;
    private final Interval interval;
    private final int capacity;
    private final PriceSource priceSource;
    private final int fast;
    private final int slow;
    private final TreeMap<Long, Point> candles = new TreeMap<>();
    private final TreeMap<Long, JsonArray> bands = new TreeMap<>();
    private final Deque<JsonObject> signals = new ArrayDeque<>();
    private final Set<String> signalIds = new HashSet<>();
    private JsonArray live;
    private JsonArray liveBands;

    private record Point(JsonArray candle, double price, JsonArray sma) {}

    /** Creates an empty series keeping {@code capacity} closed candles, with the SMA pair {@code fast}/{@code slow}. */
    public ChartSeries(
            Instrument instrument, Interval interval, int capacity, PriceSource priceSource, int fast, int slow) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: expected >= 1, was " + capacity);
        }
        this.instrument = instrument;
        this.interval = interval;
        this.capacity = capacity;
        this.priceSource = priceSource;
        this.fast = fast;
        this.slow = slow;
    }

    /**
     * Adds a closed candle and returns its row and SMA pair as {@code {"candle": [...], "sma": [...]}}, or null
     * if it is not newer than the newest one kept (a redelivery or out of order: changes nothing).
     */
    public JsonObject onClosedCandle(Candle candle) {
        if (!candles.isEmpty() && candles.lastKey() >= candle.openTime()) {
            return null;
        }
        double price = priceSource.of(candle);
        JsonArray row = row(candle);
        JsonArray sma =
                new JsonArray().add(candle.openTime()).add(mean(price, fast)).add(mean(price, slow));
        candles.put(candle.openTime(), new Point(row, price, sma));
        trim(candles);
        if (live != null && live.getLong(0) <= candle.openTime()) {
            live = null;
        }
        if (liveBands != null && liveBands.getLong(0) <= candle.openTime()) {
            liveBands = null;
        }
        return new JsonObject().put("candle", row).put("sma", sma);
    }

    /** Keeps the candle in progress; returns its row, or null if a closed candle at or after it is known. */
    public JsonArray onLiveCandle(Candle candle) {
        if (!candles.isEmpty() && candles.lastKey() >= candle.openTime()) {
            return null;
        }
        live = row(candle);
        return live;
    }

    /**
     * Keeps bands, closed or live, and returns their row; null for live bands of a candle already closed (they
     * would draw a band that no longer moves).
     */
    public JsonArray onBands(Bands b) {
        JsonArray row =
                new JsonArray().add(b.openTime()).add(b.lower()).add(b.middle()).add(b.upper());
        if (b.closed()) {
            bands.put(b.openTime(), row);
            trim(bands);
            return row;
        }
        if (!candles.isEmpty() && candles.lastKey() >= b.openTime()) {
            return null;
        }
        liveBands = row;
        return row;
    }

    /** Keeps a signal once (by id) and returns it as the page shows it, or null if it was already kept. */
    public JsonObject onSignal(Signal signal, boolean historical) {
        if (!signalIds.add(signal.id())) {
            return null;
        }
        JsonObject json = signalJson(signal, historical);
        signals.addLast(json);
        if (signals.size() > SIGNALS) {
            signalIds.remove(signals.removeFirst().getString("id"));
        }
        return json;
    }

    /** Renders a signal as the page shows it: the contract's fields and whether it was historical. */
    static JsonObject signalJson(Signal signal, boolean historical) {
        return new JsonObject()
                .put("id", signal.id())
                .put("rule", signal.rule())
                .put("instrument", signal.instrument().key())
                .put("interval", signal.interval().code())
                .put("openTime", signal.openTime())
                .put("side", signal.side().name())
                .put("price", signal.price().doubleValue())
                .put("reason", signal.reason())
                .put("time", signal.time())
                .put("historical", historical);
    }

    /** Returns the number of closed candles kept. */
    public int size() {
        return candles.size();
    }

    /** Renders everything kept, oldest first. */
    public JsonObject toJson() {
        JsonArray candleRows = new JsonArray();
        JsonArray smaRows = new JsonArray();
        for (Point p : candles.values()) {
            candleRows.add(p.candle());
            smaRows.add(p.sma());
        }
        return new JsonObject()
                .put("instrument", instrument.key())
                .put("interval", interval.code())
                .put("intervalMillis", interval.millis())
                .put("candles", candleRows)
                .put("bands", new JsonArray(bands.values().stream().toList()))
                .put("sma", smaRows)
                .put("live", live)
                .put("liveBands", liveBands)
                .put("signals", new JsonArray(signals.stream().toList()));
    }

    /** The mean price of the {@code n} closed candles ending with {@code newest} (not yet kept), or null. */
    private Double mean(double newest, int n) {
        if (n < 1 || candles.size() < n - 1) {
            return null;
        }
        double sum = newest;
        Iterator<Point> older = candles.descendingMap().values().iterator();
        for (int i = 1; i < n; i++) {
            sum += older.next().price();
        }
        return sum / n;
    }

    private <V> void trim(NavigableMap<Long, V> map) {
        while (map.size() > capacity) {
            map.pollFirstEntry();
        }
    }

    private static JsonArray row(Candle c) {
        return new JsonArray()
                .add(c.openTime())
                .add(c.open().doubleValue())
                .add(c.close().doubleValue())
                .add(c.low().doubleValue())
                .add(c.high().doubleValue())
                .add(c.volume().doubleValue());
    }
}
