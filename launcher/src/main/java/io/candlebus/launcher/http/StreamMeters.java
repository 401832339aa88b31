package io.candlebus.launcher.http;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports the status of every stream the market feeds report in their heartbeats as Prometheus meters
 * ({@code candlebus_stream_*{node,instrument}}), and removes the meters of a stream its feed no longer
 * reports, so that an unsubscribed instrument does not linger with its last values. Used on one event loop.
 */
final class StreamMeters {
    private final MeterRegistry registry;
    private final Map<String, Holder> byStream = new HashMap<>();
    private final Map<String, Set<String>> byComponent = new HashMap<>();

    StreamMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Updates the meters of the streams {@code hb} reports and drops those its component stopped reporting. */
    void onHeartbeat(Heartbeat hb) {
        Set<String> reported = new HashSet<>();
        for (StreamStatus s : hb.streams()) {
            String key = hb.node() + "|" + s.instrument().key();
            reported.add(key);
            byStream.computeIfAbsent(
                            key,
                            k -> new Holder(registry, hb.node(), s.instrument().key()))
                    .set(hb, s);
        }
        Set<String> before = byComponent.put(hb.node() + "/" + hb.component(), reported);
        if (before == null) {
            return;
        }
        for (String key : before) {
            if (!reported.contains(key) && byComponent.values().stream().noneMatch(keys -> keys.contains(key))) {
                Holder gone = byStream.remove(key);
                if (gone != null) {
                    gone.remove();
                }
            }
        }
    }

    /** The values one stream's meters read; Micrometer keeps only weak references, this map the strong ones. */
    private static final class Holder {
        private final MeterRegistry registry;
        private final List<Meter> meters = new ArrayList<>();
        private double ageSeconds = Double.NaN;
        private StreamState state;
        private long reconnects;
        private long gapsFilled;
        private long openGaps;
        private long restWeightUsed;
        private long bannedUntil;

        Holder(MeterRegistry registry, String node, String instrument) {
            this.registry = registry;
            Tags tags = Tags.of("node", node, "instrument", instrument);
            meters.add(Gauge.builder("candlebus_stream_age_seconds", this, h -> h.ageSeconds)
                    .description("age of the stream's last message by its feed's clock (NaN before the first)")
                    .tags(tags)
                    .register(registry));
            for (StreamState s : StreamState.values()) {
                meters.add(Gauge.builder("candlebus_stream_state", this, h -> h.state == s ? 1 : 0)
                        .description("1 for the state the stream is in, 0 for the others")
                        .tags(tags.and("state", s.wireName()))
                        .register(registry));
            }
            meters.add(FunctionCounter.builder("candlebus_stream_reconnects", this, h -> h.reconnects)
                    .description("connections of the stream replaced after a close, error, stall or cut")
                    .tags(tags)
                    .register(registry));
            meters.add(FunctionCounter.builder("candlebus_stream_gaps_filled", this, h -> h.gapsFilled)
                    .description("gaps of closed candles filled from REST")
                    .tags(tags)
                    .register(registry));
            meters.add(Gauge.builder("candlebus_stream_open_gaps", this, h -> h.openGaps)
                    .description("gaps detected and not yet filled")
                    .tags(tags)
                    .register(registry));
            meters.add(Gauge.builder("candlebus_stream_rest_weight_used", this, h -> h.restWeightUsed)
                    .description("the venue's last reported REST weight for the stream's market")
                    .tags(tags)
                    .register(registry));
            meters.add(Gauge.builder("candlebus_stream_banned_until_seconds", this, h -> h.bannedUntil / 1000.0)
                    .description("epoch seconds when the REST ban of the stream's market ends, 0 if not banned")
                    .tags(tags)
                    .register(registry));
        }

        void set(Heartbeat hb, StreamStatus s) {
            Long age = StatusView.messageAge(hb, s);
            ageSeconds = age == null ? Double.NaN : age / 1000.0;
            state = s.state();
            reconnects = s.reconnects();
            gapsFilled = s.gapsFilled();
            openGaps = s.openGaps();
            restWeightUsed = s.restWeightUsed();
            bannedUntil = s.bannedUntil();
        }

        void remove() {
            meters.forEach(registry::remove);
        }
    }
}
