package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamFileLocksTest {
    private static final long DAY = 86_400_000L;
    private static final int ROUNDS = 60;

    @TempDir
    Path dataDir;

    @Test
    void twoRecordersGivenTheSameCandlesAtOnceWriteEachKeyOnce() throws Exception {
        // Two recorders as two processes would be: own writer ids, own partition locks, own indexes.
        CandleRecorder a = new CandleRecorder(dataDir, "aaaaaaaaaaaaaaaa");
        CandleRecorder b = new CandleRecorder(dataDir, "bbbbbbbbbbbbbbbb");
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME + round * DAY, 5);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<FlushOutcome> byA = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return a.record(candles);
                });
                Future<FlushOutcome> byB = threads.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return b.record(candles);
                });
                FlushOutcome first = byA.get(30, TimeUnit.SECONDS);
                FlushOutcome second = byB.get(30, TimeUnit.SECONDS);
                assertThat(first.written() + second.written())
                        .as("round %d", round)
                        .isEqualTo(5);
                assertThat(first.duplicates() + second.duplicates())
                        .as("round %d", round)
                        .isEqualTo(5);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(DuckDb.count(dataDir)).isEqualTo(5L * ROUNDS);
        assertThat(Files.isRegularFile(dataDir.resolve(StreamFileLocks.DIR + "/binance/spot/BTCUSDT/.1m.lock")))
                .isTrue();
    }
}
