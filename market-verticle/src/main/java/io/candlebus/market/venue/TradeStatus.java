package io.candlebus.market.venue;

import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The heartbeat state and per-stream status of a {@link TradeStreamFeed}, from what it knows now. */
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
