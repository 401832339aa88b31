package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteLanesTest {
    @TempDir
    Path dir;

    @Test
    void everyStreamGoesToOneLaneAndTheLanesShareTheWork() {
        WriteLanes lanes = new WriteLanes(dir, "0123456789abcdef", 8);
        List<Candle> candles = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            candles.addAll(TestCandles.run(
                    Instrument.of("binance", "spot", "S" + s + "USDT"), Interval.M1, ARTICLE_OPEN_TIME, 3));
        }

        List<List<Candle>> parts = lanes.split(candles);

        assertThat(parts).hasSize(8);
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(600);
        assertThat(parts).allSatisfy(p -> assertThat(p.size()).isBetween(30, 120));
        for (List<Candle> part : parts) {
            for (Candle c : part) {
                assertThat(parts.stream().filter(p -> p.stream()
                                .anyMatch(o -> o.instrument().equals(c.instrument()))))
                        .as("lanes holding %s", c.instrument())
                        .hasSize(1);
            }
        }
    }

    @Test
    void lanesWritingAtOnceLeaveEachKeyOnceAndTheirOutcomesAddUp() throws Exception {
        WriteLanes lanes = new WriteLanes(dir, "0123456789abcdef", 4);
        List<Candle> candles = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            candles.addAll(TestCandles.run(
                    Instrument.of("binance", "spot", "S" + s + "USDT"), Interval.M1, ARTICLE_OPEN_TIME, 5));
        }
        List<List<Candle>> parts = lanes.split(candles);
        List<FlushOutcome> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            int lane = i;
            Thread t = new Thread(() -> {
                FlushOutcome o = lanes.lane(lane).record(parts.get(lane));
                synchronized (outcomes) {
                    outcomes.add(o);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }

        FlushOutcome total = WriteLanes.merge(outcomes);
        assertThat(total.written()).isEqualTo(200);
        assertThat(total.files()).isEqualTo(40);
        assertThat(total.failures()).isEqualTo(Map.of());
        assertThat(DuckDb.count(dir)).isEqualTo(200);
        assertThat(WriteLanes.merge(List.of(lanes.lane(0).record(parts.get(0)))).duplicates())
                .isEqualTo(parts.get(0).size());
    }
}
