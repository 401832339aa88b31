package io.candlebus.market;

import io.vertx.core.Future;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Owns one venue websocket's lifecycle: connects, hands every text or binary message to its
 * {@link Listener}, reports a loss exactly once (close, error, refused handshake with its Retry-After),
 * and ignores everything a superseded socket still delivers. It remembers when the link was last heard
 * (any frame: a message, a server ping, a pong to our ping) and when a message last came, so the feed
 * can judge liveness by the link and freshness per stream.
 *
 * <p>A binary message larger than the optional {@code maxMessageBytes} is copied only as far as a log
 * preview needs: the listener counts it as oversized by its byte size and drops it anyway.
 */
public final class FeedConnection {
    /** What the connection reports to its owner, on the owner's event loop. */
    public interface Listener {
        /** The handshake succeeded; {@link #socket()} is usable. */
        void onOpen();

        /**
         * A text or binary message as UTF-8 bytes, {@code bytes} long on the wire ({@code utf8} is only a
         * preview of an oversized binary message). Bytes, not text: the parsers read the frame's bytes.
         */
        void onMessage(byte[] utf8, long bytes);

        /** The connection is gone; {@code retryAfterMillis} is a refused handshake's Retry-After, or 0. */
        void onLost(String reason, long retryAfterMillis);
    }

    /** How much of an oversized binary message is decoded for the log. */
    private static final int PREVIEW_BYTES = 512;

    private final WebSocketClient client;
    private final Clock clock;
    private final Listener listener;
    private final long maxMessageBytes;
    private ClientWebSocket socket;
    private boolean connecting;
    /** Identifies the current socket; handlers of an older one see a different value and do nothing. */
    private long generation;

    private long connectedAt;
    private long lastHeard = Long.MIN_VALUE;
    private long lastHeardNanos;
    private long lastData = Long.MIN_VALUE;
    private long serverPings;
    /** {@link #dataSince()} as it was before the message being delivered. */
    private long dataBefore = Long.MIN_VALUE;

    public FeedConnection(WebSocketClient client, Clock clock, Listener listener) {
        this(client, clock, listener, Long.MAX_VALUE);
    }

    /** A connection that decodes binary messages over {@code maxMessageBytes} only for a log preview. */
    public FeedConnection(WebSocketClient client, Clock clock, Listener listener, long maxMessageBytes) {
        this.client = client;
        this.clock = clock;
        this.listener = listener;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Opens {@code url}; a previous socket of this connection, if any, is superseded. */
    public void connect(String url) {
        long gen = ++generation;
        connecting = true;
        ClientWebSocket ws = client.webSocket();
        ws.textMessageHandler(text -> {
            if (gen == generation) {
                heard(true);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                listener.onMessage(utf8, utf8.length);
            }
        });
        ws.binaryMessageHandler(buffer -> {
            if (gen == generation) {
                heard(true);
                int bytes = buffer.length();
                listener.onMessage(
                        bytes > maxMessageBytes
                                ? buffer.getBytes(0, Math.min(bytes, PREVIEW_BYTES))
                                : buffer.getBytes(),
                        bytes);
            }
        });
        ws.pongHandler(buffer -> {
            if (gen == generation) {
                heard(false);
            }
        });
        // Vert.x answers the venue's pings by itself; the frame handler still sees them, and a server ping
        // proves the link alive as much as a message does.
        ws.frameHandler(frame -> {
            if (gen == generation && frame.isPing()) {
                serverPings++;
                heard(false);
            }
        });
        ws.closeHandler(v -> {
            if (gen == generation) {
                lost("closed by the server (" + ws.closeStatusCode() + " " + ws.closeReason() + ")", 0);
            }
        });
        ws.exceptionHandler(e -> {
            if (gen == generation) {
                ws.close();
                lost("error " + e, 0);
            }
        });
        ws.connect(WsTarget.options(url)).onComplete(ar -> {
            if (gen != generation) {
                if (ar.succeeded()) {
                    ws.close();
                }
                return;
            }
            connecting = false;
            if (ar.failed()) {
                lost("connect failed: " + ar.cause().getMessage(), retryAfter(ar.cause()));
                return;
            }
            socket = ws;
            connectedAt = clock.millis();
            lastHeardNanos = System.nanoTime();
            listener.onOpen();
        });
    }

    /**
     * Closes the connection because it is no longer needed: no report follows. The future completes when
     * the socket has closed (or failed to), at once if there was none.
     */
    public Future<Void> retire() {
        generation++;
        connecting = false;
        ClientWebSocket ws = socket;
        socket = null;
        return ws == null ? Future.succeededFuture() : ws.close().recover(e -> Future.succeededFuture());
    }

    /** Closes the connection as lost (a stall, a venue's shutdown notice): the report follows at once. */
    public void drop(String reason) {
        ClientWebSocket ws = socket;
        lost(reason, 0);
        if (ws != null) {
            ws.close();
        }
    }

    /** Returns the open socket, null while not connected. */
    public ClientWebSocket socket() {
        return socket;
    }

    public boolean isOpen() {
        return socket != null;
    }

    public boolean isConnecting() {
        return connecting;
    }

    /** Returns the clock time the current socket opened. */
    public long connectedAt() {
        return connectedAt;
    }

    /** Returns the venue's ping frames received on this connection (all sockets). */
    public long serverPings() {
        return serverPings;
    }

    /**
     * Handles {@code utf8} as this connection's frame handler handles a text or binary message of its open socket:
     * the link is heard, then the listener gets it. The bench enters here; nothing in a node calls it.
     */
    public void deliver(byte[] utf8) {
        if (socket != null) {
            heard(true);
            listener.onMessage(utf8, utf8.length);
        }
    }

    /** Returns the clock time the link was last known alive: opened, a message, a server ping or a pong. */
    public long aliveSince() {
        return Math.max(connectedAt, lastHeard);
    }

    /** Returns the real time ({@link System#nanoTime()}) the link was last known alive. */
    public long aliveSinceNanos() {
        return lastHeardNanos;
    }

    /**
     * Returns the clock time of the last message (or the opening), pings and pongs not counted: a venue's
     * websocket layer answers pings even while its streams deliver nothing.
     */
    public long dataSince() {
        return Math.max(connectedAt, lastData);
    }

    /**
     * Returns {@link #dataSince()} as it was before the message being delivered: a listener compares it with
     * the message's arrival to notice a silence no stall check saw (the process was paused).
     */
    public long dataBefore() {
        return dataBefore;
    }

    private void heard(boolean data) {
        lastHeard = clock.millis();
        lastHeardNanos = System.nanoTime();
        if (data) {
            dataBefore = dataSince();
            lastData = lastHeard;
        }
    }

    private void lost(String reason, long retryAfterMillis) {
        generation++;
        socket = null;
        connecting = false;
        listener.onLost(reason, retryAfterMillis);
    }

    /** Returns a refused handshake's Retry-After (seconds in the venue's time) in milliseconds, or 0. */
    static long retryAfter(Throwable cause) {
        if (cause instanceof UpgradeRejectedException rejected && rejected.getHeaders() != null) {
            String header = rejected.getHeaders().get("Retry-After");
            if (header != null) {
                try {
                    return Math.max(0, Long.parseLong(header.trim()) * 1_000L);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
