package io.candlebus.market.binance;

import io.candlebus.contract.StreamState;

/** The per-stream state a Binance feed reports, and how states rank for the feed's own state. */
final class StreamStates {
    private StreamStates() {}

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
