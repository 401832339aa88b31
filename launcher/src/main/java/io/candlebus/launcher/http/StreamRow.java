package io.candlebus.launcher.http;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** One followed stream as the newest heartbeat reporting it tells, rendered in full or as a compact row. */
record StreamRow(Heartbeat hb, StreamStatus status) {
    /** The columns of {@link #compact}, in order, as the summary names them. */
    static final List<String> COMPACT_FIELDS = List.of(
            "instrument",
            "state",
            "lastMessageAgeMillis",
            "stale",
            "reconnects",
            "gapsFilled",
            "openGaps",
            "bannedUntil");

    /** Returns the age of the stream's last message by its feed's clock, or null if it has had none. */
    Long age() {
        return StatusView.messageAge(hb, status);
    }

    /** Returns whether the last message is older than {@code staleStreamMillis}. */
    boolean stale(long staleStreamMillis) {
        Long age = age();
        return age != null && age > staleStreamMillis;
    }

    /** Renders every field, as {@code /status?detail=full} and {@code /status/{instrument}} show it. */
    JsonObject full(long staleStreamMillis) {
        return new JsonObject()
                .put("node", hb.node())
                .put("component", hb.component())
                .put("state", status.state().wireName())
                .put("lastMessageAgeMillis", age())
                .put("stale", stale(staleStreamMillis))
                .put("reconnects", status.reconnects())
                .put("gapsFilled", status.gapsFilled())
                .put("openGaps", status.openGaps())
                .put("restWeightUsed", status.restWeightUsed())
                .put("bannedUntil", isoOrNull(status.bannedUntil()));
    }

    /** Renders the {@link #COMPACT_FIELDS} as one array. */
    JsonArray compact(long staleStreamMillis) {
        return new JsonArray()
                .add(status.instrument().key())
                .add(status.state().wireName())
                .add(age())
                .add(stale(staleStreamMillis))
                .add(status.reconnects())
                .add(status.gapsFilled())
                .add(status.openGaps())
                .add(isoOrNull(status.bannedUntil()));
    }

    private static String isoOrNull(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis).toString();
    }
}
