package io.candlebus.launcher.http;

import io.candlebus.contract.RecorderPresence;
import io.candlebus.contract.RecorderRoster;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code recorders} part of {@code /status}, from the recorders' announcements: per live recorder its node,
 * how many streams it owns and, per stream, the open time of the newest candle it holds durably. The summary
 * lists the streams only while all recorders together own at most {@link #SUMMARY_STREAMS}; the full document
 * always does. Owned by the status server's event loop.
 */
final class RecorderOwnersView {
    /** Streams the summary lists one by one at most; past that it gives counts and points at the full document. */
    static final int SUMMARY_STREAMS = 20;

    private final RecorderRoster roster = new RecorderRoster(RecorderRoster.DEFAULT_EXPIRY_MILLIS);

    /** Takes an announcement heard at {@code now} (the status server's clock). */
    void onPresence(RecorderPresence presence, long now) {
        roster.onPresence(presence, now);
    }

    /** Renders the live recorders at {@code now}: every owned stream if {@code full}, else the compact form. */
    JsonObject json(boolean full, long now) {
        roster.expire(now);
        Map<String, RecorderPresence> live = new TreeMap<>(roster.presences());
        int streams = live.values().stream().mapToInt(p -> p.owned().size()).sum();
        boolean listed = full || streams <= SUMMARY_STREAMS;
        JsonArray rows = new JsonArray();
        live.forEach((id, p) -> {
            JsonObject row = new JsonObject()
                    .put("recorder", id)
                    .put("node", p.node())
                    .put("streams", p.owned().size());
            if (listed) {
                // Stream key -> open time (epoch ms) of its newest durable candle.
                row.put("lastDurableOpenTime", new JsonObject(new TreeMap<String, Object>(p.owned())));
            } else {
                row.put(
                        "oldestLastDurableOpenTime",
                        p.owned().values().stream()
                                .mapToLong(Long::longValue)
                                .min()
                                .orElse(0));
            }
            rows.add(row);
        });
        JsonObject json = new JsonObject()
                .put("count", live.size())
                .put("streams", streams)
                .put("rule", "rendezvous hash of (recorder, stream) over the live recorders")
                .put("recorders", rows);
        if (!listed) {
            json.put("streamsListedIn", "/status?detail=full");
        }
        return json;
    }
}
