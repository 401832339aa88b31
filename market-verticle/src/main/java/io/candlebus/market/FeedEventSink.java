package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;
import io.candlebus.contract.TradeBatch;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * The {@link FeedSink} of a feed verticle: numbers what its feed produces per candle shard and sends it as {@link
 * FeedEvent}s to the shard that owns the instrument ({@code market.feed.<feed>.<shard>}). Trades and klines are
 * also published on {@code market.trades} (a {@link TradeBatch} per turn) and {@code market.klines} for their other
 * readers (the order node's last prices and paper fills). Used on the feed verticle's event loop only.
 *
 * <p>The trades a shard is due in one turn of the feed's event loop go as one {@link FeedEvent.Trades}, sent when
 * the turn is over (a task queued on the loop at the first of them) or before any other event for that shard, so
 * each shard still sees everything in the order the feed produced it. One bus message per trade cost the feed loop
 * more than parsing did, and a wake-up of the shard's loop per trade.
 */
public final class FeedEventSink implements FeedSink {
    /** Trades held at most before they are sent within the turn. */
    static final int MAX_BATCH = 512;

    private final EventBus bus;
    private final Context context;
    private final String feed;
    private final long epoch;
    private final int shards;
    private final String[] addresses;
    private final long[] next;
    /** Per shard, the trades taken in this turn of the loop and not yet sent; null when none. */
    private final List<List<Trade>> pending;
    /** The trades taken in this turn of the loop and not yet published on market.trades; null when none. */
    private List<Trade> published;

    private boolean flushQueued;
    private boolean closed;
    private long sent;
    private long tradesSent;

    /** A sink sending on {@code bus}, flushing trades at the end of each turn of {@code context}'s event loop. */
    public FeedEventSink(EventBus bus, Context context, String feed, long epoch, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards: expected at least 1, was " + shards);
        }
        this.bus = bus;
        this.context = context;
        this.feed = feed;
        this.epoch = epoch;
        this.shards = shards;
        this.addresses = new String[shards];
        this.next = new long[shards];
        this.pending = new ArrayList<>(Collections.nCopies(shards, null));
        for (int i = 0; i < shards; i++) {
            addresses[i] = Addresses.marketFeed(feed, i);
        }
    }

    /** Returns the feed id the events carry. */
    public String feed() {
        return feed;
    }

    /** Returns this start's epoch. */
    public long epoch() {
        return epoch;
    }

    /** Returns the shard count routed by. */
    public int shards() {
        return shards;
    }

    /** Returns the shard of {@code instrument}. */
    public int shardOf(Instrument instrument) {
        return FeedShards.shardOf(instrument, shards);
    }

    @Override
    public void kline(Candle candle) {
        if (closed) {
            return;
        }
        int shard = shardOf(candle.instrument());
        send(shard, seq -> new FeedEvent.KlineEvent(feed, epoch, seq, candle));
        bus.publish(Addresses.MARKET_KLINES, candle);
    }

    @Override
    public void trade(Trade trade) {
        if (closed) {
            return;
        }
        int shard = shardOf(trade.instrument());
        List<Trade> due = pending.get(shard);
        if (due == null) {
            due = new ArrayList<>();
            pending.set(shard, due);
        }
        due.add(trade);
        if (published == null) {
            published = new ArrayList<>();
        }
        published.add(trade);
        if (published.size() >= MAX_BATCH) {
            // A loop behind on its queue (a burst) would otherwise hold the trades until it is through it.
            flush();
        } else if (!flushQueued) {
            flushQueued = true;
            context.runOnContext(v -> {
                flushQueued = false;
                flush();
            });
        }
    }

    @Override
    public void suspend(Instrument instrument) {
        int shard = shardOf(instrument);
        send(shard, seq -> new FeedEvent.Suspend(feed, epoch, seq, instrument));
    }

    @Override
    public void cover(Instrument instrument, long fromOpenTime) {
        int shard = shardOf(instrument);
        send(shard, seq -> new FeedEvent.Cover(feed, epoch, seq, instrument, fromOpenTime));
    }

    @Override
    public void resume(Instrument instrument, long liveFrom) {
        int shard = shardOf(instrument);
        send(shard, seq -> new FeedEvent.Resume(feed, epoch, seq, instrument, liveFrom));
    }

    /** The feed follows {@code instrument} from now on. */
    public void follow(Instrument instrument) {
        int shard = shardOf(instrument);
        send(shard, seq -> new FeedEvent.Follow(feed, epoch, seq, instrument));
    }

    /** The feed no longer follows {@code instrument}. */
    public void unfollow(Instrument instrument) {
        int shard = shardOf(instrument);
        send(shard, seq -> new FeedEvent.Unfollow(feed, epoch, seq, instrument));
    }

    /** Tells every shard how long the feed's connection is known alive, by the feed's clock {@code now}. */
    public void alive(long aliveUntil, long now) {
        for (int shard = 0; shard < shards; shard++) {
            send(shard, seq -> new FeedEvent.Alive(feed, epoch, seq, aliveUntil, now, shards));
        }
    }

    /** Marks where the repair {@code token} of {@code shard} begins. */
    public void repairStart(int shard, long token) {
        send(shard, seq -> new FeedEvent.RepairStart(feed, epoch, seq, token));
    }

    /**
     * Sends the trades taken so far, one {@link FeedEvent.Trades} per shard due any, and publishes them on {@code
     * market.trades} as one {@link TradeBatch}.
     */
    public void flush() {
        for (int shard = 0; shard < shards; shard++) {
            flush(shard);
        }
        if (published != null && !closed) {
            bus.publish(Addresses.MARKET_TRADES, new TradeBatch(published));
        }
        published = null;
    }

    /**
     * Sends nothing more, pending trades included: the feed stopped (its lease was lost) and a fresh sink under a new
     * epoch replaces this one; the trades not sent are re-covered by the next holder.
     */
    public void close() {
        closed = true;
        Collections.fill(pending, null);
        published = null;
    }

    /** Returns the heartbeat counters: events sent, trades among them. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put("feedEvents", sent);
        c.put("feedTrades", tradesSent);
        return c;
    }

    private void flush(int shard) {
        List<Trade> due = pending.get(shard);
        if (due == null) {
            return;
        }
        pending.set(shard, null);
        tradesSent += due.size();
        sent++;
        bus.send(addresses[shard], new FeedEvent.Trades(feed, epoch, next[shard]++, due));
    }

    /** Sends the event {@code numbered} makes of the shard's next number, after what the shard is due from before. */
    private void send(int shard, LongFunction<FeedEvent> numbered) {
        if (closed) {
            return;
        }
        flush(shard);
        sent++;
        bus.send(addresses[shard], numbered.apply(next[shard]++));
    }
}
