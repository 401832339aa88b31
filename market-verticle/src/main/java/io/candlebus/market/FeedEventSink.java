package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;
import io.vertx.core.eventbus.EventBus;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link FeedSink} of a feed verticle: numbers what its feed produces per candle shard and sends it as {@link
 * FeedEvent}s to the shard that owns the instrument ({@code market.feed.<feed>.<shard>}). Trades and klines are
 * also published on {@code market.trades} and {@code market.klines} for their other readers (the order node's
 * last prices). Used on the feed verticle's event loop only.
 */
public final class FeedEventSink implements FeedSink {
    private final EventBus bus;
    private final String feed;
    private final long epoch;
    private final int shards;
    private final String[] addresses;
    private final long[] next;
    private long sent;

    public FeedEventSink(EventBus bus, String feed, long epoch, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards: expected at least 1, was " + shards);
        }
        this.bus = bus;
        this.feed = feed;
        this.epoch = epoch;
        this.shards = shards;
        this.addresses = new String[shards];
        this.next = new long[shards];
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
        int shard = shardOf(candle.instrument());
        send(shard, new FeedEvent.KlineEvent(feed, epoch, next[shard]++, candle));
        bus.publish(Addresses.MARKET_KLINES, candle);
    }

    @Override
    public void trade(Trade trade) {
        int shard = shardOf(trade.instrument());
        send(shard, new FeedEvent.TradeEvent(feed, epoch, next[shard]++, trade));
        bus.publish(Addresses.MARKET_TRADES, trade);
    }

    @Override
    public void suspend(Instrument instrument) {
        int shard = shardOf(instrument);
        send(shard, new FeedEvent.Suspend(feed, epoch, next[shard]++, instrument));
    }

    @Override
    public void cover(Instrument instrument, long fromOpenTime) {
        int shard = shardOf(instrument);
        send(shard, new FeedEvent.Cover(feed, epoch, next[shard]++, instrument, fromOpenTime));
    }

    @Override
    public void resume(Instrument instrument, long liveFrom) {
        int shard = shardOf(instrument);
        send(shard, new FeedEvent.Resume(feed, epoch, next[shard]++, instrument, liveFrom));
    }

    /** The feed follows {@code instrument} from now on. */
    public void follow(Instrument instrument) {
        int shard = shardOf(instrument);
        send(shard, new FeedEvent.Follow(feed, epoch, next[shard]++, instrument));
    }

    /** The feed no longer follows {@code instrument}. */
    public void unfollow(Instrument instrument) {
        int shard = shardOf(instrument);
        send(shard, new FeedEvent.Unfollow(feed, epoch, next[shard]++, instrument));
    }

    /** Tells every shard how long the feed's connection is known alive, by the feed's clock {@code now}. */
    public void alive(long aliveUntil, long now) {
        for (int shard = 0; shard < shards; shard++) {
            send(shard, new FeedEvent.Alive(feed, epoch, next[shard]++, aliveUntil, now, shards));
        }
    }

    /** Marks where the repair {@code token} of {@code shard} begins. */
    public void repairStart(int shard, long token) {
        send(shard, new FeedEvent.RepairStart(feed, epoch, next[shard]++, token));
    }

    /** Returns the heartbeat counters: events sent. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put("feedEvents", sent);
        return c;
    }

    private void send(int shard, FeedEvent event) {
        sent++;
        bus.send(addresses[shard], event);
    }
}
