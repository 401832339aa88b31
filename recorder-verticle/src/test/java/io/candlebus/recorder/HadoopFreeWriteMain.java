package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs in a JVM started with only the runtime-scope classpath (see {@code HadoopFreeRuntimeIT}): checks that
 * no Hadoop class is present, then writes candles, including a gappy file whose open times come back from its
 * footer, and re-records them through a second recorder that must find them all on disk.
 */
final class HadoopFreeWriteMain {
    private HadoopFreeWriteMain() {}

    public static void main(String[] args) {
        try {
            Class.forName("org.apache.hadoop.conf.Configuration");
            System.err.println("hadoop: expected absent from the classpath, was present");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // The point of this run.
        }
        Path dataDir = Path.of(args[0]);
        List<Candle> batch =
                new ArrayList<>(TestCandles.run(TestCandles.BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 30));
        batch.remove(10);
        FlushOutcome first = new CandleRecorder(dataDir, "f0").record(batch);
        FlushOutcome again = new CandleRecorder(dataDir, "f1").record(batch);
        FlushOutcome expectedFirst = new FlushOutcome(29, 0, 1, Map.of());
        FlushOutcome expectedAgain = new FlushOutcome(0, 29, 0, Map.of());
        if (!first.equals(expectedFirst) || !again.equals(expectedAgain)) {
            System.err.println("outcomes: expected " + expectedFirst + " then " + expectedAgain + ", was " + first
                    + " then " + again);
            System.exit(4);
        }
        System.out.println("wrote " + first.written() + " candles without Hadoop");
    }
}
