package io.candlebus.market.lease;

import io.candlebus.contract.Heartbeat;
import io.candlebus.market.Feed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts each feed only while this node holds its lease (named by the feed's component, e.g.
 * {@code market.binance.spot}), so at most one node of a cluster feeds a venue market; a node without it stands by
 * ({@code standby} in its heartbeat) and takes over when the lease comes free: at once after a clean stop of the
 * holder (it releases), within the lease TTL plus the cluster's failure detection after a kill. A feed whose lease
 * is lost is stopped and replaced by a fresh, unstarted instance (a stopped feed cannot start again), which then
 * stands by like any other. On a node that is not clustered there is no lease: every feed starts at once and
 * nothing else changes. Used on the feed verticle's thread. (What a taking-over node must not publish again is the
 * candle shards' business: {@link TakeoverMarks}.)
 */
public final class FeedLeaseGate {
    private static final Logger LOG = LoggerFactory.getLogger(FeedLeaseGate.class);
    private static final long STEP_MILLIS = 100;

    /** Makes a fresh, unstarted feed of the same venue market, following the same instruments, in place of one. */
    public interface FeedFactory {
        Feed replace(Feed stopped);
    }

    private static final class Slot {
        Feed feed;
        final FeedLease lease;
        long standbySince;

        Slot(Feed feed, FeedLease lease, long standbySince) {
            this.feed = feed;
            this.lease = lease;
            this.standbySince = standbySince;
        }
    }

    private final Vertx vertx;
    private final String node;
    private final LeaseStore store;
    private final LeaseTimings timings;
    private final FeedFactory factory;
    private final String token = UUID.randomUUID().toString();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private Consumer<Feed> starter = Feed::start;
    private long timer = -1;

    /**
     * A gate for the feeds of node {@code node}: with leases in {@code store} (null: not clustered, no leases).
     */
    public FeedLeaseGate(Vertx vertx, String node, LeaseStore store, LeaseTimings timings, FeedFactory factory) {
        this.vertx = vertx;
        this.node = node;
        this.store = store;
        this.timings = timings;
        this.factory = factory;
    }

    /** The gate a market node uses: leases in the cluster's shared data if {@code vertx} is clustered, else none. */
    public static FeedLeaseGate forNode(Vertx vertx, String node, FeedFactory factory) {
        return new FeedLeaseGate(
                vertx, node, vertx.isClustered() ? new ClusterLeaseStore(vertx) : null, LeaseTimings.DEFAULT, factory);
    }

    /** Starts {@code feeds} now (no leases), or once each one's lease is granted. */
    public Future<Void> start(List<Feed> feeds) {
        return start(feeds, Feed::start);
    }

    /**
     * Starts {@code feeds} through {@code starter} (which must call {@link Feed#start()}) now (no leases), or once
     * each one's lease is granted: the caller's chance to announce the feed before it runs.
     */
    public Future<Void> start(List<Feed> feeds, Consumer<Feed> starter) {
        this.starter = starter;
        if (store == null) {
            feeds.forEach(starter);
            return Future.succeededFuture();
        }
        long now = now();
        for (Feed feed : feeds) {
            slots.put(
                    feed.component(),
                    new Slot(feed, new FeedLease(feed.component(), node, token, timings, store, this::now), now));
        }
        timer = vertx.setPeriodic(STEP_MILLIS, id -> step());
        step();
        return Future.succeededFuture();
    }

    /** Returns whether {@code feed} runs (always without leases). */
    public boolean active(Feed feed) {
        if (store == null) {
            return true;
        }
        Slot slot = slots.get(feed.component());
        return slot != null && slot.feed == feed && slot.lease.held();
    }

    /**
     * Returns the heartbeat of {@code feed}: its own while it runs (with the lease's counters in a cluster), else
     * state {@code standby} with the lease's counters only (no streams: a standby follows nothing yet).
     */
    public Heartbeat heartbeat(Feed feed, long now) {
        if (store == null) {
            return new Heartbeat(
                    node, feed.component(), feed.state(), feed.counters(), feed.lastEventTime(), now, feed.streams());
        }
        Slot slot = slots.get(feed.component());
        Map<String, Long> counters = new TreeMap<>();
        if (active(feed)) {
            counters.putAll(feed.counters());
        }
        if (slot != null) {
            LeaseRecord holder = slot.lease.holder();
            counters.put("leaseHeld", slot.lease.held() ? 1L : 0L);
            counters.put("leaseEpoch", holder == null ? 0L : holder.epoch());
            counters.put("leaseGrants", slot.lease.grants());
            counters.put("leaseLosses", slot.lease.losses());
        }
        return active(feed)
                ? new Heartbeat(
                        node, feed.component(), feed.state(), counters, feed.lastEventTime(), now, feed.streams())
                : new Heartbeat(node, feed.component(), "standby", counters, 0, now);
    }

    /** Stops stepping and releases the leases held, so a standby takes over at its next look. */
    public Future<Void> stop() {
        vertx.cancelTimer(timer);
        List<Future<Void>> released = new ArrayList<>();
        for (Slot slot : slots.values()) {
            released.add(slot.lease.release().timeout(2, TimeUnit.SECONDS).recover(e -> {
                LOG.warn("{}: expected the lease released at stop, was {}", slot.feed.component(), e.toString());
                return Future.succeededFuture();
            }));
        }
        return Future.join(released).mapEmpty();
    }

    private void step() {
        for (Slot slot : slots.values()) {
            slot.lease.step().onSuccess(change -> apply(slot, change));
        }
    }

    private void apply(Slot slot, FeedLease.Change change) {
        if (change == FeedLease.Change.GAINED) {
            LeaseRecord mine = slot.lease.holder();
            LOG.info(
                    "{}: lease granted to {} under epoch {} after {} ms standing by; starting the feed",
                    slot.feed.component(),
                    node,
                    mine.epoch(),
                    now() - slot.standbySince);
            starter.accept(slot.feed);
        } else if (change == FeedLease.Change.LOST) {
            LOG.warn(
                    "{}: lease lost ({}); stopping the feed and standing by",
                    slot.feed.component(),
                    slot.lease.lostReason());
            Feed stopped = slot.feed;
            slot.standbySince = now();
            stopped.stop().onComplete(ar -> {
                if (ar.failed()) {
                    LOG.warn(
                            "{}: expected the feed stopped, was {}",
                            stopped.component(),
                            ar.cause().toString());
                }
            });
            slot.feed = factory.replace(stopped);
        }
    }

    private long now() {
        return System.nanoTime() / 1_000_000L;
    }
}
