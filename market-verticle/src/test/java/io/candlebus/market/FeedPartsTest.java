package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedPartsTest {
    private static final Instrument BITHUMB_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument BITHUMB_ETH = Instrument.parse("bithumb:spot:KRW-ETH");

    @Test
    void oneConnectionKeepsThePlainNamesOfEveryVenueMarket() {
        FeedParts parts = new FeedParts(1);
        assertThat(parts.feedId(BITHUMB_BTC)).isEqualTo("bithumb.spot");
        assertThat(parts.feedKey(BITHUMB_BTC)).isEqualTo("bithumb:spot");
        assertThat(parts.ids())
                .containsExactly("binance.spot", "binance.usdm", "binance.coinm", "bithumb.spot", "upbit.spot")
                .hasSameSizeAs(Set.copyOf(parts.ids()));
    }

    @Test
    void theTradeStreamVenuesAreSpreadAndBinanceIsNot() {
        FeedParts parts = new FeedParts(3);
        assertThat(parts.count(Exchange.BITHUMB)).isEqualTo(3);
        assertThat(parts.count(Exchange.UPBIT)).isEqualTo(3);
        assertThat(parts.count(Exchange.BINANCE)).isEqualTo(1);
        assertThat(parts.feedId(Instrument.parse("binance:usdm:BTCUSDT"))).isEqualTo("binance.usdm");
        assertThat(parts.ids())
                .contains("bithumb.spot#0", "bithumb.spot#1", "bithumb.spot#2", "upbit.spot#2", "binance.spot")
                .doesNotContain("bithumb.spot")
                .hasSize(3 + 3 + 3);
        String id = parts.feedId(BITHUMB_BTC);
        assertThat(id).matches("bithumb\\.spot#[012]");
        assertThat(parts.feedKey(BITHUMB_BTC)).isEqualTo(id.replace("bithumb.spot", "bithumb:spot"));
        assertThat(FeedParts.feedId(Exchange.BITHUMB, Market.SPOT, parts.partOf(BITHUMB_BTC)))
                .isEqualTo(id);
    }

    @Test
    void codesSpreadOverEveryPartAndFollowTheCandleShards() {
        for (int count = 2; count <= 4; count++) {
            FeedParts parts = new FeedParts(count);
            int[] perPart = new int[count];
            for (int i = 0; i < 400; i++) {
                Instrument code = Instrument.parse("bithumb:spot:KRW-C" + i);
                FeedPart part = parts.partOf(code);
                perPart[part.index()]++;
                assertThat(parts.partOf(code)).isEqualTo(part);
                // With as many shards as parts, or a multiple, a part's codes go only to the shards it is placed with.
                for (int shards : new int[] {count, 2 * count}) {
                    assertThat(FeedPlacement.feeds(part, FeedShards.shardOf(code, shards), shards))
                            .as(
                                    "%s of %d parts feeds shard %d of %d",
                                    code, count, FeedShards.shardOf(code, shards), shards)
                            .isTrue();
                }
            }
            for (int n : perPart) {
                assertThat(n).as("codes of one of %d parts", count).isBetween(400 / count / 2, 400 / count * 2);
            }
        }
        // The demo's two Bithumb codes (and the bench's four) land on both of two connections.
        FeedParts two = new FeedParts(2);
        assertThat(two.partOf(BITHUMB_BTC)).isNotEqualTo(two.partOf(BITHUMB_ETH));
    }

    @Test
    void aPartNamesItselfAndSharesTheVenueCap() {
        assertThat(FeedPart.WHOLE.suffix()).isEmpty();
        assertThat(new FeedPart(1, 2).suffix()).isEqualTo("#1");
        assertThat(new FeedPart(0, 3).share(10)).isEqualTo(3);
        assertThat(new FeedPart(0, 16).share(10)).isEqualTo(1);
        assertThat(List.of(new FeedPart(0, 2).share(10), new FeedPart(1, 2).share(10)))
                .containsExactly(5, 5);
        assertThatThrownBy(() -> new FeedPart(2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 0 <= index < count");
    }
}
