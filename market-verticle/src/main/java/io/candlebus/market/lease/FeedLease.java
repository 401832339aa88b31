package io.candlebus.market.lease;

import io.vertx.core.Future;
import java.util.function.LongSupplier;

/**
 * One feed lease as seen by one node: standby until it creates the lease entry (under a fresh epoch), then
 * active while it keeps renewing it. Pure protocol over a {@link LeaseStore}; time is the caller's monotonic
 * milliseconds. At most one store operation is in flight; {@link #step} is called periodically on one thread.
 *
 * <p>Rules. A standby reads the entry every {@code retryEveryMillis}; only when there is none does it take an epoch
 * and create the entry (create-if-absent with a TTL, so two standbys never both win). The holder reads the entry
 * every {@code renewEveryMillis} and, if it is still its own record, writes it again with a fresh TTL; if another
 * record is there (a later grant: after a split cluster healed, or after this node was too slow to renew) it
 * steps down at once. It also steps down, without asking the store, once no renewal has succeeded for
 * {@link LeaseTimings#validForMillis()} since that renewal was sent: the entry may expire soon after and another
 * node take it, so it must have stopped first.
 */
public final class FeedLease {
    /** What a {@link #step} changed for the feed. */
    public enum Change {
        NONE,
        /** This node now holds the lease: start the feed. */
        GAINED,
        /** This node no longer holds the lease: stop the feed. */
        LOST
    }

    private final String name;
    private final String self;
    private final String token;
    private final LeaseTimings timings;
    private final LeaseStore store;
    private final LongSupplier millis;

    private LeaseRecord mine;
    private LeaseRecord lastMine;
    private LeaseRecord holder;
    private boolean busy;
    private long busySince;
    private long nextAt;
    private long validUntil;
    private long generation;
    private long grants;
    private long losses;
    private String lostReason = "";

    /**
     * A lease named {@code name} (e.g. the feed's component {@code market.binance.spot}) wanted by node
     * {@code self}, whose process is told apart by {@code token}.
     */
    public FeedLease(
            String name, String self, String token, LeaseTimings timings, LeaseStore store, LongSupplier millis) {
        this.name = name;
        this.self = self;
        this.token = token;
        this.timings = timings;
        this.store = store;
        this.millis = millis;
    }

    /** Returns whether this node holds the lease. */
    public boolean held() {
        return mine != null;
    }

    /** Returns the holder last known (this node's record while it holds the lease), or null if none known. */
    public LeaseRecord holder() {
        return holder;
    }

    /** Returns how many times this node was granted the lease. */
    public long grants() {
        return grants;
    }

    /** Returns how many times this node lost the lease while holding it. */
    public long losses() {
        return losses;
    }

    /** Returns why the lease was last lost, empty if never. */
    public String lostReason() {
        return lostReason;
    }

    /**
     * Does what is due now: steps down if the renewal is overdue, else starts the next read, creation or renewal
     * if none is in flight and its time has come. The future completes with what changed once the operation is
     * over ({@link Change#NONE} at once when nothing was due).
     */
    public Future<Change> step() {
        long now = millis.getAsLong();
        if (mine != null && now >= validUntil) {
            return Future.succeededFuture(lose(null, "no renewal succeeded for " + timings.validForMillis() + " ms"));
        }
        if (busy && now - busySince > timings.ttlMillis()) {
            // An operation that never answered (the store's own timeouts are far longer): forget it, so a
            // standby keeps looking; its result, if it ever comes, is ignored.
            busy = false;
            generation++;
        }
        if (busy || now < nextAt) {
            return Future.succeededFuture(Change.NONE);
        }
        busy = true;
        busySince = now;
        long gen = generation;
        Future<Change> op = mine != null ? renew(gen) : acquire(gen);
        return op.transform(ar -> {
            if (gen == generation) {
                busy = false;
            }
            if (ar.failed()) {
                // The store did not answer (a member is being removed, the cluster is re-forming): try again
                // soon; the holder's own deadline above still applies.
                nextAt = millis.getAsLong() + timings.retryEveryMillis();
                return Future.succeededFuture(Change.NONE);
            }
            return Future.succeededFuture(ar.result());
        });
    }

    /** Gives the lease up (a clean stop), so that a standby takes over at its next look rather than at expiry. */
    public Future<Void> release() {
        LeaseRecord record = mine;
        if (record == null) {
            return Future.succeededFuture();
        }
        mine = null;
        holder = null;
        generation++;
        busy = false;
        return store.remove(name, record).mapEmpty();
    }

    private Future<Change> acquire(long gen) {
        return store.read(name).compose(current -> {
            if (gen != generation) {
                return Future.succeededFuture(Change.NONE);
            }
            long now = millis.getAsLong();
            if (current != null) {
                holder = current;
                if (current.equals(lastMine)) {
                    // Our own entry from before we stepped down (a late renewal wrote it): free it rather
                    // than wait out its TTL, and take the lease afresh under a new epoch at the next look.
                    return store.remove(name, current).map(removed -> {
                        nextAt = now;
                        return Change.NONE;
                    });
                }
                nextAt = now + timings.retryEveryMillis();
                return Future.succeededFuture(Change.NONE);
            }
            return store.nextEpoch(name).compose(epoch -> {
                LeaseRecord record = new LeaseRecord(self, epoch, token);
                long sentAt = millis.getAsLong();
                return store.create(name, record, timings.ttlMillis()).map(created -> {
                    long after = millis.getAsLong();
                    if (gen != generation) {
                        return Change.NONE;
                    }
                    if (!created) {
                        nextAt = after;
                        return Change.NONE;
                    }
                    mine = record;
                    lastMine = record;
                    holder = record;
                    grants++;
                    generation++;
                    busy = false;
                    validUntil = sentAt + timings.validForMillis();
                    nextAt = sentAt + timings.renewEveryMillis();
                    return Change.GAINED;
                });
            });
        });
    }

    private Future<Change> renew(long gen) {
        LeaseRecord record = mine;
        return store.read(name).compose(current -> {
            if (gen != generation) {
                return Future.succeededFuture(Change.NONE);
            }
            if (!record.equals(current)) {
                return Future.succeededFuture(lose(
                        current,
                        current == null
                                ? "the lease entry was gone at renewal"
                                : "the lease is held by " + current.holder() + " under epoch " + current.epoch()));
            }
            long sentAt = millis.getAsLong();
            if (sentAt >= validUntil) {
                return Future.succeededFuture(
                        lose(null, "no renewal succeeded for " + timings.validForMillis() + " ms"));
            }
            return store.write(name, record, timings.ttlMillis()).map(v -> {
                if (gen == generation) {
                    validUntil = Math.max(validUntil, sentAt + timings.validForMillis());
                    nextAt = sentAt + timings.renewEveryMillis();
                }
                return Change.NONE;
            });
        });
    }

    private Change lose(LeaseRecord current, String reason) {
        if (mine == null) {
            return Change.NONE;
        }
        mine = null;
        holder = current;
        losses++;
        lostReason = reason;
        generation++;
        busy = false;
        nextAt = millis.getAsLong() + timings.retryEveryMillis();
        return Change.LOST;
    }
}
