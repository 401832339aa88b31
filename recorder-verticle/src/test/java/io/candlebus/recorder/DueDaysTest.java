package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DueDaysTest {
    private static final long DAY = 86_400_000L;
    private static final LocalDate DATE = LocalDate.of(2024, 6, 30);
    private static final long END =
            DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final PartitionPath PARTITION = new PartitionPath(BTCUSDT, Interval.M1, DATE);

    @TempDir
    Path dataDir;

    @Test
    void aDayIsDueOnceItsEndPlusTheDelayHasPassed() throws IOException {
        Files.createDirectories(dataDir.resolve(PARTITION.relativeDir()));
        Files.createDirectories(dataDir.resolve(PartitionPath.DATASET).resolve("exchange=binance/market=spot/x"));
        DueDays days = new DueDays(dataDir);

        assertThat(days.due(END + 599_999, 600_000)).isEmpty();
        assertThat(days.due(END + 600_000, 600_000)).containsExactly(PARTITION);
    }

    @Test
    void aDaySeenSettledIsSkippedUntilItsDirectoryChanges() throws IOException {
        Path dir = Files.createDirectories(dataDir.resolve(PARTITION.relativeDir()));
        Files.setLastModifiedTime(dir, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        DueDays days = new DueDays(dataDir);

        days.settled(PARTITION, System.currentTimeMillis());
        assertThat(days.due(END + DAY, 0)).isEmpty();

        Files.createFile(dir.resolve("part-late.parquet"));
        assertThat(days.due(END + DAY, 0)).containsExactly(PARTITION);
    }

    @Test
    void aDayChangedMomentsAgoIsNotTrustedAsSettled() throws IOException {
        Files.createDirectories(dataDir.resolve(PARTITION.relativeDir()));
        DueDays days = new DueDays(dataDir);

        days.settled(PARTITION, System.currentTimeMillis());

        assertThat(days.due(END + DAY, 0)).containsExactly(PARTITION);
    }

    @Test
    void aStagedDayIsDueWhateverTheClock() throws IOException {
        Files.createDirectories(dataDir.resolve(DayCompactor.STAGING).resolve(PARTITION.relativeDir()));

        assertThat(new DueDays(dataDir).due(0, 600_000)).containsExactly(PARTITION);
    }
}
