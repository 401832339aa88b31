package io.candlebus.market.candle;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedRepair;
import io.candlebus.contract.Instrument;
import io.candlebus.market.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repairs one candle shard owes its feeds (ADR 0005): a hole in a feed's sequence puts the feed's instruments of
 * the shard in doubt ({@link CandleAggregator#hold}) and asks the feed, with a fresh token, to re-cover them from the
 * first minute the shard has not closed ({@link FeedRepair}). Until the feed answers in-band with that token ({@link
 * FeedEvent.RepairStart}) its data is dropped: the repair re-sends it. A request the feed did not take is asked
 * again after a backoff; a newer request (another hole) supersedes one not yet started, and a feed's fresh start
 * makes any owed repair moot. Single-threaded (the shard's event loop); the bus and the timers come through {@link
 * Link}, so the bookkeeping runs without Vert.x.
 */
public final class ShardRepairs {
    private static final Logger LOG = LoggerFactory.getLogger(ShardRepairs.class);

    /** How the shard reaches its feeds and waits: the event bus and the shard's timers. */
    public interface Link {
        /** Sends {@code request} to the feed {@code feed}; fails if the feed did not take it in time. */
        Future<?> send(String feed, FeedRepair request);

        /** Runs {@code action} once after {@code delayMillis}; returns the timer's id. */
        long setTimer(long delayMillis, Runnable action);

        /** Cancels the timer {@code timer} (an unknown or fired one: nothing). */
        void cancelTimer(long timer);

        /** Returns the link of a shard on {@code vertx}: a request not answered in {@code sendTimeoutMillis} failed. */
        static Link of(Vertx vertx, long sendTimeoutMillis) {
            return new Link() {
                @Override
                public Future<?> send(String feed, FeedRepair request) {
                    return vertx.eventBus()
                            .request(
                                    Addresses.marketFeedRepair(feed),
                                    request,
                                    new DeliveryOptions().setSendTimeout(sendTimeoutMillis));
                }

                @Override
                public long setTimer(long delayMillis, Runnable action) {
                    return vertx.setTimer(delayMillis, id -> action.run());
                }

                @Override
                public void cancelTimer(long timer) {
                    vertx.cancelTimer(timer);
                }
            };
        }
    }

    /** A repair asked of a feed and not yet started by it. */
    private static final class Repair {
        long token;
        long timer = -1;

        Repair(long token) {
            this.token = token;
        }
    }

    private final int shard;
    private final int shards;
    private final CandleAggregator aggregator;
    /** Names an instrument's feed by its id ({@code bithumb.spot#1}), as the feeds' events do. */
    private final Function<Instrument, String> feedOf;

    private final Backoff backoff;
    private final Link link;
    private final SequenceTracker sequences = new SequenceTracker();
    private final Map<String, Repair> repairs = new HashMap<>();

    private long nextToken;
    private long requested;
    private long started;
    private long failures;
    private long dropped;

    /**
     * The repairs of shard {@code shard} of {@code shards}, whose streams {@code aggregator} holds; {@code feedOf}
     * gives an instrument's feed id; a request the feed did not take is asked again after {@code backoff}.
     */
    public ShardRepairs(
            int shard,
            int shards,
            CandleAggregator aggregator,
            Function<Instrument, String> feedOf,
            Backoff backoff,
            Link link) {
        this.shard = shard;
        this.shards = shards;
        this.aggregator = aggregator;
        this.feedOf = feedOf;
        this.backoff = backoff;
        this.link = link;
    }

    /**
     * Checks the place of {@code event} in its feed's sequence: a fresh start of the feed makes a repair owed by it
     * moot, a hole or an event out of order asks the feed for one. Returns the verdict; a {@link
     * SequenceTracker.Verdict#LATE LATE} event is not to be applied.
     */
    public SequenceTracker.Verdict check(FeedEvent event) {
        SequenceTracker.Verdict verdict = sequences.accept(event.feed(), event.epoch(), event.seq());
        if (verdict == SequenceTracker.Verdict.FRESH) {
            // A feed's start follows, suspends and warms up every instrument itself: no older repair is owed.
            forget(event.feed());
        } else if (verdict != SequenceTracker.Verdict.NEXT) {
            LOG.warn(
                    "candle shard {}: {} in the events of {} (epoch {}, number {}); re-covering its instruments",
                    shard,
                    verdict == SequenceTracker.Verdict.GAP ? "a hole" : "an event out of order",
                    event.feed(),
                    event.epoch(),
                    event.seq());
            request(event.feed());
        }
        return verdict;
    }

    /**
     * Puts the feed's instruments of this shard in doubt and asks the feed to re-cover them from the first minute
     * not closed here; a newer request supersedes one not yet started.
     */
    private void request(String feed) {
        Repair repair = repairs.get(feed);
        long token = ++nextToken;
        if (repair == null) {
            repair = new Repair(token);
            repairs.put(feed, repair);
        } else {
            link.cancelTimer(repair.timer);
            repair.token = token;
        }
        for (Instrument i : aggregator.followed()) {
            if (feedOf.apply(i).equals(feed)) {
                aggregator.hold(i);
            }
        }
        send(feed, repair);
    }

    private void forget(String feed) {
        Repair r = repairs.remove(feed);
        if (r != null) {
            link.cancelTimer(r.timer);
        }
    }

    /** The feed {@code feed} starts the repair {@code token}: done if it is the one owed, else nothing. */
    public void started(String feed, long token) {
        Repair repair = repairs.get(feed);
        if (repair != null && token == repair.token) {
            repairs.remove(feed);
            link.cancelTimer(repair.timer);
            started++;
            backoff.reset();
        }
    }

    /**
     * Returns whether the data (and resumes) of {@code feed} are to be dropped now, a repair of it being owed: the
     * repair re-sends them. Counts the drop.
     */
    public boolean drops(String feed) {
        if (!repairs.containsKey(feed)) {
            return false;
        }
        dropped++;
        return true;
    }

    /** Returns whether no repair is owed. */
    public boolean isEmpty() {
        return repairs.isEmpty();
    }

    /** Cancels the timers of the requests to ask again (the shard stops). */
    public void cancelTimers() {
        repairs.values().forEach(r -> link.cancelTimer(r.timer));
    }

    /** Adds the sequence and repair counters to {@code counters}. */
    public void exportTo(Map<String, Long> counters) {
        counters.put("seqGaps", sequences.gaps());
        counters.put("seqMissed", sequences.missed());
        counters.put("seqLate", sequences.late());
        counters.put("epochChanges", sequences.epochChanges());
        counters.put("repairsRequested", requested);
        counters.put("repairsStarted", started);
        counters.put("repairFailures", failures);
        counters.put("droppedInRepair", dropped);
    }

    private void send(String feed, Repair repair) {
        Map<String, Long> from = new TreeMap<>();
        for (Instrument i : aggregator.followed()) {
            long next = aggregator.nextOpenTime(i);
            if (feedOf.apply(i).equals(feed) && next != Long.MIN_VALUE) {
                from.put(i.key(), next);
            }
        }
        requested++;
        long token = repair.token;
        link.send(feed, new FeedRepair(shard, shards, token, from)).onFailure(e -> {
            Repair now = repairs.get(feed);
            if (now == null || now.token != token) {
                return;
            }
            failures++;
            long delay = backoff.next();
            LOG.warn(
                    "candle shard {}: repair request to {} failed ({}); asking again in {} ms",
                    shard,
                    feed,
                    e.getMessage(),
                    delay);
            now.timer = link.setTimer(delay, () -> {
                if (repairs.get(feed) == now && now.token == token) {
                    send(feed, now);
                }
            });
        });
    }
}
