package io.candlebus.alerts;

import io.candlebus.contract.Heartbeat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows recording from both ends and raises an alert on each change of condition. A recorder's heartbeat
 * ({@code recorder}) shows it failing (state {@code recovering} or its {@code failures} counter rising) or
 * behind (its {@code refused} counter rising: buffer full while a write runs, or {@code buffered} at the
 * backlog bound). A market's candle shard heartbeat ({@code market.aggregator.<shard>}) shows recording behind when its
 * outbox holds {@code recorderPending} candles at the bound or {@code recorderDropped} rises: that also
 * catches a recorder that is gone altogether and so sends no heartbeat of its own.
 */
final class RecorderWatch {
    static final String RECORDER = "recorder";
    static final String AGGREGATOR = "market.aggregator";

    /** A candle shard ({@code market.aggregator.<shard>}), or the single aggregator of earlier versions. */
    static boolean isAggregator(String component) {
        return component.equals(AGGREGATOR) || component.startsWith(AGGREGATOR + ".");
    }

    private enum Condition {
        OK,
        BEHIND,
        FAILING
    }

    private record Seen(Condition condition, Map<String, Long> counters) {}

    private final long backlogCandles;
    private final Map<String, Seen> seen = new HashMap<>();

    RecorderWatch(long backlogCandles) {
        this.backlogCandles = backlogCandles;
    }

    List<Alert> onHeartbeat(Heartbeat hb) {
        boolean recorder = hb.component().equals(RECORDER);
        if (!recorder && !isAggregator(hb.component())) {
            return List.of();
        }
        String subject = hb.node() + "/" + hb.component();
        Seen before = seen.get(subject);
        Map<String, Long> previous = before == null ? hb.counters() : before.counters();
        Condition was = before == null ? Condition.OK : before.condition();
        Condition now;
        String why;
        if (recorder) {
            long failures = rise(hb, previous, "failures");
            long refused = rise(hb, previous, "refused");
            long buffered = hb.counters().getOrDefault("buffered", 0L);
            if (hb.state().equals("recovering") || failures > 0) {
                now = Condition.FAILING;
                why = "state " + hb.state() + ", " + failures + " new write failure(s), "
                        + hb.counters().getOrDefault("failures", 0L) + " in all";
            } else if (refused > 0 || buffered >= backlogCandles) {
                now = Condition.BEHIND;
                why = buffered + " candles buffered (bound " + backlogCandles + "), " + refused
                        + " refused since the last heartbeat";
            } else {
                now = Condition.OK;
                why = "state " + hb.state() + ", " + buffered + " candles buffered";
            }
        } else {
            long pending = hb.counters().getOrDefault("recorderPending", 0L);
            long dropped = rise(hb, previous, "recorderDropped");
            now = pending >= backlogCandles || dropped > 0 ? Condition.BEHIND : Condition.OK;
            why = pending + " candles waiting for a recorder (bound " + backlogCandles + "), " + dropped
                    + " dropped since the last heartbeat, " + hb.counters().getOrDefault("recorderRetries", 0L)
                    + " retries in all";
        }
        seen.put(subject, new Seen(now, hb.counters()));
        if (now == was) {
            return List.of();
        }
        AlertKind kind =
                switch (now) {
                    case FAILING -> AlertKind.RECORDER_FAILING;
                    case BEHIND -> AlertKind.RECORDER_BEHIND;
                    case OK -> AlertKind.RECORDER_RECOVERED;
                };
        String detail = now == Condition.OK ? "was " + was.name().toLowerCase(Locale.ROOT) + "; " + why : why;
        return List.of(new Alert(kind, subject, detail, null, hb.time()));
    }

    /** Forgets a node that left. */
    void forgetNode(String node) {
        seen.keySet().removeIf(k -> k.startsWith(node + "/"));
    }

    private static long rise(Heartbeat hb, Map<String, Long> previous, String counter) {
        // A restarted component starts from zero again: a drop is a reset, not a negative rise.
        return Math.max(0, hb.counters().getOrDefault(counter, 0L) - previous.getOrDefault(counter, 0L));
    }
}
