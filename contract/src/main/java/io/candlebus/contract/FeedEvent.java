package io.candlebus.contract;

import java.util.List;

/**
 * What a market feed tells the candle aggregation, in order, on the per-feed shard address {@link
 * Addresses#marketFeed(String, int)}: data (trades, venue klines), the state of a stream's connection (suspend,
 * cover, resume), which instruments it follows (follow, unfollow), how long its connection is known alive, and
 * where a repair it was asked for begins.
 *
 * <p>Every event carries its feed's id ({@link FeedShards#feedId}, e.g. {@code binance.spot}, {@code
 * bithumb.spot}), the feed's epoch (random, drawn at each start of the feed, so a restarted or failed-over feed is
 * recognised) and a sequence number counted per (feed, epoch, shard) from 0 without holes. A receiver that sees a
 * number other than the next one (a message lost or reordered on a best-effort bus, or a shard that joined late)
 * knows its state of that feed is in doubt and asks the feed for a {@link FeedRepair} on {@link
 * Addresses#marketFeedRepair(String)}. Correctness never rests on two bus addresses or a {@code runOnContext}
 * being delivered in some order: one address, one sender, numbered (ADR 0005).
 *
 * <p>Instrument events travel to the shard of their instrument ({@link FeedShards#shardOf}); {@link Alive} goes
 * to every shard.
 */
public sealed interface FeedEvent {
    /** The feed's id, {@code exchange.market}. */
    String feed();

    /** The feed's epoch: random per start of the feed. */
    long epoch();

    /** The number of this event in its (feed, epoch, shard) sequence, from 0. */
    long seq();

    /**
     * Trades of the shard's instruments in the order the feed took them, each as {@code market.trades} carries it:
     * the trades a feed takes in one turn of its event loop travel as one event (one number, one bus message), which
     * is what lets one feed carry a million trades a second to its shards. Never empty.
     */
    record Trades(String feed, long epoch, long seq, List<Trade> trades) implements FeedEvent {
        public Trades {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(trades, "feedEvent.trades");
            if (trades.isEmpty()) {
                throw new IllegalArgumentException("feedEvent.trades: expected at least one trade, was none");
            }
            for (Trade t : trades) {
                Checks.present(t, "feedEvent.trades[]");
            }
            trades = List.copyOf(trades);
        }
    }

    /** A venue kline or REST candle, open or closed, as {@code market.klines} carries it. */
    record KlineEvent(String feed, long epoch, long seq, Candle kline) implements FeedEvent {
        public KlineEvent {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(kline, "feedEvent.kline");
        }
    }

    /** The connection carrying {@code instrument} is down or not yet joined to history: close nothing by time. */
    record Suspend(String feed, long epoch, long seq, Instrument instrument) implements FeedEvent {
        public Suspend {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(instrument, "feedEvent.instrument");
        }
    }

    /** History of {@code instrument} is complete from {@code fromOpenTime}. */
    record Cover(String feed, long epoch, long seq, Instrument instrument, long fromOpenTime) implements FeedEvent {
        public Cover {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(instrument, "feedEvent.instrument");
        }
    }

    /** Everything of {@code instrument} before {@code liveFrom} was sent; live data follows. */
    record Resume(String feed, long epoch, long seq, Instrument instrument, long liveFrom) implements FeedEvent {
        public Resume {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(instrument, "feedEvent.instrument");
        }
    }

    /** The feed follows {@code instrument} from now on. */
    record Follow(String feed, long epoch, long seq, Instrument instrument) implements FeedEvent {
        public Follow {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(instrument, "feedEvent.instrument");
        }
    }

    /** The feed no longer follows {@code instrument}. */
    record Unfollow(String feed, long epoch, long seq, Instrument instrument) implements FeedEvent {
        public Unfollow {
            Checks.text(feed, "feedEvent.feed");
            Checks.present(instrument, "feedEvent.instrument");
        }
    }

    /**
     * The feed's connection is known to have delivered everything up to its clock time {@code aliveUntil}
     * ({@code Long.MIN_VALUE}: not yet); {@code now} is the feed's clock at sending and {@code shards} the shard
     * count it routes by, so a receiver counting differently says so at once.
     */
    record Alive(String feed, long epoch, long seq, long aliveUntil, long now, int shards) implements FeedEvent {
        public Alive {
            Checks.text(feed, "feedEvent.feed");
            if (shards < 1) {
                throw new IllegalArgumentException("feedEvent.shards: expected at least 1, was " + shards);
            }
        }
    }

    /**
     * The repair {@code token} asked for ({@link FeedRepair}) begins here: what follows in this sequence re-covers
     * the shard's instruments from REST, as after a reconnect.
     */
    record RepairStart(String feed, long epoch, long seq, long token) implements FeedEvent {
        public RepairStart {
            Checks.text(feed, "feedEvent.feed");
        }
    }
}
