package io.candlebus.contract;

/**
 * Routes instruments to candle shards and names feeds. A feed sends an instrument's {@link FeedEvent}s to shard
 * {@link #shardOf}; every node that runs feeds or candles must count the same shards ({@code
 * market.candleShards}), or events reach a shard that does not own them (it logs that loudly and counts {@code
 * wrongShard}).
 */
public final class FeedShards {
    private FeedShards() {}

    /**
     * Returns the shard of {@code instrument} among {@code shards}: {@link #slot} of the hash of its venue, market and
     * symbol names (String hashes, the same in every JVM).
     */
    public static int shardOf(Instrument instrument, int shards) {
        return slot(hash(instrument), shards);
    }

    /**
     * Returns which of {@code count} equal ranges the mixed {@code hash} falls in: the hash times the golden ratio
     * (Fibonacci hashing, so that names differing in their last letter land apart), as a fraction of 2^32, times
     * {@code count}. The feed parts of a venue market ({@code market.feedConnections}) use the same ranges, so that
     * with as many parts as shards, or a multiple, a part's codes go to the shards its range covers and no others.
     */
    public static int slot(int hash, int count) {
        long mixed = (hash * 0x9E3779B9L) & 0xFFFFFFFFL;
        return (int) ((mixed * count) >>> 32);
    }

    /** Returns the hash of {@code instrument}'s venue, market and symbol names, the same in every JVM. */
    public static int hash(Instrument instrument) {
        int h = instrument.exchange().wireName().hashCode();
        h = 31 * h + instrument.market().wireName().hashCode();
        return 31 * h + instrument.symbol().hashCode();
    }

    /** Returns the id of the feed of a venue market, {@code exchange.market}, e.g. {@code binance.spot}. */
    public static String feedId(Exchange exchange, Market market) {
        return exchange.wireName() + "." + market.wireName();
    }

    /** Returns the id of the feed that carries {@code instrument}. */
    public static String feedId(Instrument instrument) {
        return feedId(instrument.exchange(), instrument.market());
    }
}
