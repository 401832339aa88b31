package io.candlebus.launcher.http;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Renders {@code GET /health/ready} from the latest heartbeats. The node is not ready while any of these holds,
 * and each is listed by name in the body:
 *
 * <ul>
 *   <li>a component present in the cluster has sent no heartbeat for over {@link
 *       ReadinessLimits#STALE_AFTER_MILLIS} ({@code staleHeartbeats});
 *   <li>a stream's last message is older than {@code staleStreamMillis} by its feed's clock ({@code
 *       staleStreams});
 *   <li>a followed stream has delivered nothing yet: within the start-up grace it is listed in {@code
 *       awaitingFirstData}, after it in {@code neverDelivered};
 *   <li>a recorder cannot write: its state is {@code failing} ({@code failingRecorders});
 *   <li>a market node holds more closed candles unacknowledged by any recorder than allowed ({@code
 *       recorderBacklog});
 *   <li>no component of a name seen before is left ({@code missingRoles}), e.g. the only recorder is gone.
 * </ul>
 *
 * A component whose node left the cluster (per Hazelcast membership) or that has been silent for over {@code
 * goneAfterMillis} is gone: it is listed in {@code goneComponents} and judged
 * only by the missing-role rule, so a cluster is judged by the members that are there now. Banned streams are
 * listed but do not make the node not ready: a ban stops REST requests only, and a stream whose websocket goes
 * quiet meanwhile becomes stale. Streams the venue does not list (state {@code unknown}: a misspelt or
 * delisted symbol, never subscribed) are listed in {@code unknownStreams} and do not make the node not ready
 * either: they carry no data to be current, and one bad symbol must not take the good streams out of service.
 */
final class ReadinessCheck {
    private final ReadinessLimits limits;

    ReadinessCheck(ReadinessLimits limits) {
        this.limits = limits;
    }

    /**
     * Judges the heartbeats at {@code now}; {@code firstSeen} holds when each stream ({@link #streamKey}) was
     * first reported, {@code rolesSeen} every component name ever reported, {@code left} which components'
     * nodes left the cluster.
     */
    JsonObject evaluate(
            Collection<SeenHeartbeat> all,
            Map<String, Long> firstSeen,
            Set<String> rolesSeen,
            Predicate<SeenHeartbeat> left,
            long now) {
        List<SeenHeartbeat> present = new ArrayList<>();
        JsonArray gone = new JsonArray();
        for (SeenHeartbeat seen : all) {
            boolean leftCluster = left.test(seen);
            if (leftCluster || seen.silentMillis(now) > limits.goneAfterMillis()) {
                gone.add(new JsonObject()
                        .put("node", seen.hb().node())
                        .put("component", seen.hb().component())
                        .put("silentMillis", seen.silentMillis(now))
                        .put("leftCluster", leftCluster));
            } else {
                present.add(seen);
            }
        }
        List<String> reasons = new ArrayList<>();

        List<String> heartbeatsStale = new ArrayList<>();
        present.stream()
                .filter(s -> s.silentMillis(now) > ReadinessLimits.STALE_AFTER_MILLIS)
                .forEach(s -> heartbeatsStale.add(s.key()));
        if (!heartbeatsStale.isEmpty()) {
            reasons.add("no heartbeat for over " + ReadinessLimits.STALE_AFTER_MILLIS + " ms from " + heartbeatsStale);
        }

        List<StaleStream> streamsStale = staleStreams(present, limits.staleStreamMillis());
        if (!streamsStale.isEmpty()) {
            reasons.add("no market data for over " + limits.staleStreamMillis() + " ms on " + streamsStale);
        }

        JsonArray awaiting = new JsonArray();
        JsonArray never = new JsonArray();
        List<String> awaitingNames = new ArrayList<>();
        List<String> neverNames = new ArrayList<>();
        for (SeenHeartbeat seen : present) {
            Heartbeat hb = seen.hb();
            for (String instrument : undelivered(hb)) {
                long waiting = now - firstSeen.getOrDefault(streamKey(hb, instrument), now);
                boolean pastGrace = waiting > limits.startupGraceMillis();
                (pastGrace ? never : awaiting)
                        .add(new JsonObject()
                                .put("node", hb.node())
                                .put("component", hb.component())
                                .put("instrument", instrument)
                                .put("waitingMillis", waiting));
                (pastGrace ? neverNames : awaitingNames)
                        .add(instrument == null ? seen.key() : hb.node() + "/" + instrument);
            }
        }
        if (!neverNames.isEmpty()) {
            reasons.add("no data ever within the start-up grace of " + limits.startupGraceMillis() + " ms on "
                    + neverNames);
        }
        if (!awaitingNames.isEmpty()) {
            reasons.add("waiting for the first data on " + awaitingNames);
        }

        JsonArray failing = new JsonArray();
        List<String> failingNames = new ArrayList<>();
        JsonArray backlog = new JsonArray();
        List<String> backlogNames = new ArrayList<>();
        for (SeenHeartbeat seen : present) {
            Heartbeat hb = seen.hb();
            if (hb.component().equals("recorder") && hb.state().equals("failing")) {
                long writes = hb.counters().getOrDefault("failingWrites", 0L);
                failing.add(new JsonObject()
                        .put("node", hb.node())
                        .put("component", hb.component())
                        .put("failingWrites", writes));
                failingNames.add(seen.key() + " (" + writes + " failed writes in a row)");
            }
            long pending = hb.counters().getOrDefault("recorderPending", 0L);
            if (pending > limits.maxUnacknowledgedCandles()) {
                backlog.add(new JsonObject()
                        .put("node", hb.node())
                        .put("component", hb.component())
                        .put("unacknowledged", pending));
                backlogNames.add(seen.key() + " (" + pending + ")");
            }
        }
        if (!failingNames.isEmpty()) {
            reasons.add("a recorder cannot write: " + failingNames);
        }
        if (!backlogNames.isEmpty()) {
            reasons.add("more than " + limits.maxUnacknowledgedCandles()
                    + " closed candles unacknowledged by a recorder on " + backlogNames);
        }

        Set<String> missing = new TreeSet<>(rolesSeen);
        present.forEach(s -> missing.remove(s.hb().component()));
        if (!missing.isEmpty()) {
            reasons.add("no component left of " + missing + " (every one is gone)");
        }

        JsonArray staleJson = new JsonArray();
        streamsStale.forEach(s -> staleJson.add(s.toJson()));
        return new JsonObject()
                .put("status", reasons.isEmpty() ? "UP" : "DOWN")
                .put(
                        "reason",
                        reasons.isEmpty()
                                ? "all components reported recently with fresh data"
                                : String.join("; ", reasons))
                .put("staleStreamMillis", limits.staleStreamMillis())
                .put("startupGraceMillis", limits.startupGraceMillis())
                .put("maxUnacknowledgedCandles", limits.maxUnacknowledgedCandles())
                .put("goneAfterMillis", limits.goneAfterMillis())
                .put("staleHeartbeats", new JsonArray(heartbeatsStale))
                .put("staleStreams", staleJson)
                .put("awaitingFirstData", awaiting)
                .put("neverDelivered", never)
                .put("failingRecorders", failing)
                .put("recorderBacklog", backlog)
                .put("goneComponents", gone)
                .put("missingRoles", new JsonArray(new ArrayList<>(missing)))
                .put("bannedStreams", banned(present))
                .put("unknownStreams", unknown(present));
    }

    /** Returns the key {@code firstSeen} uses for a stream ({@code instrument} null: the whole component). */
    static String streamKey(Heartbeat hb, String instrument) {
        return hb.node() + "/" + hb.component() + "/" + (instrument == null ? "" : instrument);
    }

    /**
     * Returns the followed streams of {@code hb} that have delivered nothing yet, by instrument key; a market
     * component that follows streams without reporting them one by one and has handled no event yet is
     * returned as one null entry.
     */
    static List<String> undelivered(Heartbeat hb) {
        List<String> out = new ArrayList<>();
        if (hb.streams().isEmpty()) {
            boolean following = hb.counters().getOrDefault("streams", 0L) > 0;
            if (hb.component().startsWith("market.") && following && hb.lastEventTime() <= 0) {
                out.add(null);
            }
            return out;
        }
        for (StreamStatus s : hb.streams()) {
            if (s.lastMessageTime() == 0 && s.state() != StreamState.UNKNOWN) {
                out.add(s.instrument().key());
            }
        }
        return out;
    }

    /**
     * Returns the streams whose last message is older than {@code threshold}, by their feed's clock (so an
     * accelerated simulator clock is compared with itself). A stream that has had no message yet has no age:
     * it is judged by {@link #undelivered} instead. A market component that follows streams without reporting
     * them one by one is judged by the age of its last event.
     */
    static List<StaleStream> staleStreams(Collection<SeenHeartbeat> heartbeats, long threshold) {
        List<StaleStream> stale = new ArrayList<>();
        for (SeenHeartbeat seen : heartbeats) {
            Heartbeat hb = seen.hb();
            if (hb.streams().isEmpty()) {
                long age = StatusView.dataAge(hb);
                if (age > threshold) {
                    stale.add(new StaleStream(hb.node(), hb.component(), null, age));
                }
                continue;
            }
            for (StreamStatus s : hb.streams()) {
                Long age = StatusView.messageAge(hb, s);
                if (age != null && age > threshold) {
                    stale.add(new StaleStream(
                            hb.node(), hb.component(), s.instrument().key(), age));
                }
            }
        }
        return stale;
    }

    private static JsonArray unknown(Collection<SeenHeartbeat> heartbeats) {
        JsonArray unknown = new JsonArray();
        for (SeenHeartbeat seen : heartbeats) {
            for (StreamStatus s : seen.hb().streams()) {
                if (s.state() == StreamState.UNKNOWN) {
                    unknown.add(new JsonObject()
                            .put("node", seen.hb().node())
                            .put("component", seen.hb().component())
                            .put("instrument", s.instrument().key()));
                }
            }
        }
        return unknown;
    }

    private static JsonArray banned(Collection<SeenHeartbeat> heartbeats) {
        JsonArray banned = new JsonArray();
        for (SeenHeartbeat seen : heartbeats) {
            for (StreamStatus s : seen.hb().streams()) {
                if (s.state() == StreamState.BANNED) {
                    banned.add(new JsonObject()
                            .put("instrument", s.instrument().key())
                            .put(
                                    "bannedUntil",
                                    s.bannedUntil() == 0
                                            ? null
                                            : Instant.ofEpochMilli(s.bannedUntil())
                                                    .toString()));
                }
            }
        }
        return banned;
    }
}
