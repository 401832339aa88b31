package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTempFilesTest {
    private static final long NOW = 1_767_225_600_000L;

    @Test
    void onlyTemporaryPartFilesPastTheAgeAreRemoved(@TempDir Path data) throws Exception {
        Path partition = Files.createDirectories(
                data.resolve("candles/exchange=binance/market=spot/symbol=BTCUSDT/interval=1m/date=2026-01-01"));
        Path abandoned = file(partition, ".part-1-2-2-w1-1.parquet.tmp", NOW - StaleTempFiles.MAX_AGE_MILLIS - 1);
        Path inProgress = file(partition, ".part-3-4-2-w2-1.parquet.tmp", NOW - StaleTempFiles.MAX_AGE_MILLIS + 1);
        Path oldData = file(partition, "part-1-2-2-w1-1.parquet", NOW - 10 * StaleTempFiles.MAX_AGE_MILLIS);
        Path otherHidden = file(partition, ".notes.tmp", NOW - 10 * StaleTempFiles.MAX_AGE_MILLIS);

        assertThat(StaleTempFiles.sweep(data, NOW)).isEqualTo(1);

        assertThat(abandoned).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(oldData).exists();
        assertThat(otherHidden).exists();
        assertThat(StaleTempFiles.sweep(data, NOW)).isZero();
    }

    @Test
    void aDatasetNotYetCreatedHasNothingToSweep(@TempDir Path data) throws Exception {
        assertThat(StaleTempFiles.sweep(data.resolve("absent"), NOW)).isZero();
    }

    private static Path file(Path dir, String name, long modifiedMillis) throws Exception {
        Path p = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(p, FileTime.fromMillis(modifiedMillis));
        return p;
    }
}
