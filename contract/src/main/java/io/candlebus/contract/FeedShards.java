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
     * Returns the shard of {@code instrument} among {@code shards}: a hash of its venue, market and symbol names
     * (String hashes, the same in every JVM) modulo {@code shards}.
     */
    public static int shardOf(Instrument instrument, int shards) {
        return Math.floorMod(hash(instrument), shards);
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
