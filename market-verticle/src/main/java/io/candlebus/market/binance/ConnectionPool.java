package io.candlebus.market.binance;

import io.candlebus.contract.Market;
import io.candlebus.market.Backoff;
import io.candlebus.market.ConnectAttempts;
import io.candlebus.market.Endpoint;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.Retry;
import io.candlebus.market.venue.FeedCounters;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The websockets of one {@link BinanceFeed}: which connection carries which stream (at most
 * {@code binance.streamsPerConnection} each), opening them within the venue's cap of connection attempts,
 * SUBSCRIBE / UNSUBSCRIBE as streams come and go, liveness, keepalive and rotation of each, and the reconnect
 * of a lost one with its own backoff. It exists so the feed itself handles symbols and klines only.
 */
final class ConnectionPool implements BinanceConnection.Listener {
    /** What the pool needs of its feed. */
    interface Owner {
        /** Whether the feed started and is not stopped: only then are connections opened. */
        boolean running();

        boolean stopped();

        /** Handles a message of {@code c}. */
        void message(BinanceConnection c, byte[] utf8, long bytes);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    /** Binance allows 300 connection attempts per 5 minutes per IP. */
    private static final int ATTEMPTS_PER_WINDOW = 300;

    private static final long ATTEMPT_WINDOW_MILLIS = 300_000L;

    private final Vertx vertx;
    private final WebSocketClient wsClient;
    private final Clock clock;
    private final MarketConfig config;
    private final Market market;
    private final Endpoint endpoint;
    private final String component;
    /** The feed's streams, by symbol. */
    private final Map<String, KlineStream> streams;

    private final Owner owner;

    private final List<BinanceConnection> connections = new ArrayList<>();
    /**
     * Connection attempts to this market's host, in the venue's (clock) time: real time in production. An
     * accelerated simulator enforces its own cap, and a refused handshake is backed off like any failed
     * connect; counting real time here as well stalled a 24-hour soak at 600x for good after 300 reconnects.
     */
    private final ConnectAttempts attempts;

    private final Rotation rotation;
    /** Pings sent and received by connections already closed. */
    private long retiredPings;

    private long retiredServerPings;
    private long nextConnectionId = 1;

    private final FeedCounters.Counter reconnects;
    private final FeedCounters.Counter stalls;

    /**
     * Registers {@code rotations}, {@code rotationsAbandoned} and {@code connectAttemptsDeferred} in
     * {@code counters}; {@code reconnects} and {@code stalls} are the feed's, registered before.
     */
    ConnectionPool(
            Vertx vertx,
            WebSocketClient wsClient,
            Clock clock,
            MarketConfig config,
            Market market,
            String component,
            Map<String, KlineStream> streams,
            FeedCounters counters,
            Owner owner) {
        this.vertx = vertx;
        this.wsClient = wsClient;
        this.clock = clock;
        this.config = config;
        this.market = market;
        this.endpoint = config.binance().endpoint(market);
        this.component = component;
        this.streams = streams;
        this.owner = owner;
        this.reconnects = counters.counter("reconnects");
        this.stalls = counters.counter("stalls");
        this.rotation =
                new Rotation(clock, config.binance().rotateAfterMillis(), component, counters, new Rotation.Owner() {
                    @Override
                    public BinanceConnection newConnection() {
                        return ConnectionPool.this.newConnection();
                    }

                    @Override
                    public void connect(BinanceConnection c) {
                        ConnectionPool.this.connect(c);
                    }

                    @Override
                    public void discard(BinanceConnection c) {
                        ConnectionPool.this.discard(c);
                    }
                });
        this.attempts = ConnectAttempts.inClockTime(
                vertx,
                clock,
                ATTEMPTS_PER_WINDOW,
                ATTEMPT_WINDOW_MILLIS,
                config.tickMillis(),
                counters.counter("connectAttemptsDeferred")::inc);
    }

    /** Pings sent by every connection so far. */
    long pings() {
        return retiredPings
                + connections.stream().mapToLong(BinanceConnection::pings).sum();
    }

    /** Pings received by every connection so far. */
    long serverPings() {
        return retiredServerPings
                + connections.stream().mapToLong(BinanceConnection::serverPings).sum();
    }

    /** Returns the number of connections. */
    int size() {
        return connections.size();
    }

    /**
     * Puts a stream on a connection with room for it; {@code connect}: open (or SUBSCRIBE on) that connection
     * now.
     */
    void place(KlineStream s, boolean connect) {
        // A connection being replaced takes nothing new: its replacement does.
        BinanceConnection c = connections.stream()
                .filter(x -> x.replacedBy == null
                        && x.wanted.size() < config.binance().streamsPerConnection())
                .findFirst()
                .orElseGet(this::newConnection);
        c.wanted.add(s.streamName);
        s.connection = c;
        if (!connect) {
            return;
        }
        if (c.isOpen()) {
            c.flush(clock.millis());
        } else {
            connect(c);
        }
    }

    /** Opens every connection: each opens with all its streams in its URL. */
    void connectAll() {
        List.copyOf(connections).forEach(this::connect);
    }

    /** Closes every connection for good. */
    void retireAll() {
        List.copyOf(connections).forEach(BinanceConnection::retire);
        connections.clear();
    }

    /** Takes {@code s} off every connection: an UNSUBSCRIBE, or the close of a connection left empty. */
    void unsubscribe(KlineStream s) {
        for (BinanceConnection c : List.copyOf(connections)) {
            if (c.wanted.remove(s.streamName)) {
                if (c.wanted.isEmpty()) {
                    // Nothing left to carry: close the connection rather than keep an empty one alive.
                    discard(c);
                } else {
                    c.flush(clock.millis());
                }
            }
        }
    }

    /** Drops dead connections; sends what is due on the others (requests, pings) and rotates old ones. */
    void tick(long now) {
        for (BinanceConnection c : List.copyOf(connections)) {
            if (!connections.contains(c)) {
                continue;
            }
            String dead = c.isOpen()
                    ? Liveness.deadReason(
                            now, c.aliveSince(), c.dataSince(), c.missedTradesAt, config.stallTimeoutMillis())
                    : null;
            if (dead != null) {
                stalls.inc();
                c.drop(dead);
                continue;
            }
            c.flush(now);
            c.keepAlive(now, config.pingMillis());
            rotation.tick(c, now);
        }
    }

    /** A rotation's replacement has delivered a closed kline of every stream: the old connection goes. */
    void finishRotation(BinanceConnection c) {
        rotation.finish(c);
    }

    private BinanceConnection newConnection() {
        int perSecond = market == Market.SPOT ? 5 : 10;
        BinanceConnection c = new BinanceConnection(
                nextConnectionId++,
                wsClient,
                clock,
                perSecond,
                new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()),
                this);
        connections.add(c);
        return c;
    }

    /** Opens {@code c} unless it is open, opening, waiting for a reconnect, or the feed is not running. */
    private void connect(BinanceConnection c) {
        if (!owner.running() || !connections.contains(c) || c.wanted.isEmpty()) {
            return;
        }
        if (c.isOpen() || c.isConnecting() || c.backingOff) {
            return;
        }
        if (!attempts.takeOrRetry(() -> {
            c.backingOff = false;
            connect(c);
        })) {
            c.backingOff = true;
            return;
        }
        c.connect(endpoint.wsUrl());
    }

    private void discard(BinanceConnection c) {
        retiredPings += c.pings();
        retiredServerPings += c.serverPings();
        c.retire();
        connections.remove(c);
        if (c.replacing != null) {
            c.replacing.replacedBy = null;
        }
        if (c.replacedBy != null) {
            c.replacedBy.replacing = null;
            for (KlineStream s : streams.values()) {
                if (s.connection == c) {
                    s.connection = c.replacedBy;
                }
            }
        }
    }

    @Override
    public void onOpen(BinanceConnection c) {
        LOG.info(
                "{}: connection {} open to {} ({} streams{})",
                component,
                c.id,
                endpoint.wsUrl(),
                c.wanted.size(),
                c.replacing == null ? "" : ", replacing connection " + c.replacing.id);
    }

    @Override
    public void onMessage(BinanceConnection c, byte[] utf8, long bytes) {
        owner.message(c, utf8, bytes);
    }

    @Override
    public void onLost(BinanceConnection c, String reason, long retryAfterMillis) {
        if (owner.stopped() || !connections.contains(c)) {
            return;
        }
        if (c.replacing != null) {
            // The replacement failed; the old connection still carries everything.
            rotation.abandon(c, reason);
            return;
        }
        if (c.replacedBy != null) {
            // Cut while its replacement was being set up: the replacement carries on from here.
            BinanceConnection next = c.replacedBy;
            LOG.info("{}: connection {} lost ({}) during rotation; {} takes over", component, c.id, reason, next.id);
            discard(c);
            if (!next.isOpen()) {
                countReconnects(next);
            }
            return;
        }
        countReconnects(c);
        c.backingOff = true;
        long delay = c.backoff.next();
        LOG.warn("{}: connection {} lost: {}; reconnecting in {} ms", component, c.id, reason, delay);
        Retry.after(vertx, clock, delay, clock.millis() + retryAfterMillis, () -> {
            c.backingOff = false;
            connect(c);
        });
    }

    private void countReconnects(BinanceConnection c) {
        reconnects.inc();
        for (KlineStream s : streams.values()) {
            if (c.wanted.contains(s.streamName)) {
                s.reconnects++;
            }
        }
    }
}
