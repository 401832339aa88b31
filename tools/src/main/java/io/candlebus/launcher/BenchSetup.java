package io.candlebus.launcher;

import io.candlebus.contract.Interval;
import java.util.List;

/**
 * How the bench lays out the node it measures.
 *
 * @param eventLoops the Vert.x event-loop pool size
 * @param shards candle shards ({@code market.candleShards})
 * @param intervals the candle intervals ({@code market.intervals})
 * @param feedConnections connections the Bithumb codes are spread over, a feed verticle each
 *     ({@code market.feedConnections})
 * @param warmupCandles closed candles of the largest interval fetched from REST before the stream
 *     ({@code market.warmupCandles}): enough for the bands from the first message on
 */
record BenchSetup(int eventLoops, int shards, int feedConnections, List<Interval> intervals, int warmupCandles) {
    static final int WARMUP_CANDLES = 25;

    BenchSetup {
        intervals = List.copyOf(intervals);
    }
}
