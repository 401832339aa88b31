package io.candlebus.market.venue;

import io.candlebus.contract.Trade;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes the subscription of a running {@link TradeStreamFeed} connection make-before-break: a
 * replacement connection subscribes the full set while the running one keeps publishing, its trades are
 * only buffered until its overlap with the running one is proven per code ({@link Handover}), and then the
 * feed switches to it at once. A new request on the running connection could skip the trades of the moment
 * it takes effect (the simulator does, the venues' docs are silent) and corrupt the candles of codes
 * already live. A handover already under way starts over with the bigger set; one that takes too long or
 * whose replacement is lost falls back to a reconnect (nothing is lost, the seam goes through REST).
 */
final class Replacement {
    /** What a replacement needs of its feed. */
    interface Owner {
        /** Returns the state of a followed code, null if not followed. */
        CodeState code(String symbol);

        /** Returns a new, unopened connection whose events reach {@link Replacement}. */
        TradeLink newLink();

        /** Takes a connection attempt from the venue's cap; false if none is left this second. */
        boolean tryConnect();

        /** Replaces the running connection outright (a reconnect through the seam). */
        void restart(String reason);

        /** Makes {@code replacement} the published connection and replays what it buffered. */
        void takeOver(TradeLink replacement, List<Handover.Delivered> buffered);

        /** Reads a message of the replacement into {@code to}; false if it was bad input. */
        boolean read(byte[] utf8, long bytes, TradeVenue.Messages to);

        boolean stopped();
    }

    private static final Logger LOG = LoggerFactory.getLogger(Replacement.class);
    /** Clock time a handover may take to prove its overlap before the feed falls back to a reconnect. */
    private static final long HANDOVER_CLOCK_MILLIS = 2 * 60_000L;
    /** Real time a handover may take at least: at a fast sim clock, 2 minutes are too short for a handshake. */
    private static final long HANDOVER_REAL_NANOS = 10_000_000_000L;
    /** Trades a replacement may deliver before its handover is given up. */
    private static final int MAX_HANDOVER_BUFFER = 200_000;

    private final Clock clock;
    private final TradeVenue venue;
    private final Owner owner;
    private final long pingMillis;
    private final FeedCounters.Counter handovers;
    private final FeedCounters.Counter abandoned;
    private final FeedCounters.Counter pings;
    private final FeedCounters.Counter statusUp;
    private final FeedCounters.Counter venueErrors;
    private final FeedCounters.Counter ignored;
    private final Messages messages = new Messages();

    /** A replacement subscribed to a bigger set of codes, proving its overlap with the running link. */
    private TradeLink candidate;
    /** The overlap proof of {@link #candidate}; null when no handover runs. */
    private Handover handover;
    /** Whether the replacement still has to be opened (the connection-attempt cap deferred it). */
    private boolean due;

    Replacement(Clock clock, TradeVenue venue, long pingMillis, FeedCounters counters, Owner owner) {
        this.clock = clock;
        this.venue = venue;
        this.owner = owner;
        this.pingMillis = pingMillis;
        this.handovers = counters.counter("handovers");
        this.abandoned = counters.counter("handoversAbandoned");
        this.pings = counters.counter("pings");
        this.statusUp = counters.counter("statusUp");
        this.venueErrors = counters.counter("venueErrors");
        this.ignored = counters.counter("ignoredMessages");
    }

    /** Returns whether {@code link} is the current replacement. */
    boolean isCandidate(TradeLink link) {
        return link == candidate;
    }

    /** Returns whether a handover runs. */
    boolean running() {
        return handover != null;
    }

    /**
     * Starts proving a replacement for the codes {@code mustProve} (those published or held on the running
     * connection); with none, replacing the running connection costs nothing and it is restarted.
     */
    void begin(Set<String> mustProve, String reason) {
        if (mustProve.isEmpty()) {
            abandon();
            owner.restart(reason);
            return;
        }
        if (candidate != null) {
            candidate.connection.retire();
            candidate = null;
        }
        handover = new Handover(
                mustProve,
                clock.millis() + HANDOVER_CLOCK_MILLIS,
                System.nanoTime() + HANDOVER_REAL_NANOS,
                MAX_HANDOVER_BUFFER);
        due = true;
        LOG.info("{}: opening a replacement connection ({}); proving {}", venue.component(), reason, mustProve);
        connect();
    }

    /** A trade the running connection saw for the first time. */
    void seenOnOld(Trade trade) {
        if (handover != null) {
            handover.seenOnOld(trade);
        }
    }

    /** A code is no longer followed: it needs no proof. */
    void forget(String code) {
        if (handover != null) {
            handover.forget(code);
            switchIfProven();
        }
    }

    /** Keeps the replacement alive, opens a deferred one, and gives up a handover that takes too long. */
    void tick(long now) {
        if (handover == null) {
            return;
        }
        if (handover.failed(now, System.nanoTime())) {
            giveUp("overlap not proven for " + handover.unproven());
            return;
        }
        connect();
        if (candidate != null && candidate.keepAlive(now, pingMillis)) {
            pings.inc();
        }
    }

    /** The replacement's socket is open: it subscribes the full set of codes. */
    void opened(String subscription) {
        candidate.opened(clock.millis());
        candidate.send(subscription);
        switchIfProven();
    }

    /** A replacement's message: trades are buffered for the switch, never published before it. */
    void message(byte[] utf8, long bytes) {
        candidate.heard = true;
        owner.read(utf8, bytes, messages);
    }

    void lost(String reason) {
        LOG.warn("{}: replacement connection lost during the handover: {}", venue.component(), reason);
        giveUp("replacement lost: " + reason);
    }

    /** The running connection was lost: a handover under way is given up without a restart of its own. */
    void lostRunning() {
        if (handover != null) {
            abandoned.inc();
            abandon();
        }
    }

    /** Drops the replacement and its proof. */
    void abandon() {
        if (candidate != null) {
            candidate.connection.retire();
        }
        candidate = null;
        handover = null;
        due = false;
    }

    /** Closes the replacement for good; completes when its socket has closed. */
    Future<Void> stop() {
        Future<Void> closed = candidate != null ? candidate.connection.retire() : Future.succeededFuture();
        handover = null;
        candidate = null;
        due = false;
        return closed;
    }

    /**
     * Once every code of the running connection is proven, switches all codes at once (one connection
     * feeds the aggregator at a time): the feed closes the old connection, publishes the replacement's
     * buffered trades the old one had not (in the order received; the per-code de-duplication drops the
     * rest) and continues from the replacement.
     */
    void switchIfProven() {
        if (handover == null || candidate == null || !candidate.isOpen() || !handover.proven()) {
            return;
        }
        List<Handover.Delivered> buffered = handover.buffered();
        TradeLink next = candidate;
        candidate = null;
        handover = null;
        handovers.inc();
        owner.takeOver(next, buffered);
    }

    /** Opens the handover's replacement within the attempt cap; the tick retries a deferred attempt. */
    private void connect() {
        if (!due || owner.stopped() || !owner.tryConnect()) {
            return;
        }
        due = false;
        candidate = owner.newLink();
        candidate.connection.connect(venue.wsUrl());
    }

    private void giveUp(String reason) {
        abandoned.inc();
        abandon();
        LOG.warn("{}: handover given up ({}); reconnecting instead", venue.component(), reason);
        owner.restart(reason);
    }

    /** Routes what the replacement delivers into the handover's buffer. */
    private final class Messages implements TradeVenue.Messages {
        @Override
        public void trade(Trade trade, boolean snapshot) {
            CodeState cs = owner.code(trade.instrument().symbol());
            if (cs == null || handover == null) {
                ignored.inc();
                return;
            }
            handover.delivered(trade, snapshot, cs.knows(trade.tradeId()));
            switchIfProven();
        }

        @Override
        public void statusUp() {
            statusUp.inc();
            if (candidate != null) {
                candidate.answered = true;
            }
        }

        @Override
        public void venueError(String name, String message) {
            venueErrors.inc();
            LOG.warn("{}: venue error {} on the replacement: {}", venue.component(), name, message);
        }

        @Override
        public void ignored() {
            ignored.inc();
        }
    }
}
