package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.market.Backoff;
import java.util.ArrayDeque;

/**
 * The Binance feed's state for one instrument: how far closed 1m klines have been published, and the
 * websocket klines held back while REST fills the history before them.
 */
final class KlineStream {
    static final long NONE = Long.MIN_VALUE;
    /** Open klines held while filling: only the newest matters, older ones are superseded. */
    private static final int MAX_BUFFER = 100_000;

    final Instrument instrument;
    final String streamName;
    final Backoff restBackoff;
    /** Every closed 1m kline that opens before this time was published (or REST had no row for it). */
    long coveredUntil = NONE;
    /** A REST fetch is running; websocket klines are buffered until it ends. */
    boolean filling;
    /** Identifies the current fetch; a late answer to an abandoned one is ignored. */
    long fillToken;

    boolean removed;
    /** The connection that carries this stream (the old one until a rotation switches). */
    BinanceConnection connection;
    /** Clock time of the last kline received for this stream, 0 if none. */
    long lastMessageTime;
    /** Real time ({@link System#nanoTime()}) of the same, 0 if none. */
    long lastMessageNanos;
    /** Open time of the newest kline the websocket delivered for this stream, NONE if none. */
    long lastKlineOpen = NONE;
    /** Clock and real time the stream was put on a connection. */
    long placedAt;

    long placedNanos;
    /** Waiting for the venue's symbol list before it is placed on a connection. */
    boolean checking;
    /** The venue does not list the symbol, or refused its stream: not subscribed. */
    boolean unknown;
    /** The running fill only confirms the closed minutes of a silent stream (no gap was seen). */
    boolean confirming;
    /** Times the connection carrying this stream was replaced after a loss. */
    long reconnects;
    /** Gaps of closed klines filled from REST (warm-up not counted). */
    long gapsFilled;
    /** The running fill is a gap fill, not the warm-up. */
    boolean fillingGap;

    final ArrayDeque<Candle> buffer = new ArrayDeque<>();
    long dropped;

    KlineStream(Instrument instrument, Backoff restBackoff) {
        this.instrument = instrument;
        this.streamName = instrument.symbol().toLowerCase(java.util.Locale.ROOT) + "@kline_1m";
        this.restBackoff = restBackoff;
    }

    void hold(Candle kline) {
        Candle last = buffer.peekLast();
        if (!kline.closed() && last != null && !last.closed() && last.openTime() == kline.openTime()) {
            buffer.pollLast();
        }
        if (buffer.size() >= MAX_BUFFER) {
            buffer.pollFirst();
            dropped++;
        }
        buffer.addLast(kline);
    }
}
