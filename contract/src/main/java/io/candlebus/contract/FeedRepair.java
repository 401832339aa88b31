package io.candlebus.contract;

import java.util.Map;
import java.util.TreeMap;

/**
 * Asks a feed to re-cover from REST, as after a reconnect, every instrument it routes to {@code shard} of {@code
 * shards}: the candle shard found a hole in the feed's {@link FeedEvent} sequence. {@code fromOpenTime} gives, per
 * instrument key, the first 1m open time the shard has not closed (an instrument absent from it is re-covered from
 * its warm-up). The feed answers at once with an empty reply and sends {@link FeedEvent.RepairStart} with {@code
 * token} on the shard's address before the re-cover's events. Request/reply on {@link
 * Addresses#marketFeedRepair(String)}.
 */
public record FeedRepair(int shard, int shards, long token, Map<String, Long> fromOpenTime) {

    public FeedRepair {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException(
                    "feedRepair.shard: expected 0 <= shard < shards, was " + shard + " of " + shards);
        }
        fromOpenTime = Map.copyOf(new TreeMap<>(Checks.present(fromOpenTime, "feedRepair.fromOpenTime")));
    }
}
