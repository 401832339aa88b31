package io.candlebus.market.venue;

import io.candlebus.market.FeedConnection;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;

/**
 * One websocket of a {@link TradeStreamFeed} with what the feed knows about it: whether it delivered a
 * message and answered a {@code PING} since it opened, and when it was last pinged. A handover swaps the
 * published link for its replacement whole, so this state travels with the connection.
 */
final class TradeLink {
    final FeedConnection connection;
    /** Whether a message came since the socket opened. */
    boolean heard;
    /** Whether the socket answered a {@code PING}: only then can silence mean a quiet market. */
    boolean answered;

    private long pingClock;
    private long pingNanos;

    TradeLink(WebSocketClient client, Clock clock, FeedConnection.Listener listener, long maxMessageBytes) {
        this.connection = new FeedConnection(client, clock, listener, maxMessageBytes);
    }

    /** Starts a fresh socket's state: nothing heard or answered, the ping clock starting at {@code now}. */
    void opened(long now) {
        heard = false;
        answered = false;
        pingClock = now;
        pingNanos = System.nanoTime();
    }

    /**
     * Sends the text {@code PING} once {@code pingMillis} passed in clock or in real time, whichever comes
     * first (the venue closes a connection idle for 120 s of real time); returns whether one went out.
     */
    boolean keepAlive(long now, long pingMillis) {
        ClientWebSocket ws = connection.socket();
        if (ws == null) {
            return false;
        }
        long nanos = System.nanoTime();
        if (now - pingClock < pingMillis && nanos - pingNanos < pingMillis * 1_000_000L) {
            return false;
        }
        pingClock = now;
        pingNanos = nanos;
        ws.writeTextMessage("PING");
        return true;
    }

    /** Sends a subscription request on the open socket. */
    void send(String request) {
        ClientWebSocket ws = connection.socket();
        if (ws != null) {
            ws.writeTextMessage(request);
        }
    }

    boolean isOpen() {
        return connection.isOpen();
    }
}
