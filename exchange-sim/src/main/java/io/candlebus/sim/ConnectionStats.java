package io.candlebus.sim;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts what the simulator's websocket hosts did with connections: handshakes accepted, refused for
 * too many streams (HTTP 400) or too many attempts (HTTP 429), and connections closed for sending too
 * many messages. The simulator records on its event loop; tests read from any thread.
 */
public final class ConnectionStats {
    private final Map<WsHost, Long> opened = new EnumMap<>(WsHost.class);
    private final Map<WsHost, Long> refusedStreams = new EnumMap<>(WsHost.class);
    private final Map<WsHost, Long> refusedAttempts = new EnumMap<>(WsHost.class);
    private final Map<WsHost, Long> closedForMessageRate = new EnumMap<>(WsHost.class);
    private final Map<WsHost, Long> closedForInvalidStream = new EnumMap<>(WsHost.class);

    /** Records an accepted handshake. */
    public synchronized void opened(WsHost host) {
        opened.merge(host, 1L, Long::sum);
    }

    /** Records a handshake refused with HTTP 400 for naming more streams than a connection may carry. */
    public synchronized void refusedForStreams(WsHost host) {
        refusedStreams.merge(host, 1L, Long::sum);
    }

    /** Records a handshake refused with HTTP 429 for too many connection attempts. */
    public synchronized void refusedForAttempts(WsHost host) {
        refusedAttempts.merge(host, 1L, Long::sum);
    }

    /** Records a connection closed for sending more messages per second than allowed. */
    public synchronized void closedForMessageRate(WsHost host) {
        closedForMessageRate.merge(host, 1L, Long::sum);
    }

    /** Records a connection closed after a SUBSCRIBE or UNSUBSCRIBE named a malformed stream. */
    public synchronized void closedForInvalidStream(WsHost host) {
        closedForInvalidStream.merge(host, 1L, Long::sum);
    }

    /** Returns how many connections {@code host} closed after a malformed stream name. */
    public synchronized long closedForInvalidStreamCount(WsHost host) {
        return closedForInvalidStream.getOrDefault(host, 0L);
    }

    /** Returns how many connections {@code host} accepted. */
    public synchronized long openedCount(WsHost host) {
        return opened.getOrDefault(host, 0L);
    }

    /** Returns how many handshakes {@code host} refused for too many streams (HTTP 400). */
    public synchronized long refusedForStreamsCount(WsHost host) {
        return refusedStreams.getOrDefault(host, 0L);
    }

    /** Returns how many handshakes {@code host} refused for too many attempts (HTTP 429). */
    public synchronized long refusedForAttemptsCount(WsHost host) {
        return refusedAttempts.getOrDefault(host, 0L);
    }

    /** Returns how many connections {@code host} closed for their message rate. */
    public synchronized long closedForMessageRateCount(WsHost host) {
        return closedForMessageRate.getOrDefault(host, 0L);
    }
}
