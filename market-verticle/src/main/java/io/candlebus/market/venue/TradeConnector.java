package io.candlebus.market.venue;

import io.candlebus.contract.Instrument;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.ConnectAttempts;
import io.candlebus.market.FeedConnection;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the published connection of a {@link TradeStreamFeed} alive: connects while codes wait for one
 * (within the venue's cap of connection attempts per second), subscribes every code when it opens, pings
 * it, replaces it when it stalls, reconnects after a loss with backoff, and switches to a handover's
 * replacement. It routes each connection's events by its role (published, replacement, superseded).
 *
 * <p>It exists so the feed itself handles codes and trades only: every change of connection goes through
 * here and leaves each code waiting for a new seam ({@link #dropConnection()}).
 */
final class TradeConnector {
    /** What the connector needs of its feed. */
    interface Owner {
        /** Whether a connection may be made now: the feed started, is not stopped and asked the market list. */
        boolean mayConnect();

        boolean stopped();

        /** Returns the connection whose trades are published. */
        TradeLink published();

        /** Makes {@code link} the connection whose trades are published. */
        void publish(TradeLink link);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TradeConnector.class);

    private final Vertx vertx;
    private final WebSocketClient wsClient;
    private final Clock clock;
    private final MarketConfig config;
    private final FeedSink sink;
    private final TradeVenue venue;
    private final String component;
    private final Map<String, CodeState> codes;
    /** The feed's removed codes whose trades are dropped quietly until the next connection opens. */
    private final Map<String, Instrument> unsubscribed;

    private final Replacement replacement;
    private final TradeIntake intake;
    private final Owner owner;
    private final TradeVenue.Reader reader;
    private final BadInputCounter badInput;

    private final Backoff reconnectBackoff;
    /** Connection attempts in the last real second (the venue counts them in real time). */
    private final ConnectAttempts connectAttempts;

    private boolean backingOff;

    private long lastEventTime;
    /** Clock time of the last message handled, MIN_VALUE if none yet. */
    private long lastHeard = Long.MIN_VALUE;

    private final FeedCounters.Counter messages;
    private final FeedCounters.Counter reconnects;
    private final FeedCounters.Counter stalls;
    private final FeedCounters.Counter resubscribes;
    private final FeedCounters.Counter pings;

    TradeConnector(
            Vertx vertx,
            WebSocketClient wsClient,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            TradeVenue venue,
            Map<String, CodeState> codes,
            Map<String, Instrument> unsubscribed,
            Replacement replacement,
            TradeIntake intake,
            FeedCounters counters,
            Owner owner) {
        this.vertx = vertx;
        this.wsClient = wsClient;
        this.clock = clock;
        this.config = config;
        this.sink = sink;
        this.venue = venue;
        this.component = venue.component();
        this.codes = codes;
        this.unsubscribed = unsubscribed;
        this.replacement = replacement;
        this.intake = intake;
        this.owner = owner;
        this.reader = venue.reader(this::instrumentOf);
        this.badInput = venue.badInput();
        this.reconnectBackoff = new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis());
        this.messages = counters.counter("messages");
        this.reconnects = counters.counter("reconnects");
        this.stalls = counters.counter("stalls");
        this.resubscribes = counters.counter("resubscribes");
        this.pings = counters.counter("pings");
        this.connectAttempts = ConnectAttempts.inRealTime(
                vertx, venue.connectsPerSecond(), 1_000, counters.counter("connectsDeferred")::inc);
    }

    /** Returns a new, unopened connection whose events are routed by its role. */
    TradeLink newLink() {
        Routing routing = new Routing();
        TradeLink l = new TradeLink(wsClient, clock, routing, config.maxMessageBytes());
        routing.link = l;
        return l;
    }

    /** Takes a connection attempt from the venue's cap; false if none is left this second. */
    boolean tryConnect() {
        return connectAttempts.tryTake();
    }

    /** Whether a reconnect waits for its backoff or for the connection-attempt cap. */
    boolean backingOff() {
        return backingOff;
    }

    /** Messages of the published connections handled so far. */
    long messages() {
        return messages.get();
    }

    long lastEventTime() {
        return lastEventTime;
    }

    /** Clock time of the last message handled, MIN_VALUE if none yet. */
    long lastHeard() {
        return lastHeard;
    }

    /** Replaces a stalled published connection and pings it when due. */
    void tick(long now) {
        watchStall(now);
        if (owner.published().keepAlive(now, config.pingMillis())) {
            pings.inc();
        }
    }

    /**
     * Replaces a connection that has sent no frame at all (no trade, no {@code {"status":"UP"}} answer to
     * our PING, no ping of its own) for longer than the stall timeout: a quiet code is never the reason.
     */
    private void watchStall(long now) {
        FeedConnection c = owner.published().connection;
        if (!c.isOpen() || now - c.aliveSince() <= config.stallTimeoutMillis()) {
            return;
        }
        stalls.inc();
        c.drop("silent for " + (now - c.aliveSince()) + " ms (stalled)");
    }

    private String subscription() {
        return venue.subscription(new ArrayList<>(codes.keySet()));
    }

    /** Routes a connection's events by its role: the published link, the handover's replacement, or none. */
    private final class Routing implements FeedConnection.Listener {
        private TradeLink link;

        @Override
        public void onOpen() {
            if (link == owner.published()) {
                opened();
            } else if (replacement.isCandidate(link)) {
                replacement.opened(subscription());
            }
        }

        @Override
        public void onMessage(byte[] utf8, long bytes) {
            if (link == owner.published()) {
                message(utf8, bytes);
            } else if (replacement.isCandidate(link)) {
                replacement.message(utf8, bytes);
            }
        }

        @Override
        public void onLost(String reason, long retryAfterMillis) {
            if (link == owner.published()) {
                // A handover under way is given up: its replacement's buffered trades overlap what the lost
                // link published into minutes the reconnect seam takes from REST again, so it starts over.
                replacement.lostRunning();
                onDisconnected(reason);
            } else if (replacement.isCandidate(link)) {
                replacement.lost(reason);
            }
        }
    }

    // ---- connection ----

    void connectIfNeeded() {
        TradeLink link = owner.published();
        if (!owner.mayConnect() || codes.isEmpty() || link.isOpen() || link.connection.isConnecting() || backingOff) {
            return;
        }
        if (!connectAttempts.takeOrRetry(() -> {
            backingOff = false;
            connectIfNeeded();
        })) {
            backingOff = true;
            return;
        }
        link.connection.connect(venue.wsUrl());
    }

    private void opened() {
        TradeLink link = owner.published();
        unsubscribed.clear();
        long now = link.connection.connectedAt();
        link.opened(now);
        intake.newConnection();
        for (CodeState cs : codes.values()) {
            cs.waitingSince = now;
            cs.onLink = true;
        }
        LOG.info("{}: connected to {} ({} codes)", component, venue.wsUrl(), codes.size());
        link.send(subscription());
    }

    /**
     * Switches every code at once to the handover's replacement: the old connection closes, the
     * replacement's first live trade sets the seam of the codes it added, as on a new connection.
     */
    void takeOver(TradeLink next, List<Handover.Delivered> buffered) {
        TradeLink old = owner.published();
        owner.publish(next);
        old.connection.retire();
        intake.newConnection();
        for (CodeState cs : codes.values()) {
            cs.onLink = true;
            if (cs.phase == CodeState.Phase.WAITING) {
                // A quiet minute counts only on the connection that now carries the code.
                cs.waitingSince = Math.max(cs.waitingSince, next.connection.connectedAt());
            }
        }
        LOG.info("{}: handed over to the replacement connection ({} trades buffered)", component, buffered.size());
        for (Handover.Delivered d : buffered) {
            intake.trade(d.trade(), d.snapshot());
        }
    }

    /** Changes the subscription by reconnecting: the new connection goes through the seam and REST fill. */
    void restartIfConnected(String reason) {
        TradeLink link = owner.published();
        if (!link.isOpen() && !link.connection.isConnecting()) {
            connectIfNeeded();
            return;
        }
        link.connection.retire();
        dropConnection();
        resubscribes.inc();
        LOG.info("{}: reconnecting to change the subscription ({})", component, reason);
        connectIfNeeded();
    }

    /** Reconnects after the backoff: a refused handshake's Retry-After is not used, the attempt cap paces it. */
    private void onDisconnected(String reason) {
        dropConnection();
        if (owner.stopped() || codes.isEmpty()) {
            return;
        }
        reconnects.inc();
        for (CodeState cs : codes.values()) {
            cs.reconnects++;
        }
        backingOff = true;
        long delay = reconnectBackoff.next();
        LOG.warn("{}: connection lost: {}; reconnecting in {} ms", component, reason, delay);
        vertx.setTimer(delay, id -> {
            backingOff = false;
            connectIfNeeded();
        });
    }

    /** Forgets the connection; every code waits for a new seam, REST restarting where live data is in doubt. */
    void dropConnection() {
        intake.newConnection();
        long now = clock.millis();
        for (CodeState cs : codes.values()) {
            if (cs.phase == CodeState.Phase.LIVE) {
                // The candle of the last minute with live trades is in doubt: REST restarts there.
                cs.restFrom = cs.lastTradeMinute != CodeState.NONE && cs.lastTradeMinute >= cs.liveFrom
                        ? cs.lastTradeMinute
                        : cs.liveFrom;
            }
            cs.phase = CodeState.Phase.WAITING;
            cs.seam = CodeState.NONE;
            cs.fetching = false;
            cs.retryPending = false;
            cs.fetchAt = CodeState.NONE;
            cs.fetchToken++;
            cs.buffer.clear();
            cs.waitingSince = now;
            sink.suspend(cs.instrument);
        }
    }

    // ---- messages ----

    private void message(byte[] utf8, long bytes) {
        TradeLink link = owner.published();
        long now = clock.millis();
        long silent = now - link.connection.dataBefore();
        if (silent > config.stallTimeoutMillis()) {
            // The tick never saw this silence (this process was paused: a GC, a busy host), so the link may
            // have stalled and dropped trades before this message: it is not trusted, REST fills the doubt.
            stalls.inc();
            link.connection.drop("silent for " + silent + " ms before a message arrived (stalled)");
            return;
        }
        messages.inc();
        lastEventTime = now;
        lastHeard = lastEventTime;
        if (!link.heard) {
            link.heard = true;
            reconnectBackoff.reset();
        }
        read(utf8, bytes, intake.messages());
    }

    /** Reads a venue message of any of the feed's connections into {@code to}, or counts it as bad input (oversized, malformed, invalid). */
    boolean read(byte[] utf8, long bytes, TradeVenue.Messages to) {
        if (badInput.oversized(utf8, bytes, config.maxMessageBytes())) {
            return false;
        }
        try {
            reader.read(utf8, to);
            return true;
        } catch (BadInputException e) {
            badInput.record(e, utf8);
        } catch (RuntimeException e) {
            badInput.record(new BadInputException("invalid", String.valueOf(e.getMessage())), utf8);
        }
        return false;
    }

    /** Returns the followed instrument of a market code, or a removed one whose trades are still dropped. */
    private Instrument instrumentOf(String code) {
        CodeState cs = codes.get(code);
        return cs != null ? cs.instrument : unsubscribed.get(code);
    }
}
