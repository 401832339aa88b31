package io.candlebus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedShardsTest {
    @Test
    void theShardIsFixedByNamesAloneSoEveryJvmRoutesAlike() {
        // Pinned values: a change of the hash splits a running cluster's routing between versions (the nodes of a
        // cluster run one version).
        int hash = 31 * (31 * "binance".hashCode() + "spot".hashCode()) + "BTCUSDT".hashCode();
        assertThat(FeedShards.shardOf(Instrument.parse("binance:spot:BTCUSDT"), 4))
                .isEqualTo((int) ((((hash * 0x9E3779B9L) & 0xFFFFFFFFL) * 4) >>> 32));
        assertThat(FeedShards.shardOf(Instrument.parse("bithumb:spot:KRW-BTC"), 1))
                .isZero();
    }

    @Test
    void instrumentsSpreadOverEveryShard() {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            int shard = FeedShards.shardOf(Instrument.parse("binance:usdm:SYM" + i + "USDT"), 4);
            assertThat(shard).isBetween(0, 3);
            used.add(shard);
        }
        assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void feedIdsMatchAddresses() {
        assertThat(FeedShards.feedId(Instrument.parse("bithumb:spot:KRW-BTC"))).isEqualTo("bithumb.spot");
        assertThat(Addresses.marketFeed("binance.coinm", 3)).isEqualTo("market.feed.binance.coinm.3");
        assertThat(Addresses.marketFeedRepair("binance.spot")).isEqualTo("market.feed.binance.spot.repair");
        assertThat(Addresses.marketFeedControl("bithumb.spot")).isEqualTo("market.feed.bithumb.spot.control");
    }
}
