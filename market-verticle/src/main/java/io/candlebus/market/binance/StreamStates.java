package io.candlebus.market.binance;

import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The per-stream state and status a Binance feed reports, and its own state: the worst of its streams'.
 */
final class StreamStates {
    private StreamStates() {}

    /** Returns the feed's heartbeat state: starting, stopped, or the worst state of its streams. */
    static String feedState(
            boolean started, boolean stopped, Collection<KlineStream> streams, RestGate gate, Clock clock) {
        if (!started) {
            return "starting";
        }
        if (stopped || streams.isEmpty()) {
            return "stopped";
        }
        long now = clock.millis();
        StreamState worst = StreamState.UNKNOWN;
        for (KlineStream s : streams) {
            StreamState state = of(s, gate, now);
            if (severity(state) > severity(worst)) {
                worst = state;
            }
        }
        return worst.wireName();
    }

    /** Returns the status of every stream. */
    static List<StreamStatus> statuses(Collection<KlineStream> streams, RestGate gate, long now) {
        List<StreamStatus> out = new ArrayList<>();
        for (KlineStream s : streams) {
            out.add(new StreamStatus(
                    s.instrument,
                    of(s, gate, now),
                    s.lastMessageTime,
                    s.reconnects,
                    s.gapsFilled,
                    s.filling && s.fillingGap && !s.confirming ? 1 : 0,
                    gate.lastReported(),
                    gate.bannedUntil(now)));
        }
        return out;
    }

    /** Returns where {@code s} stands, judged by its connection and its market's REST gate. */
    static StreamState of(KlineStream s, RestGate gate, long now) {
        if (s.unknown) {
            return StreamState.UNKNOWN;
        }
        if (s.checking) {
            return StreamState.CONNECTING;
        }
        BinanceConnection c = s.connection;
        if (s.filling && gate.isBanned(now)) {
            return StreamState.BANNED;
        }
        if (s.filling && gate.isPaused(now)) {
            return StreamState.BACKING_OFF;
        }
        if (c == null || c.backingOff) {
            return StreamState.BACKING_OFF;
        }
        if (!c.isOpen() || (s.lastMessageTime == 0 && s.coveredUntil == KlineStream.NONE)) {
            // Connecting, or subscribed and waiting for its first kline: a stream that never delivered is
            // not live (an unchecked misspelt symbol stays here until the symbol list names it unknown).
            return StreamState.CONNECTING;
        }
        return s.filling && !s.confirming ? StreamState.RECOVERING : StreamState.LIVE;
    }

    /** Ranks states for the feed's own state; an unknown symbol says nothing about the others. */
    static int severity(StreamState state) {
        return switch (state) {
            case UNKNOWN -> -1;
            case LIVE -> 0;
            case RECOVERING -> 1;
            case CONNECTING -> 2;
            case BACKING_OFF -> 3;
            case BANNED -> 4;
        };
    }
}
