package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs in a JVM started with only the runtime-scope classpath (see {@code HadoopFreeRuntimeIT}): records a
 * day in three parts and compacts it, reading the parts back with parquet-java and Hadoop's API jar alone.
 */
final class RuntimeCompactMain {
    private RuntimeCompactMain() {}

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        List<Candle> day = TestCandles.run(TestCandles.BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 29);
        CandleRecorder recorder = new CandleRecorder(dataDir, "f2");
        recorder.record(day.subList(0, 10));
        recorder.record(day.subList(20, 29));
        recorder.record(day.subList(10, 20));
        long afterTheDay = TestCandles.ARTICLE_OPEN_TIME + 2 * 86_400_000L;
        int compacted =
                new DayCompactor(dataDir, new PartitionLocks(), CompactionObserver.NONE).compactDue(afterTheDay, 0);
        if (compacted != 1) {
            System.err.println("compaction: expected 1 day compacted, was " + compacted);
            System.exit(4);
        }
        System.out.println("compacted 3 parts of " + day.size() + " candles");
    }
}
