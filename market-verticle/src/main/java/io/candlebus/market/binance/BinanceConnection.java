package io.candlebus.market.binance;

import io.candlebus.market.Backoff;
import io.candlebus.market.FeedConnection;
import io.candlebus.market.SlidingWindowLimiter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Binance combined-stream websocket: the streams it should carry, the SUBSCRIBE / UNSUBSCRIBE
 * requests that bring the venue there, and keepalive pings, every outgoing message kept within the
 * venue's per-connection message rate. The socket's lifecycle is a {@link FeedConnection}; what arrives
 * goes to the {@link Listener}, and a lost connection stays down until {@link #connect} is called again.
 *
 * <p>A SUBSCRIBE the venue refuses names its streams by request id only: the {@link SubscribeLedger}
 * finds the culprit, and suspects are subscribed one per request and kept out of the next socket's URL.
 */
final class BinanceConnection implements FeedConnection.Listener {
    /** What the connection reports to its feed. */
    interface Listener {
        void onOpen(BinanceConnection connection);

        /** A text (or binary) message as UTF-8 bytes, {@code bytes} long on the wire. */
        void onMessage(BinanceConnection connection, byte[] utf8, long bytes);

        /** The connection is gone; {@code retryAfterMillis} is a venue's Retry-After on the handshake, or 0. */
        void onLost(BinanceConnection connection, String reason, long retryAfterMillis);
    }

    private static final long SECOND = 1_000L;

    final long id;
    /** Streams this connection should carry; the venue is brought there by (UN)SUBSCRIBE. */
    final Set<String> wanted = new TreeSet<>();
    /** The old connection this one replaces (make-before-break), null if none. */
    BinanceConnection replacing;
    /** The connection replacing this one, null if none. */
    BinanceConnection replacedBy;
    /** Streams of which this replacement has delivered a closed kline. */
    final Set<String> closedSeen = new HashSet<>();
    /** Clock time the rotation to this connection began. */
    long rotationStartedAt;
    /** Real time ({@link System#nanoTime()}) the rotation to this connection began. */
    long rotationStartedNanos;
    /** No rotation of this connection is attempted before this clock time (after a failed one). */
    long rotateNotBefore;
    /** A reconnect is scheduled. */
    boolean backingOff;
    /** A message arrived since the connection opened (the reconnect backoff then starts over). */
    boolean heard;
    /** Clock time REST last showed trades in a minute this connection's streams did not push. */
    long missedTradesAt = Long.MIN_VALUE;
    /** Real time ({@link System#nanoTime()}) the current socket opened. */
    long openedNanos;
    /** Delays between reconnects of this connection. */
    final Backoff backoff;

    private final FeedConnection link;
    private final Listener listener;
    private final Set<String> subscribed = new HashSet<>();
    private final SubscribeLedger ledger = new SubscribeLedger();
    /** Outgoing messages per clock second (the venue's count) and per real second (a safety margin). */
    private final SlidingWindowLimiter clockRate;

    private final SlidingWindowLimiter realRate;
    /** Streams named in the URL of the socket being opened. */
    private List<String> connectingWith = List.of();

    private long nextRequestId = 1;
    private long lastPingClock;
    private long lastPingNanos;
    private long pings;

    BinanceConnection(
            long id, WebSocketClient client, Clock clock, int messagesPerSecond, Backoff backoff, Listener listener) {
        this.id = id;
        this.backoff = backoff;
        this.listener = listener;
        this.link = new FeedConnection(client, clock, this);
        // One message of the venue's allowance stays free for the automatic pongs to its pings.
        int budget = Math.max(1, messagesPerSecond - 1);
        this.clockRate = new SlidingWindowLimiter(budget, SECOND);
        this.realRate = new SlidingWindowLimiter(budget, SECOND);
    }

    boolean isOpen() {
        return link.isOpen();
    }

    boolean isConnecting() {
        return link.isConnecting();
    }

    long connectedAt() {
        return link.connectedAt();
    }

    /** Returns the clock time of the last data message or the opening; see {@link FeedConnection#dataSince()}. */
    long dataSince() {
        return link.dataSince();
    }

    long pings() {
        return pings;
    }

    /** Returns the clock time of the last frame of any kind or the opening; see {@link FeedConnection#aliveSince()}. */
    long aliveSince() {
        return link.aliveSince();
    }

    /** Returns the venue's ping frames received on this connection. */
    long serverPings() {
        return link.serverPings();
    }

    /**
     * Takes the venue's refusal of request {@code id}: returns the streams it named if it was a
     * SUBSCRIBE (they count as not subscribed), none otherwise. The streams of a refused request of
     * several become suspects; a refused request of one is the culprit and leaves the suspects.
     */
    List<String> refused(String id) {
        List<String> names = ledger.refused(id);
        names.forEach(subscribed::remove);
        return names;
    }

    /** Takes the venue's acceptance of request {@code id}: its streams are no longer suspects. */
    void accepted(String id) {
        ledger.accepted(id);
    }

    /** Opens {@code wsBase/stream?streams=...} with the wanted streams that are not suspects. */
    void connect(String wsBase) {
        ledger.retain(wanted);
        connectingWith = wanted.stream().filter(n -> !ledger.isSuspect(n)).toList();
        link.connect(wsBase + "/stream?streams=" + String.join("/", connectingWith));
    }

    /** Closes the connection because it is no longer needed: no report follows. */
    void retire() {
        subscribed.clear();
        link.retire();
    }

    /** Closes the connection as lost (a stall, a {@code serverShutdown}): the report follows at once. */
    void drop(String reason) {
        link.drop(reason);
    }

    @Override
    public void onOpen() {
        heard = false;
        openedNanos = System.nanoTime();
        missedTradesAt = Long.MIN_VALUE;
        ledger.socketGone();
        lastPingClock = link.connectedAt();
        lastPingNanos = System.nanoTime();
        subscribed.clear();
        subscribed.addAll(connectingWith);
        listener.onOpen(this);
        flush(lastPingClock);
    }

    @Override
    public void onMessage(byte[] utf8, long bytes) {
        listener.onMessage(this, utf8, bytes);
    }

    @Override
    public void onLost(String reason, long retryAfterMillis) {
        subscribed.clear();
        ledger.socketGone();
        listener.onLost(this, reason, retryAfterMillis);
    }

    /** Sends pending (UN)SUBSCRIBEs as the rate allows: one request per method carries every change. */
    void flush(long now) {
        ClientWebSocket ws = link.socket();
        if (ws == null) {
            return;
        }
        ledger.retain(wanted);
        List<String> add = wanted.stream()
                .filter(n -> !subscribed.contains(n) && !ledger.isSuspect(n))
                .toList();
        List<String> drop =
                subscribed.stream().filter(n -> !wanted.contains(n)).sorted().toList();
        if (!add.isEmpty() && mayWrite(now)) {
            ledger.sent(request(ws, "SUBSCRIBE", add), add);
            subscribed.addAll(add);
        }
        for (String suspect : ledger.suspects()) {
            if (!subscribed.contains(suspect)) {
                if (!mayWrite(now)) {
                    break;
                }
                ledger.sent(request(ws, "SUBSCRIBE", List.of(suspect)), List.of(suspect));
                subscribed.add(suspect);
            }
        }
        if (!drop.isEmpty() && mayWrite(now)) {
            request(ws, "UNSUBSCRIBE", drop);
            drop.forEach(subscribed::remove);
        }
    }

    /**
     * Pings a connection that has been silent for {@code pingMillis} (clock or real time, whichever comes
     * first): quiet futures streams push nothing for minutes and the pong proves the link alive, while a
     * busy link is proven by its data and needs no extra message against the venue's rate limit.
     */
    void keepAlive(long now, long pingMillis) {
        ClientWebSocket ws = link.socket();
        if (ws == null) {
            return;
        }
        long nanos = System.nanoTime();
        long periodNanos = pingMillis * 1_000_000L;
        boolean silent = now - link.aliveSince() >= pingMillis || nanos - link.aliveSinceNanos() >= periodNanos;
        boolean notJustPinged = now - lastPingClock >= pingMillis || nanos - lastPingNanos >= periodNanos;
        if (silent && notJustPinged && mayWrite(now)) {
            lastPingClock = now;
            lastPingNanos = nanos;
            pings++;
            ws.writePing(Buffer.buffer("candlebus"));
        }
    }

    private boolean mayWrite(long now) {
        long real = System.nanoTime() / 1_000_000L;
        if (clockRate.nextAllowed(now) > now || realRate.nextAllowed(real) > real) {
            return false;
        }
        clockRate.tryAcquire(now);
        realRate.tryAcquire(real);
        return true;
    }

    /** Sends a control request and returns its id as the venue echoes it. */
    private String request(ClientWebSocket ws, String method, List<String> params) {
        long id = nextRequestId++;
        JsonObject request = new JsonObject()
                .put("method", method)
                .put("params", new JsonArray(new ArrayList<>(params)))
                .put("id", id);
        ws.writeTextMessage(request.encode());
        return Long.toString(id);
    }
}
