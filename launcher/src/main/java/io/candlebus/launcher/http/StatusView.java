package io.candlebus.launcher.http;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Signal;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps what {@code GET /status} shows: the latest heartbeat of every component, and per instrument
 * and interval the last closed candle and the current closed and live bands; the most recent signals
 * and orders. Fed from the bus by {@link StatusServer}, read on the same event loop.
 */
public final class StatusView {
    /** A component whose last heartbeat is older than this is reported stale and makes the node not ready. */
    public static final long STALE_AFTER_MILLIS = 5_000;

    /**
     * A market component that follows streams but has handled no market data for this long (by its own
     * clock) is stale: its data no longer describes the market, and the node is not ready.
     */
    public static final long STALE_DATA_MILLIS = 120_000;

    private static final int RECENT = 50;

    private final Map<String, Seen<Heartbeat>> heartbeats = new TreeMap<>();
    private final Map<String, Map<String, StreamState>> streams = new TreeMap<>();
    private final Deque<Signal> signals = new ArrayDeque<>();
    private final Deque<OrderEvent> orders = new ArrayDeque<>();
    private final Map<String, BigDecimal> positions = new TreeMap<>();

    private record Seen<T>(T value, long receivedAt) {}

    private static final class StreamState {
        Candle lastClosed;
        Bands bands;
        Bands liveBands;
    }

    /** Records a heartbeat received at {@code now} (local wall-clock millis). */
    public void onHeartbeat(Heartbeat hb, long now) {
        heartbeats.put(hb.node() + "/" + hb.component(), new Seen<>(hb, now));
    }

    /** Records a closed candle; an older one than already shown is ignored. */
    public void onClosedCandle(Candle candle) {
        StreamState s = stream(candle.instrument().key(), candle.interval().code());
        if (s.lastClosed == null || s.lastClosed.openTime() < candle.openTime()) {
            s.lastClosed = candle;
        }
    }

    /** Records bands, closed or live. */
    public void onBands(Bands bands) {
        StreamState s = stream(bands.instrument().key(), bands.interval().code());
        if (bands.closed()) {
            if (s.bands == null || s.bands.openTime() <= bands.openTime()) {
                s.bands = bands;
            }
        } else {
            s.liveBands = bands;
        }
    }

    /** Records a signal among the recent ones. */
    public void onSignal(Signal signal) {
        push(signals, signal);
    }

    /** Records an order event and the position it reports. */
    public void onOrderEvent(OrderEvent event) {
        push(orders, event);
        if (event.status() == OrderStatus.FILLED) {
            positions.put(event.instrument().key(), event.position());
        }
    }

    /** Returns whether every known component has reported within {@link #STALE_AFTER_MILLIS}. */
    public boolean allFresh(long now) {
        for (Seen<Heartbeat> seen : heartbeats.values()) {
            if (now - seen.receivedAt() > STALE_AFTER_MILLIS) {
                return false;
            }
        }
        return true;
    }

    /** Returns the market components whose data is older than {@link #STALE_DATA_MILLIS}, sorted. */
    public List<String> staleData() {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Seen<Heartbeat>> e : heartbeats.entrySet()) {
            if (dataAge(e.getValue().value()) > STALE_DATA_MILLIS) {
                stale.add(e.getKey());
            }
        }
        return stale;
    }

    /**
     * Returns how old a market component's data is by its own clock (so an accelerated simulator
     * clock is compared with itself), or -1 where it does not apply: not a market component, no
     * streams followed, or nothing received yet.
     */
    static long dataAge(Heartbeat hb) {
        boolean following = hb.counters().getOrDefault("streams", 0L) > 0;
        if (!hb.component().startsWith("market.") || !following || hb.lastEventTime() <= 0) {
            return -1;
        }
        return hb.time() - hb.lastEventTime();
    }

    /** Renders the status document. */
    public JsonObject toJson(String node, long now) {
        JsonArray components = new JsonArray();
        for (Seen<Heartbeat> seen : heartbeats.values()) {
            Heartbeat hb = seen.value();
            long age = now - seen.receivedAt();
            components.add(new JsonObject()
                    .put("node", hb.node())
                    .put("component", hb.component())
                    .put("state", age > STALE_AFTER_MILLIS ? "stale" : hb.state())
                    .put("heartbeatAgeMillis", age)
                    .put("lastEventTime", hb.lastEventTime())
                    .put("dataAgeMillis", dataAge(hb))
                    .put("counters", new JsonObject(Map.copyOf(hb.counters()))));
        }
        JsonObject instruments = new JsonObject();
        streams.forEach((instrument, byInterval) -> {
            JsonObject intervals = new JsonObject();
            byInterval.forEach((interval, s) -> intervals.put(
                    interval,
                    new JsonObject()
                            .put("lastClosedCandle", json(s.lastClosed))
                            .put("bands", json(s.bands))
                            .put("liveBands", json(s.liveBands))));
            instruments.put(instrument, intervals);
        });
        JsonObject positionsJson = new JsonObject();
        positions.forEach((k, v) -> positionsJson.put(k, v.toPlainString()));
        return new JsonObject()
                .put("node", node)
                .put("time", now)
                .put("components", components)
                .put("instruments", instruments)
                .put("signals", jsonNewestFirst(signals))
                .put("orders", jsonNewestFirst(orders))
                .put("positions", positionsJson);
    }

    private StreamState stream(String instrument, String interval) {
        return streams.computeIfAbsent(instrument, k -> new TreeMap<>())
                .computeIfAbsent(interval, k -> new StreamState());
    }

    private static <T> void push(Deque<T> deque, T value) {
        deque.addLast(value);
        if (deque.size() > RECENT) {
            deque.removeFirst();
        }
    }

    private static JsonArray jsonNewestFirst(Deque<? extends Record> deque) {
        JsonArray out = new JsonArray();
        for (Iterator<? extends Record> it = deque.descendingIterator(); it.hasNext(); ) {
            out.add(json(it.next()));
        }
        return out;
    }

    private static JsonObject json(Record value) {
        return value == null ? null : new JsonObject(ContractJson.toJson(value));
    }
}
