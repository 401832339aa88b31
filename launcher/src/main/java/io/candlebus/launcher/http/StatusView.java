package io.candlebus.launcher.http;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Signal;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps what {@code GET /status} shows: the latest heartbeat of every component with the status of each
 * stream the market feeds follow, and per instrument and interval the last closed candle and the current
 * closed and live bands; the most recent signals and orders. Fed from the bus by {@link StatusServer}, read
 * on the same event loop.
 */
public final class StatusView {
    /** A component whose last heartbeat is older than this is reported stale and makes the node not ready. */
    public static final long STALE_AFTER_MILLIS = 5_000;

    /** The default of {@code http.staleStreamMillis}. */
    public static final long DEFAULT_STALE_STREAM_MILLIS = 120_000;

    private static final int RECENT = 50;

    private final long staleStreamMillis;

    private final Map<String, Seen<Heartbeat>> heartbeats = new TreeMap<>();
    private final Map<String, Map<String, CandleStream>> streams = new TreeMap<>();
    private final Deque<Signal> signals = new ArrayDeque<>();
    private final Deque<OrderEvent> orders = new ArrayDeque<>();
    private final Map<String, BigDecimal> positions = new TreeMap<>();

    private record Seen<T>(T value, long receivedAt) {}

    /**
     * Creates an empty view in which a stream whose last message is more than {@code staleStreamMillis} old
     * (by its feed's clock) is stale and makes the node not ready.
     */
    public StatusView(long staleStreamMillis) {
        this.staleStreamMillis = staleStreamMillis;
    }

    private static final class CandleStream {
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
        CandleStream s = stream(candle.instrument().key(), candle.interval().code());
        if (s.lastClosed == null || s.lastClosed.openTime() < candle.openTime()) {
            s.lastClosed = candle;
        }
    }

    /** Records bands, closed or live. */
    public void onBands(Bands bands) {
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

    /** Returns the components (node/component) whose last heartbeat is older than {@link #STALE_AFTER_MILLIS}. */
    public List<String> staleHeartbeats(long now) {
        List<String> stale = new ArrayList<>();
        heartbeats.forEach((key, seen) -> {
            if (now - seen.receivedAt() > STALE_AFTER_MILLIS) {
                stale.add(key);
            }
        });
        return stale;
    }

    /**
     * Returns the streams whose last message is older than the threshold, by their feed's clock (so an
     * accelerated simulator clock is compared with itself). A stream that has had no message yet is not
     * stale: there is no age to measure. A market component that follows streams without reporting them one
     * by one is judged by the age of its last event instead.
     */
    public List<StaleStream> staleStreams() {
        List<StaleStream> stale = new ArrayList<>();
        for (Seen<Heartbeat> seen : heartbeats.values()) {
            Heartbeat hb = seen.value();
            if (hb.streams().isEmpty()) {
                long age = dataAge(hb);
                if (age > staleStreamMillis) {
                    stale.add(new StaleStream(hb.node(), hb.component(), null, age));
                }
                continue;
            }
            for (StreamStatus s : hb.streams()) {
                Long age = messageAge(hb, s);
                if (age != null && age > staleStreamMillis) {
                    stale.add(new StaleStream(
                            hb.node(), hb.component(), s.instrument().key(), age));
                }
            }
        }
        return stale;
    }

    /**
     * Renders {@code GET /health/ready}: {@code status} UP, or DOWN with the reason, while a component's
     * heartbeat is stale or a stream's data is. Banned streams are listed but do not make the node not ready:
     * a ban stops REST requests only, and a stream whose websocket goes quiet meanwhile becomes stale.
     */
    public JsonObject readiness(long now) {
        List<String> heartbeatsStale = staleHeartbeats(now);
        List<StaleStream> streamsStale = staleStreams();
        String reason;
        if (!heartbeatsStale.isEmpty()) {
            reason = "no heartbeat for over " + STALE_AFTER_MILLIS + " ms from " + heartbeatsStale;
        } else if (!streamsStale.isEmpty()) {
            reason = "no market data for over " + staleStreamMillis + " ms on " + streamsStale;
        } else {
            reason = null;
        }
        JsonArray staleJson = new JsonArray();
        streamsStale.forEach(s -> staleJson.add(s.toJson()));
        JsonArray banned = new JsonArray();
        for (Seen<Heartbeat> seen : heartbeats.values()) {
            for (StreamStatus s : seen.value().streams()) {
                if (s.state() == StreamState.BANNED) {
                    banned.add(new JsonObject()
                            .put("instrument", s.instrument().key())
                            .put("bannedUntil", isoOrNull(s.bannedUntil())));
                }
            }
        }
        return new JsonObject()
                .put("status", reason == null ? "UP" : "DOWN")
                .put("reason", reason == null ? "all components reported recently with fresh data" : reason)
                .put("staleStreamMillis", staleStreamMillis)
                .put("staleHeartbeats", new JsonArray(heartbeatsStale))
                .put("staleStreams", staleJson)
                .put("bannedStreams", banned);
    }

    /**
     * Returns how old a market component's last event is by its own clock, or -1 where it does not apply:
     * not a market component, no streams followed, or nothing received yet.
     */
    static long dataAge(Heartbeat hb) {
        boolean following = hb.counters().getOrDefault("streams", 0L) > 0;
        if (!hb.component().startsWith("market.") || !following || hb.lastEventTime() <= 0) {
            return -1;
        }
        return hb.time() - hb.lastEventTime();
    }

    /** Returns the age of a stream's last message by its feed's clock, or null if it has had none. */
    static Long messageAge(Heartbeat hb, StreamStatus s) {
        return s.lastMessageTime() == 0 ? null : Math.max(0, hb.time() - s.lastMessageTime());
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
                .put("streams", streamsJson())
                .put("instruments", instruments)
                .put("signals", jsonNewestFirst(signals))
                .put("orders", jsonNewestFirst(orders))
                .put("positions", positionsJson);
    }

    /** Per instrument key, the stream's status from the newest heartbeat that reports it. */
    private JsonObject streamsJson() {
        Map<String, Heartbeat> newest = new TreeMap<>();
        Map<String, StreamStatus> status = new TreeMap<>();
        for (Seen<Heartbeat> seen : heartbeats.values()) {
            Heartbeat hb = seen.value();
            for (StreamStatus s : hb.streams()) {
                Heartbeat other = newest.get(s.instrument().key());
                if (other == null || other.time() < hb.time()) {
                    newest.put(s.instrument().key(), hb);
                    status.put(s.instrument().key(), s);
                }
            }
        }
        JsonObject out = new JsonObject();
        status.forEach((key, s) -> {
            Heartbeat hb = newest.get(key);
            Long age = messageAge(hb, s);
            out.put(
                    key,
                    new JsonObject()
                            .put("node", hb.node())
                            .put("component", hb.component())
                            .put("state", s.state().wireName())
                            .put("lastMessageAgeMillis", age)
                            .put("stale", age != null && age > staleStreamMillis)
                            .put("reconnects", s.reconnects())
                            .put("gapsFilled", s.gapsFilled())
                            .put("openGaps", s.openGaps())
                            .put("restWeightUsed", s.restWeightUsed())
                            .put("bannedUntil", isoOrNull(s.bannedUntil())));
        });
        return out;
    }

    private static String isoOrNull(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
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
