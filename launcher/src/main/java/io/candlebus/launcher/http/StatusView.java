package io.candlebus.launcher.http;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.KillSwitchState;
import io.candlebus.contract.NodeInfo;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.PnlSnapshot;
import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.Signal;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps what {@code GET /status} shows: the latest heartbeat of every component with the status of each
 * stream the market feeds follow, and per instrument and interval the last closed candle and the current
 * closed and live bands; the most recent signals and orders. Fed from the bus by {@link StatusServer}, read
 * on the same event loop. A component silent for over {@code goneAfterMillis} shows as {@code gone} for {@link
 * ReadinessLimits#GONE_SHOWN_MILLIS} and is then forgotten; its name stays known, so readiness can tell when
 * none of its kind is left.
 */
public final class StatusView {
    /** A component whose last heartbeat is older than this is reported stale and makes the node not ready. */
    public static final long STALE_AFTER_MILLIS = ReadinessLimits.STALE_AFTER_MILLIS;

    /** The default of {@code http.staleStreamMillis}. */
    public static final long DEFAULT_STALE_STREAM_MILLIS = ReadinessLimits.DEFAULT_STALE_STREAM_MILLIS;

    /** How many of the most recent signals and orders the summary carries (the full body has {@link MarketActivity#RECENT}). */
    static final int SUMMARY_RECENT = 25;

    private final ReadinessLimits limits;
    private final ReadinessCheck check;

    private final Map<String, SeenHeartbeat> heartbeats = new TreeMap<>();
    private final KillSwitchView killSwitch = new KillSwitchView();
    private JsonObject pnl;
    /** When (local wall clock) each followed stream was first reported, by {@link ReadinessCheck#streamKey}. */
    private final Map<String, Long> firstSeen = new HashMap<>();
    /** Every component name ever reported. */
    private final Set<String> rolesSeen = new TreeSet<>();
    /** When (local wall clock) the cluster reported each node gone that has not been heard from since. */
    private final Map<String, Long> leftAt = new HashMap<>();

    private final MarketActivity market = new MarketActivity();
    private final RecorderOwnersView recorders = new RecorderOwnersView();
    private final NodeTable nodes;

    /**
     * Creates an empty view in which a stream whose last message is more than {@code staleStreamMillis} old
     * (by its feed's clock) is stale and makes the node not ready; the other limits are the defaults.
     */
    public StatusView(long staleStreamMillis) {
        this(ReadinessLimits.withStaleStreamMillis(staleStreamMillis));
    }

    /** Creates an empty view judging readiness by {@code limits}. */
    public StatusView(ReadinessLimits limits) {
        this.limits = limits;
        this.check = new ReadinessCheck(limits);
        this.nodes = new NodeTable(limits);
    }

    /**
     * Records that the cluster reported {@code node} gone at {@code now}: its components are gone at once, as if
     * silent past {@code goneAfterMillis}, until it is heard from again.
     */
    public void onNodeLeft(String node, long now) {
        leftAt.put(node, now);
    }

    /** Returns whether {@code seen}'s node left the cluster after it was last heard from. */
    private boolean left(SeenHeartbeat seen) {
        Long at = leftAt.get(seen.hb().node());
        return at != null && seen.receivedAt() <= at;
    }

    /** Returns whether {@code seen}'s component is gone: its node left the cluster, or it is silent past the bound. */
    private boolean gone(SeenHeartbeat seen, long now) {
        return left(seen) || seen.silentMillis(now) > limits.goneAfterMillis();
    }

    /** Records a recorder's announcement of the streams it owns, heard at {@code now}. */
    public void onRecorderPresence(RecorderPresence presence, long now) {
        recorders.onPresence(presence, now);
    }

    /** Records a node's announcement received at {@code now} (local wall-clock millis). */
    public void onNodeInfo(NodeInfo info, long now) {
        nodes.onNodeInfo(info, now);
    }

    /** Records the order kill switch's state from an {@code orders.kill} reply. */
    public void onKillSwitch(KillSwitchState state) {
        killSwitch.onState(state);
    }

    /** Returns whether {@code hb} says the kill switch is otherwise than known, so its state must be asked. */
    public boolean killSwitchOutdatedBy(Heartbeat hb) {
        return killSwitch.outdatedBy(hb);
    }

    /** Records the order node's latest PnL ({@code orders.pnl}). */
    public void onPnl(PnlSnapshot snapshot) {
        pnl = new JsonObject(ContractJson.toJson(snapshot));
    }

    /**
     * Adds {@code killSwitch} when something is known of it (the dashboard shows "n/a" without it) and {@code pnl},
     * the order node's latest PnL, once one arrived.
     */
    private JsonObject withKillSwitch(JsonObject status) {
        JsonObject json = killSwitch.json();
        if (pnl != null) {
            status.put("pnl", pnl);
        }
        return json == null ? status : status.put("killSwitch", json);
    }

    /** Records a heartbeat received at {@code now} (local wall-clock millis). */
    public void onHeartbeat(Heartbeat hb, long now) {
        heartbeats.put(hb.node() + "/" + hb.component(), new SeenHeartbeat(hb, now));
        rolesSeen.add(hb.component());
        String prefix = ReadinessCheck.streamKey(hb, null);
        Set<String> reported = new TreeSet<>();
        reported.add(prefix);
        for (StreamStatus s : hb.streams()) {
            reported.add(ReadinessCheck.streamKey(hb, s.instrument().key()));
        }
        // A stream the feed stopped reporting starts its grace afresh if it comes back.
        firstSeen.keySet().removeIf(k -> k.startsWith(prefix) && !reported.contains(k));
        reported.forEach(k -> firstSeen.putIfAbsent(k, now));
    }

    /** Records a closed candle; an older one than already shown is ignored. */
    public void onClosedCandle(Candle candle) {
        market.onClosedCandle(candle);
    }

    /** Records bands, closed or live. */
    public void onBands(Bands bands) {
        market.onBands(bands);
    }

    /** Records a signal among the recent ones. */
    public void onSignal(Signal signal) {
        market.onSignal(signal);
    }

    /** Records an order event and the position it reports. */
    public void onOrderEvent(OrderEvent event) {
        market.onOrderEvent(event);
    }

    /** Returns the components (node/component) whose last heartbeat is older than {@link #STALE_AFTER_MILLIS}. */
    public List<String> staleHeartbeats(long now) {
        List<String> stale = new ArrayList<>();
        heartbeats.forEach((key, seen) -> {
            if (seen.silentMillis(now) > STALE_AFTER_MILLIS) {
                stale.add(key);
            }
        });
        return stale;
    }

    /**
     * Returns the streams whose last message is older than the threshold, by their feed's clock (see {@link
     * ReadinessCheck#staleStreams}).
     */
    public List<StaleStream> staleStreams() {
        return ReadinessCheck.staleStreams(heartbeats.values(), limits.staleStreamMillis());
    }

    /** Renders {@code GET /health/ready} at {@code now} (local wall-clock millis); see {@link ReadinessCheck}. */
    public JsonObject readiness(long now) {
        forgetGone(now);
        return check.evaluate(heartbeats.values(), firstSeen, rolesSeen, this::left, now);
    }

    /** Forgets components gone for longer than they are shown. */
    private void forgetGone(long now) {
        long forgetAfter = limits.goneAfterMillis() + ReadinessLimits.GONE_SHOWN_MILLIS;
        heartbeats.values().removeIf(seen -> seen.silentMillis(now) > forgetAfter);
        nodes.forgetGone(now);
        Set<String> known = new TreeSet<>(nodes.names());
        heartbeats.values().forEach(seen -> known.add(seen.hb().node()));
        leftAt.keySet().retainAll(known);
        Set<String> kept = new TreeSet<>();
        heartbeats
                .values()
                .forEach(seen -> kept.add(seen.hb().node() + "/" + seen.hb().component() + "/"));
        firstSeen.keySet().removeIf(k -> kept.stream().noneMatch(k::startsWith));
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

    /** Returns a component's state as {@code /status} shows it: {@code gone}, {@code stale} or its own. */
    private String shownState(SeenHeartbeat seen, long now) {
        return gone(seen, now)
                ? "gone"
                : seen.silentMillis(now) > STALE_AFTER_MILLIS
                        ? "stale"
                        : seen.hb().state();
    }

    /** Renders one component; with {@code counters} false, without its counters (the summary). */
    private JsonObject componentJson(SeenHeartbeat seen, long now, boolean counters) {
        Heartbeat hb = seen.hb();
        JsonObject out = new JsonObject()
                .put("node", hb.node())
                .put("component", hb.component())
                .put("state", shownState(seen, now))
                .put("heartbeatAgeMillis", seen.silentMillis(now))
                .put("lastEventTime", hb.lastEventTime())
                .put("dataAgeMillis", dataAge(hb));
        return counters ? out.put("counters", new JsonObject(Map.copyOf(hb.counters()))) : out;
    }

    /** Returns the nodes whose every component is gone. */
    private JsonArray goneNodes(long now) {
        Set<String> goneNodes = new TreeSet<>();
        Set<String> presentNodes = new TreeSet<>();
        for (SeenHeartbeat seen : heartbeats.values()) {
            (gone(seen, now) ? goneNodes : presentNodes).add(seen.hb().node());
        }
        goneNodes.removeAll(presentNodes);
        return new JsonArray(new ArrayList<>(goneNodes));
    }

    private JsonArray nodesJson(long now) {
        return nodes.toJson(heartbeats.values(), seen -> shownState(seen, now), leftAt, now);
    }

    /**
     * Renders the full status document ({@code /status?detail=full}): every node, every component with its
     * counters, every stream in full, per instrument and interval the last closed candle and bands, the 50 most
     * recent signals and orders, positions.
     */
    public JsonObject toJson(String node, long now) {
        forgetGone(now);
        JsonArray components = new JsonArray();
        heartbeats.values().forEach(seen -> components.add(componentJson(seen, now, true)));
        JsonObject streamsJson = new JsonObject();
        newestStreams(now).forEach((key, row) -> streamsJson.put(key, row.full(limits.staleStreamMillis())));
        return withKillSwitch(new JsonObject()
                .put("detail", "full")
                .put("node", node)
                .put("time", now)
                .put("nodes", nodesJson(now))
                .put("components", components)
                .put("goneNodes", goneNodes(now))
                .put("streams", streamsJson)
                .put("recorders", recorders.json(true, now))
                .put("instruments", market.instrumentsJson())
                .put("signals", market.signalsJson(MarketActivity.RECENT))
                .put("orders", market.ordersJson(MarketActivity.RECENT))
                .put("positions", market.positionsJson()));
    }

    /**
     * Renders the summary ({@code /status}), whose size grows by one short row per followed stream: the nodes
     * with roles, uptime and component states; the components without counters; readiness' status and reason;
     * per stream one row of {@link StreamRow#COMPACT_FIELDS} and counts by state; the number of instruments with
     * candles; the {@link #SUMMARY_RECENT} most recent signals and orders and how many were seen; positions; the
     * kill switch once known.
     */
    public JsonObject summary(String node, long now) {
        JsonObject readiness = readiness(now);
        JsonArray components = new JsonArray();
        heartbeats.values().forEach(seen -> components.add(componentJson(seen, now, false)));
        JsonArray rows = new JsonArray();
        Map<String, Integer> byState = new TreeMap<>();
        int stale = 0;
        for (StreamRow row : newestStreams(now).values()) {
            rows.add(row.compact(limits.staleStreamMillis()));
            byState.merge(row.status().state().wireName(), 1, Integer::sum);
            stale += row.stale(limits.staleStreamMillis()) ? 1 : 0;
        }
        return withKillSwitch(new JsonObject()
                .put("detail", "summary")
                .put("node", node)
                .put("time", now)
                .put(
                        "readiness",
                        new JsonObject()
                                .put("status", readiness.getString("status"))
                                .put("reason", readiness.getString("reason")))
                .put("nodes", nodesJson(now))
                .put("components", components)
                .put("goneNodes", goneNodes(now))
                .put(
                        "streams",
                        new JsonObject()
                                .put("count", rows.size())
                                .put("stale", stale)
                                .put("byState", new JsonObject(new TreeMap<String, Object>(byState)))
                                .put("fields", new JsonArray(StreamRow.COMPACT_FIELDS))
                                .put("rows", rows))
                .put("recorders", recorders.json(false, now))
                .put("instrumentCount", market.instrumentCount())
                .put("signalCount", market.signalCount())
                .put("signals", market.signalsJson(SUMMARY_RECENT))
                .put("orderCount", market.orderCount())
                .put("orders", market.ordersJson(SUMMARY_RECENT))
                .put("positions", market.positionsJson()));
    }

    /**
     * Renders what is known of one instrument ({@code /status/{instrument}}): its stream in full, per interval
     * the last closed candle and bands, its recent signals and orders and its position; null if nothing is.
     */
    public JsonObject instrument(String key, long now) {
        forgetGone(now);
        StreamRow row = newestStreams(now).get(key);
        JsonObject intervals = market.intervalsJson(key);
        BigDecimal position = market.position(key);
        JsonArray instrumentSignals = market.signalsJson(key);
        JsonArray instrumentOrders = market.ordersJson(key);
        if (row == null
                && intervals == null
                && position == null
                && instrumentSignals.isEmpty()
                && instrumentOrders.isEmpty()) {
            return null;
        }
        return new JsonObject()
                .put("instrument", key)
                .put("time", now)
                .put("stream", row == null ? null : row.full(limits.staleStreamMillis()))
                .put("intervals", intervals == null ? new JsonObject() : intervals)
                .put("signals", instrumentSignals)
                .put("orders", instrumentOrders)
                .put("position", position == null ? null : position.toPlainString());
    }

    /** Per instrument key, the stream from the newest heartbeat of a component not gone that reports it. */
    private Map<String, StreamRow> newestStreams(long now) {
        Map<String, StreamRow> newest = new TreeMap<>();
        for (SeenHeartbeat seen : heartbeats.values()) {
            if (gone(seen, now)) {
                continue;
            }
            Heartbeat hb = seen.hb();
            for (StreamStatus s : hb.streams()) {
                StreamRow other = newest.get(s.instrument().key());
                if (other == null || other.hb().time() < hb.time()) {
                    newest.put(s.instrument().key(), new StreamRow(hb, s));
                }
            }
        }
        return newest;
    }
}
