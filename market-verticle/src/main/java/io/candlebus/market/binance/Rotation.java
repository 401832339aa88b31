package io.candlebus.market.binance;

import io.candlebus.market.venue.FeedCounters;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a Binance connection make-before-break before the venue's 24 h cut: a replacement subscribes
 * the same streams while the old connection keeps publishing; once it has delivered a closed kline of
 * every stream (or overlapped long enough), the old one goes. A replacement that does not open in time
 * is given up and tried again a minute later.
 */
final class Rotation {
    /** What a rotation needs of its feed. */
    interface Owner {
        /** Returns a new, unopened connection of the feed. */
        BinanceConnection newConnection();

        /** Opens {@code c} within the attempt cap. */
        void connect(BinanceConnection c);

        /** Closes {@code c} for good, handing its streams to its replacement if it has one. */
        void discard(BinanceConnection c);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Rotation.class);
    /** Clock time a replacement may take to deliver a closed kline of every stream before the switch is forced. */
    private static final long OVERLAP_MILLIS = 180_000L;
    /** Real time a replacement gets at least, so a slow handshake on a fast clock does not abandon it. */
    private static final long OVERLAP_REAL_NANOS = 10_000_000_000L;
    /** Clock time before a failed rotation is tried again. */
    private static final long RETRY_MILLIS = 60_000L;

    private final Clock clock;
    private final long rotateAfterMillis;
    private final String component;
    private final Owner owner;
    private final FeedCounters.Counter rotations;
    private final FeedCounters.Counter abandoned;

    Rotation(Clock clock, long rotateAfterMillis, String component, FeedCounters counters, Owner owner) {
        this.clock = clock;
        this.rotateAfterMillis = rotateAfterMillis;
        this.component = component;
        this.owner = owner;
        this.rotations = counters.counter("rotations");
        this.abandoned = counters.counter("rotationsAbandoned");
    }

    /** Watches a replacement under way, or starts one for a connection that is due. */
    void tick(BinanceConnection c, long now) {
        if (c.replacing != null) {
            watch(c, now);
        } else if (due(c, now)) {
            start(c, now);
        }
    }

    /** The replacement has delivered a closed kline of every stream: the old connection goes. */
    void finish(BinanceConnection next) {
        BinanceConnection old = next.replacing;
        rotations.inc();
        LOG.info("{}: connection {} replaced by {}", component, old.id, next.id);
        owner.discard(old);
    }

    /** Gives up the replacement {@code next}; its old connection carries on and is rotated later. */
    void abandon(BinanceConnection next, String reason) {
        BinanceConnection old = next.replacing;
        abandoned.inc();
        old.rotateNotBefore = clock.millis() + RETRY_MILLIS;
        LOG.warn("{}: rotation of connection {} abandoned: {}", component, old.id, reason);
        owner.discard(next);
    }

    private boolean due(BinanceConnection c, long now) {
        return rotateAfterMillis > 0
                && c.isOpen()
                && c.replacedBy == null
                && now - c.connectedAt() >= rotateAfterMillis
                && now >= c.rotateNotBefore;
    }

    private void start(BinanceConnection old, long now) {
        BinanceConnection next = owner.newConnection();
        next.wanted.addAll(old.wanted);
        next.replacing = old;
        next.rotationStartedAt = now;
        next.rotationStartedNanos = System.nanoTime();
        old.replacedBy = next;
        LOG.info("{}: rotating connection {} (open since {}) to {}", component, old.id, old.connectedAt(), next.id);
        owner.connect(next);
    }

    /** Forces the switch, or gives up, once a replacement has overlapped its old connection long enough. */
    private void watch(BinanceConnection next, long now) {
        boolean overdue = now - next.rotationStartedAt > OVERLAP_MILLIS
                && System.nanoTime() - next.rotationStartedNanos > OVERLAP_REAL_NANOS;
        if (!overdue) {
            return;
        }
        if (next.isOpen()) {
            // Whatever the replacement missed shows up as a gap on its next kline and is filled from REST.
            LOG.warn("{}: connection {} did not deliver every stream in time; switching anyway", component, next.id);
            finish(next);
        } else {
            abandon(next, "not open after " + (now - next.rotationStartedAt) + " ms");
        }
    }
}
