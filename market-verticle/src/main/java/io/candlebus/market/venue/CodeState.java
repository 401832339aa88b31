package io.candlebus.market.venue;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;
import io.candlebus.market.Backoff;
import java.util.ArrayDeque;

/** The Bithumb feed's state for one market code: where its seam is, held trades, trade ids seen. */
final class CodeState {
    static final long NONE = Long.MIN_VALUE;
    private static final long REMEMBER_MILLIS = 15 * 60_000L;
    private static final int MAX_REMEMBERED = 500_000;
    private static final int MAX_BUFFER = 2_000_000;

    enum Phase {
        /** No live trade yet on this connection: nothing published live. */
        WAITING,
        /** Seam minute known; trades after it are held until REST has published everything up to it. */
        SEAM,
        /** History joined: trades go straight out. */
        LIVE
    }

    final Instrument instrument;
    final Backoff restBackoff;
    Phase phase = Phase.WAITING;
    /** The seam: the last minute taken from REST (the first live trade's minute, whose start we missed). */
    long seam = NONE;
    /** The first minute the live stream covers on this connection. */
    long liveFrom = NONE;
    /** First minute REST must cover at the next seam; NONE means a fresh warm-up. */
    long restFrom = NONE;
    /** Warm-up history published before the seam minute ended: REST continues from here. */
    long historyUntil = NONE;
    /** Whether the warm-up history was requested (once per code). */
    boolean warmupRequested;
    /** Clock time since which the code has been waiting for its first live trade. */
    long waitingSince;

    boolean fetching;
    long fetchToken;
    /** Clock time at which the seam minute is surely complete on the venue. */
    long fetchAt = NONE;

    long lastTradeMinute = NONE;
    boolean removed;
    /** A failed REST fetch waits for its retry. */
    boolean retryPending;
    /** The feed's message count when the code was added: later messages came on a connection carrying it. */
    long messagesAtAdd;
    /** Connections carrying the code replaced after a close, error or stall. */
    long reconnects;
    /** Gaps after a reconnect filled from REST. */
    long gapsFilled;

    /**
     * Whether the running connection subscribed the code: false from an add on a running connection until
     * the connection that carries it (a handover's replacement or a reconnect) takes over.
     */
    boolean onLink = true;

    long bufferDropped;
    final ArrayDeque<Trade> buffer = new ArrayDeque<>();
    private final TradeIdWindow seen = new TradeIdWindow(REMEMBER_MILLIS, MAX_REMEMBERED);

    CodeState(Instrument instrument, Backoff restBackoff) {
        this.instrument = instrument;
        this.restBackoff = restBackoff;
    }

    /** Remembers a trade id; returns false if it was seen before (a repeat). */
    boolean firstSighting(Trade trade) {
        return seen.firstSighting(trade.tradeId(), trade.tradeTime());
    }

    /** Returns whether the trade id was seen (and not yet forgotten). */
    boolean knows(long tradeId) {
        return seen.knows(tradeId);
    }

    void hold(Trade trade) {
        if (buffer.size() >= MAX_BUFFER) {
            buffer.pollFirst();
            bufferDropped++;
        }
        buffer.addLast(trade);
    }
}
