package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.ETHUSDT_PERP;
import static io.candlebus.recorder.TestCandles.KRW_BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleRecorderTest {
    private static final long DAY = 86_400_000L;

    @TempDir
    Path dataDir;

    @Test
    void writesOneFilePerPartitionAndCandleDay() {
        // 23:58 to 00:02: two days of BTCUSDT 1m, plus another instrument and interval.
        long start = ARTICLE_OPEN_TIME - Math.floorMod(ARTICLE_OPEN_TIME, DAY) + DAY - 2 * 60_000L;
        List<Candle> batch = new ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, start, 4));
        batch.addAll(TestCandles.run(ETHUSDT_PERP, Interval.M5, start + 120_000L, 3));

        FlushOutcome outcome = new CandleRecorder(dataDir, "aa").record(batch);

        assertThat(outcome).isEqualTo(new FlushOutcome(7, 0, 3, Map.of()));
        List<Map<String, Object>> parts = DuckDb.query("select symbol, \"interval\", cast(date as varchar) as d,"
                + " count(*) as n from " + DuckDb.dataset(dataDir) + " group by all order by all");
        assertThat(parts)
                .containsExactly(
                        Map.of("symbol", "BTCUSDT", "interval", "1m", "d", "2024-06-30", "n", 2L),
                        Map.of("symbol", "BTCUSDT", "interval", "1m", "d", "2024-07-01", "n", 2L),
                        Map.of("symbol", "ETHUSDT", "interval", "5m", "d", "2024-07-01", "n", 3L));
    }

    @Test
    void keepsTheFirstOfCandlesRepeatedInOneBatch() {
        List<Candle> run = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        Candle sameKeyOtherValues = TestCandles.candle(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME + 60_000L, 40);
        List<Candle> batch = List.of(run.get(2), run.get(1), sameKeyOtherValues, run.get(0), run.get(1));

        FlushOutcome outcome = new CandleRecorder(dataDir, "aa").record(batch);

        assertThat(outcome).isEqualTo(new FlushOutcome(3, 2, 1, Map.of()));
        assertThat(DuckDb.query("select epoch_ms(candle_begin_time) as b, trade_num from " + DuckDb.dataset(dataDir)
                        + " order by b"))
                .extracting(r -> r.get("trade_num"))
                .containsExactly(400L, 401L, 402L);
    }

    @Test
    void skipsCandlesWrittenByAnEarlierFlush() {
        CandleRecorder recorder = new CandleRecorder(dataDir, "aa");
        List<Candle> run = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 6);

        FlushOutcome first = recorder.record(run.subList(0, 4));
        FlushOutcome second = recorder.record(run.subList(2, 6));
        FlushOutcome third = recorder.record(run);

        assertThat(first).isEqualTo(new FlushOutcome(4, 0, 1, Map.of()));
        assertThat(second).isEqualTo(new FlushOutcome(2, 2, 1, Map.of()));
        assertThat(third).isEqualTo(new FlushOutcome(0, 6, 0, Map.of()));
        assertThat(DuckDb.count(dataDir)).isEqualTo(6);
        assertThat(DuckDb.scalar("select count(distinct candle_begin_time) from " + DuckDb.dataset(dataDir)))
                .isEqualTo(6L);
    }

    @Test
    void restartedRecorderRebuildsTheIndexFromNamesAndFooters() throws IOException {
        List<Candle> contiguous = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 5);
        List<Candle> gappy = new ArrayList<>(TestCandles.run(KRW_BTC, Interval.M1, ARTICLE_OPEN_TIME, 6));
        gappy.remove(3);
        gappy.remove(1);
        List<Candle> all = new ArrayList<>(contiguous);
        all.addAll(gappy);
        new CandleRecorder(dataDir, "aa").record(all);

        CandleRecorder restarted = new CandleRecorder(dataDir, "bb");
        FlushOutcome again = restarted.record(all);
        Candle missing =
                TestCandles.run(KRW_BTC, Interval.M1, ARTICLE_OPEN_TIME, 6).get(3);
        FlushOutcome gapFill = restarted.record(List.of(missing));

        assertThat(again).isEqualTo(new FlushOutcome(0, 9, 0, Map.of()));
        assertThat(gapFill).isEqualTo(new FlushOutcome(1, 0, 1, Map.of()));
        assertThat(restarted.index().loads()).isEqualTo(2);
        assertThat(DuckDb.count(dataDir)).isEqualTo(10);
        assertThat(partFiles()).hasSize(3);
    }

    @Test
    void skipsCandlesAnotherRecorderWroteAfterItsIndexWasLoaded() {
        CandleRecorder a = new CandleRecorder(dataDir, "aa");
        CandleRecorder b = new CandleRecorder(dataDir, "bb");
        List<Candle> run = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 8);

        FlushOutcome loadedByB = b.record(run.subList(0, 2));
        FlushOutcome byA = a.record(run.subList(0, 5));
        // As after a kill -9 of recorder a between its rename and its acknowledgement: the market re-sends.
        FlushOutcome resentToB = b.record(run.subList(2, 8));

        assertThat(loadedByB).isEqualTo(new FlushOutcome(2, 0, 1, Map.of()));
        assertThat(byA).isEqualTo(new FlushOutcome(3, 2, 1, Map.of()));
        assertThat(resentToB).isEqualTo(new FlushOutcome(3, 3, 1, Map.of()));
        assertThat(b.index().loads()).isEqualTo(1);
        assertThat(DuckDb.count(dataDir)).isEqualTo(8);
        assertThat(DuckDb.scalar("select count(distinct candle_begin_time) from " + DuckDb.dataset(dataDir)))
                .isEqualTo(8L);
    }

    @Test
    void readsTheFooterOfAnotherRecordersGappyFileOnceAndListsOnlyBeforeWriting() {
        CandleRecorder a = new CandleRecorder(dataDir, "aa");
        CandleRecorder b = new CandleRecorder(dataDir, "bb");
        List<Candle> day = TestCandles.run(KRW_BTC, Interval.M1, ARTICLE_OPEN_TIME, 6);
        List<Candle> gappy = List.of(day.get(0), day.get(2), day.get(4));
        PartitionScanner scanner = b.index().scanner();

        b.record(List.of(day.get(5)));
        FlushOutcome byA = a.record(gappy);
        FlushOutcome gappyToB = b.record(gappy);
        long footersAfterFirstRefresh = scanner.footerReads();
        FlushOutcome gapFillByB = b.record(List.of(day.get(1), day.get(3)));
        long listingsBeforeReplay = scanner.listings();
        FlushOutcome replayToB = b.record(day);

        assertThat(byA).isEqualTo(new FlushOutcome(3, 0, 1, Map.of()));
        assertThat(gappyToB).isEqualTo(new FlushOutcome(0, 3, 0, Map.of()));
        assertThat(gapFillByB).isEqualTo(new FlushOutcome(2, 0, 1, Map.of()));
        assertThat(replayToB).isEqualTo(new FlushOutcome(0, 6, 0, Map.of()));
        assertThat(footersAfterFirstRefresh).isEqualTo(1);
        // a's gappy file is known by name and b's own gappy file from writing it: no footer read again.
        assertThat(scanner.footerReads()).isEqualTo(1);
        // Load, two refreshes before writing; a batch of candles all known as recorded lists nothing.
        assertThat(listingsBeforeReplay).isEqualTo(3);
        assertThat(scanner.listings()).isEqualTo(3);
        assertThat(scanner.filesIndexed()).isEqualTo(1);
        assertThat(DuckDb.count(dataDir)).isEqualTo(6);
    }

    @Test
    void reloadsAPartitionDroppedFromTheIndex() {
        CandleRecorder recorder = new CandleRecorder(dataDir, "aa", 1);
        List<Candle> btc = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        List<Candle> eth = TestCandles.run(ETHUSDT_PERP, Interval.M1, ARTICLE_OPEN_TIME, 3);

        recorder.record(btc);
        recorder.record(eth);
        FlushOutcome again = recorder.record(btc);

        assertThat(again).isEqualTo(new FlushOutcome(0, 3, 0, Map.of()));
        assertThat(recorder.index().loads()).isEqualTo(3);
        assertThat(recorder.index().cachedPartitions()).isEqualTo(1);
        assertThat(DuckDb.count(dataDir)).isEqualTo(6);
    }

    @Test
    void reportsAFailedPartitionAndStillWritesTheOthers() throws IOException {
        List<Candle> btc = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        List<Candle> eth = TestCandles.run(ETHUSDT_PERP, Interval.M1, ARTICLE_OPEN_TIME, 3);
        PartitionPath blocked = PartitionPath.of(eth.get(0));
        // A plain file where the partition's date directory belongs makes that one write fail.
        Files.createDirectories(dataDir.resolve(blocked.relativeDir()).getParent());
        Files.writeString(dataDir.resolve(blocked.relativeDir()), "not a directory");
        List<Candle> batch = new ArrayList<>(btc);
        batch.addAll(eth);
        CandleRecorder recorder = new CandleRecorder(dataDir, "aa");

        FlushOutcome failed = recorder.record(batch);

        assertThat(failed.written()).isEqualTo(3);
        assertThat(failed.failures()).containsOnlyKeys(blocked);
        assertThat(failed.failureFor(eth.get(1)))
                .startsWith(blocked + ": expected the candles written to Parquet, was ");
        assertThat(failed.failureFor(btc.get(1))).isNull();

        Files.delete(dataDir.resolve(blocked.relativeDir()));
        FlushOutcome retried = recorder.record(batch);

        assertThat(retried).isEqualTo(new FlushOutcome(3, 3, 1, Map.of()));
        assertThat(DuckDb.count(dataDir)).isEqualTo(6);
    }

    @Test
    void ignoresHiddenFilesAndSkipsForeignFilesWithoutLosingCandles() throws IOException {
        List<Candle> run = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        Path dir = dataDir.resolve(PartitionPath.of(run.get(0)).relativeDir());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(".part-1-2-2-ff-000000.parquet.tmp"), "half written");
        Files.writeString(dir.resolve("_SUCCESS"), "");
        Files.writeString(dir.resolve("notes.parquet.bak"), "");

        FlushOutcome outcome = new CandleRecorder(dataDir, "aa").record(run);

        assertThat(outcome).isEqualTo(new FlushOutcome(3, 0, 1, Map.of()));
        assertThat(DuckDb.count(dataDir)).isEqualTo(3);
    }

    @Test
    void refusesAnOpenCandle() {
        Candle open = TestCandles.open(TestCandles.articleCandle());

        assertThatThrownBy(() -> new CandleRecorder(dataDir, "aa").record(List.of(open)))
                .hasMessageStartingWith("candle: expected a closed candle, was open");
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList();
        }
    }
}
