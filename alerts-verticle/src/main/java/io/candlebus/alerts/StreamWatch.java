package io.candlebus.alerts;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows the health of every stream a feed reports in its heartbeat and raises an alert on each change:
 * healthy to stale or banned, stale to banned and back, and either back to healthy. Ages are measured in
 * the feed's own clock ({@code heartbeat.time - lastMessageTime}), so an accelerated simulator is compared
 * with itself. A stream that has had no message yet has no age and is not stale, as in readiness.
 */
final class StreamWatch {
    private enum Health {
        OK,
        STALE,
        BANNED
    }

    private final long staleMillis;
    /** Per node, per "component/instrument". */
    private final Map<String, Map<String, Health>> byNode = new HashMap<>();

    StreamWatch(long staleMillis) {
        this.staleMillis = staleMillis;
    }

    List<Alert> onHeartbeat(Heartbeat hb) {
        if (hb.streams().isEmpty()) {
            return List.of();
        }
        Map<String, Health> known = byNode.computeIfAbsent(hb.node(), n -> new HashMap<>());
        Set<String> reported = new HashSet<>();
        List<Alert> alerts = new ArrayList<>();
        for (StreamStatus s : hb.streams()) {
            String key = hb.component() + "/" + s.instrument().key();
            reported.add(key);
            Health now = health(hb, s);
            Health before = known.getOrDefault(key, Health.OK);
            known.put(key, now);
            if (now != before) {
                alerts.add(alert(hb, s, before, now));
            }
        }
        // A stream no longer reported was unsubscribed: forget it, so following it again starts afresh.
        String prefix = hb.component() + "/";
        known.keySet().removeIf(k -> k.startsWith(prefix) && !reported.contains(k));
        return alerts;
    }

    /** Forgets the streams of a node that left: its feeds are gone, not recovered. */
    void forgetNode(String node) {
        byNode.remove(node);
    }

    private Health health(Heartbeat hb, StreamStatus s) {
        if (s.state() == StreamState.BANNED || s.bannedUntil() > hb.time()) {
            return Health.BANNED;
        }
        if (s.lastMessageTime() > 0 && hb.time() - s.lastMessageTime() > staleMillis) {
            return Health.STALE;
        }
        return Health.OK;
    }

    private Alert alert(Heartbeat hb, StreamStatus s, Health before, Health now) {
        String where = "node " + hb.node() + ", " + hb.component() + ", state "
                + s.state().wireName();
        String age = s.lastMessageTime() == 0
                ? "no message yet"
                : "last message " + (hb.time() - s.lastMessageTime()) / 1000 + " s ago (feed clock)";
        return switch (now) {
            case STALE -> new Alert(
                    AlertKind.STREAM_STALE,
                    s.instrument().key(),
                    where + "\n" + age + ", threshold " + staleMillis / 1000 + " s\nreconnects " + s.reconnects()
                            + ", open gaps " + s.openGaps(),
                    null,
                    hb.time());
            case BANNED -> new Alert(
                    AlertKind.STREAM_BANNED,
                    s.instrument().key(),
                    where + "\n"
                            + (s.bannedUntil() > hb.time()
                                    ? "REST banned for another " + (s.bannedUntil() - hb.time()) / 1000 + " s"
                                    : "REST banned")
                            + "\n" + age,
                    null,
                    hb.time());
            case OK -> new Alert(
                    AlertKind.STREAM_RECOVERED,
                    s.instrument().key(),
                    where + "\nwas " + before.name().toLowerCase(java.util.Locale.ROOT) + ", " + age,
                    null,
                    hb.time());
        };
    }
}
