package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedFilesTest {
    private static final long MIN = 60_000L;

    @TempDir
    Path dataDir;

    @Test
    void listsTheOpenTimesOfEachFileFromNamesAndFooters() throws IOException {
        List<Candle> gappy = new ArrayList<>(TestCandles.run(KRW_BTC, Interval.M1, ARTICLE_OPEN_TIME, 6));
        gappy.remove(3);
        gappy.remove(1);
        CandleRecorder recorder = new CandleRecorder(dataDir, "aa");
        recorder.record(TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 4));
        recorder.record(gappy);
        long five = Interval.M5.openTimeOf(ARTICLE_OPEN_TIME);
        recorder.record(TestCandles.run(BTCUSDT, Interval.M5, five, 2));

        List<RecordedFiles.PartFile> files = RecordedFiles.list(dataDir);

        assertThat(files)
                .extracting(f -> f.instrument().key() + "/" + f.interval() + " " + f.runs() + " " + f.count())
                .containsExactly(
                        "binance:spot:BTCUSDT/1m [Run[first=" + ARTICLE_OPEN_TIME + ", last="
                                + (ARTICLE_OPEN_TIME + 3 * MIN) + "]] 4",
                        "binance:spot:BTCUSDT/5m [Run[first=" + five + ", last=" + (five + 5 * MIN) + "]] 2",
                        "bithumb:spot:KRW-BTC/1m [Run[first=" + ARTICLE_OPEN_TIME + ", last=" + ARTICLE_OPEN_TIME
                                + "], Run[first=" + (ARTICLE_OPEN_TIME + 2 * MIN) + ", last="
                                + (ARTICLE_OPEN_TIME + 2 * MIN) + "], Run[first=" + (ARTICLE_OPEN_TIME + 4 * MIN)
                                + ", last=" + (ARTICLE_OPEN_TIME + 5 * MIN) + "]] 4");
    }

    @Test
    void keepsFilesApartSoThatAKeyInTwoFilesShowsTwice() throws IOException {
        List<Candle> run = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        new CandleRecorder(dataDir, "aa").record(run);
        Path file = partFiles().get(0);
        // A copy under a name the recorder did not write: its open times come from the footer.
        Files.copy(file, file.resolveSibling("copied.parquet"));

        List<RecordedFiles.PartFile> files = RecordedFiles.list(dataDir);

        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(f -> assertThat(f.runs())
                .containsExactly(new RecordedFiles.Run(ARTICLE_OPEN_TIME, ARTICLE_OPEN_TIME + 2 * MIN)));
    }

    @Test
    void namesAFileWithNeitherNameNorFooter() throws IOException {
        List<Candle> run = TestCandles.run(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 3);
        Path dir = dataDir.resolve(PartitionPath.of(run.get(0)).relativeDir());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("foreign.parquet"), "not parquet at all");

        assertThatThrownBy(() -> RecordedFiles.list(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("foreign.parquet")
                .hasMessageContaining("expected");
    }

    @Test
    void returnsNothingWithoutADataset() throws IOException {
        assertThat(RecordedFiles.list(dataDir.resolve("absent"))).isEmpty();
    }

    private List<Path> partFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList();
        }
    }
}
