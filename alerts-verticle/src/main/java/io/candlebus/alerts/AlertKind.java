package io.candlebus.alerts;

import java.util.Locale;

/**
 * What an alert is about. Throttling and de-duplication work per kind and subject, so a stream going
 * stale and the same stream recovering are separate kinds and never suppress each other.
 */
public enum AlertKind {
    /** A trading signal raised at a closed candle (not one replayed from warm-up history). */
    SIGNAL,
    /** An order accepted by the broker. */
    ORDER_PLACED,
    /** An order filled. */
    ORDER_FILLED,
    /** An order refused by the risk limits or the broker. */
    ORDER_REJECTED,
    /** A stream's last message is older than the threshold (by its feed's clock). */
    STREAM_STALE,
    /** The venue banned the stream's market (HTTP 418): no REST until the ban ends. */
    STREAM_BANNED,
    /** A stale or banned stream is current again. */
    STREAM_RECOVERED,
    /** A recorder failed to write candles. */
    RECORDER_FAILING,
    /** Candles wait for recording beyond the backlog bound, or a recorder refuses or an outbox drops them. */
    RECORDER_BEHIND,
    /** A failing or lagging recorder is keeping up again. */
    RECORDER_RECOVERED,
    /** The order kill switch was tripped (or a node started with it tripped): no order is placed. */
    KILL_SWITCH_TRIPPED,
    /** The order kill switch was cleared: orders flow again. */
    KILL_SWITCH_CLEARED,
    /** A node's heartbeats appeared. */
    NODE_JOINED,
    /** A node's heartbeats stopped for longer than the silence bound. */
    NODE_LEFT;

    /** The lower-case, hyphenated name used in webhook bodies, e.g. {@code stream-stale}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The heading of a message, e.g. {@code STREAM STALE}. */
    public String title() {
        return name().replace('_', ' ');
    }
}
