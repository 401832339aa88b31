package io.candlebus.market.venue;

import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.market.RestClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The heartbeat state, counters and per-stream status of a {@link TradeStreamFeed}, from what it knows now.
 */
final class TradeStatus {
    /** What the status is made of, read from the feed. */
    record Snapshot(
            boolean started,
            boolean stopped,
            boolean backingOff,
            boolean linkOpen,
            boolean linkHeard,
            long messages,
            long lastHeard,
            long restUsed,
            long bannedUntil) {}

    private TradeStatus() {}

    /** Registers the feed's counters and gauges in the order the heartbeat lists them. */
    static void registerCounters(
            FeedCounters counters, RestClient rest, Map<String, CodeState> codes, CodeCheck check) {
        // Registered in the order the heartbeat lists them.
        counters.counter("messages");
        counters.counter("trades");
        counters.counter("duplicates");
        counters.counter("snapshotsSkipped");
        counters.counter("beforeSeam");
        counters.counter("reconnects");
        counters.counter("stalls");
        counters.counter("resubscribes");
        counters.counter("recoveries");
        counters.counter("gapsFilled");
        counters.gauge("restRequests", rest::requests);
        counters.gauge("restFailures", rest::failures);
        counters.counter("restRows");
        counters.counter("pings");
        counters.counter("statusUp");
        counters.counter("venueErrors");
        counters.counter("ignoredMessages");
        counters.counter("quietMinutes");
        counters.counter("connectsDeferred");
        counters.counter("handovers");
        counters.counter("handoversAbandoned");
        counters.gauge(
                "bufferDropped",
                () -> codes.values().stream().mapToLong(s -> s.bufferDropped).sum());
        counters.gauge("streams", codes::size);
        counters.gauge("unknownSymbols", check::unknownCount);
        counters.gauge("symbolListLoads", () -> check.markets().loads());
        counters.gauge("symbolListFailures", () -> check.markets().failures());
    }

    /** Returns the feed's heartbeat state: starting, unknown, stopped, backing-off, connecting, recovering or live. */
    static String state(Snapshot s, Collection<CodeState> codes, CodeCheck check) {
        if (!s.started()) {
            return "starting";
        }
        if (!s.stopped() && codes.isEmpty() && check.unknownCount() > 0) {
            return StreamState.UNKNOWN.wireName();
        }
        if (s.stopped() || codes.isEmpty()) {
            return "stopped";
        }
        if (s.backingOff()) {
            return "backing-off";
        }
        if (!s.linkOpen()) {
            return "connecting";
        }
        return codes.stream().allMatch(c -> c.phase == CodeState.Phase.LIVE) ? "live" : "recovering";
    }

    /** Returns the status of every followed code, then of those the market-list check holds back. */
    static List<StreamStatus> streams(Snapshot s, Collection<CodeState> codes, CodeCheck check) {
        List<StreamStatus> out = new ArrayList<>(codes.size());
        for (CodeState cs : codes) {
            // Every message on the connection proves all its codes current, a quiet one included.
            long lastMessage = s.messages() > cs.messagesAtAdd ? s.lastHeard() : 0;
            out.add(new StreamStatus(
                    cs.instrument,
                    of(s, cs),
                    lastMessage,
                    cs.reconnects,
                    cs.gapsFilled,
                    cs.restFrom != CodeState.NONE ? 1 : 0,
                    s.restUsed(),
                    s.bannedUntil()));
        }
        out.addAll(check.statuses(s.restUsed()));
        return out;
    }

    private static StreamState of(Snapshot s, CodeState cs) {
        if (cs.phase == CodeState.Phase.LIVE) {
            return StreamState.LIVE;
        }
        if (s.backingOff() || cs.retryPending) {
            return StreamState.BACKING_OFF;
        }
        if (!s.linkOpen() || !s.linkHeard()) {
            return StreamState.CONNECTING;
        }
        return StreamState.RECOVERING;
    }
}
