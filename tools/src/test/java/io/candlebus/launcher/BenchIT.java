package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench end to end through the verticles a node deploys: six markets over two event loops, two feed connections
 * (two feed verticles, each on the event loop of the candle shard it feeds) and two candle shards, three intervals, paced; every closed candle of every interval comes out of the shards and gets its band.
 */
class BenchIT {
    @Test
    void everyClosedCandleOfEveryIntervalGetsItsBandThroughTheNodesVerticles() throws Exception {
        // 400 trades a minute over six markets for 31 minutes: minutes 0 to 29 close, and the 5m and 15m buckets
        // that end by minute 30 (six and two); the 31st minute stays open.
        BenchOptions options = new BenchOptions(
                null, 400 * 31, 20_000, 0, 1, null, false, 2, 0, 2, 6, List.of(Interval.M1, Interval.M5, Interval.M15));

        BenchResult result = BenchCommand.measure(options);

        assertThat(result.eventLoops()).isEqualTo(2);
        assertThat(result.shards()).isEqualTo(2);
        assertThat(result.feedConnections()).isEqualTo(2);
        assertThat(result.markets()).isEqualTo(6);
        assertThat(result.closedBands()).isEqualTo(6 * (30 + 6 + 2));
        assertThat(result.liveBands()).isPositive();
        assertThat(result.untraced()).isZero();
        assertThat(result.badInput()).isZero();
        // The bands were warm from the first trade: the feed had published the REST history before it.
        assertThat(result.historyBands()).isGreaterThanOrEqualTo(6 * 3);
        assertThat(result.latency().getTotalCount()).isEqualTo(result.closedBands() + result.liveBands());
        assertThat(result.rssBytes()).isPositive();
        // Each feed part ran on the event loop of the one shard it feeds, so its trades never crossed threads.
        assertThat(result.placement())
                .containsExactlyInAnyOrderEntriesOf(Map.of("bithumb.spot#0", 0, "bithumb.spot#1", 1));
    }
}
