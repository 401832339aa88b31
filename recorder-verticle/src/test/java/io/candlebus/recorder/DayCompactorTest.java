package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.KRW_BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DayCompactorTest {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final LocalDate DATE = LocalDate.of(2024, 6, 30);
    private static final long MIDNIGHT =
            DATE.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final long DELAY = 10 * MINUTE;
    /** Just after the day ended plus the delay. */
    private static final long DUE = MIDNIGHT + DAY + DELAY;

    @TempDir
    Path dataDir;

    private final PartitionLocks locks = new PartitionLocks();

    private Path day(io.candlebus.contract.Instrument instrument, LocalDate date) {
        return dataDir.resolve(new PartitionPath(instrument, Interval.M1, date).relativeDir());
    }

    /** Records the day's last hour out of order in three flushes, one repeated key, and the next day's start. */
    private List<Candle> recordParts() {
        CandleRecorder recorder = new CandleRecorder(dataDir, "aa", locks);
        long hour = MIDNIGHT + DAY - 60 * MINUTE;
        List<Candle> all = TestCandles.run(BTCUSDT, Interval.M1, hour, 60);
        recorder.record(all.subList(40, 60));
        recorder.record(all.subList(0, 20));
        recorder.record(all.subList(20, 40));
        recorder.record(TestCandles.run(BTCUSDT, Interval.M1, MIDNIGHT + DAY, 5));
        return all;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Map<String, Object>> rowsInFileOrder(Path file) {
        return DuckDb.query("select * exclude (file_row_number) from read_parquet('" + file.toAbsolutePath()
                + "', file_row_number=true) order by file_row_number");
    }

    @Test
    void compactsAnEndedDayIntoOneSortedFileWithEveryRowUnchanged() throws IOException {
        List<Candle> all = recordParts();
        // A part repeating keys (as two recorders racing could leave): compaction keeps each key once.
        new CandleParquetWriter(dataDir)
                .write(new PartitionPath(BTCUSDT, Interval.M1, DATE), all.subList(30, 33), "bb", 0);
        List<Map<String, Object>> before = DuckDb.query("select distinct * from read_parquet('"
                + day(BTCUSDT, DATE).toAbsolutePath() + "/*.parquet') order by candle_begin_time");
        assertThat(files(day(BTCUSDT, DATE))).hasSize(4);

        int compacted = new DayCompactor(dataDir, locks, CompactionObserver.NONE).compactDue(DUE, DELAY);

        assertThat(compacted).isEqualTo(1);
        List<String> after = files(day(BTCUSDT, DATE));
        assertThat(after).hasSize(1);
        assertThat(PartFileName.parse(after.get(0)).orElseThrow().count()).isEqualTo(60);
        assertThat(rowsInFileOrder(day(BTCUSDT, DATE).resolve(after.get(0)))).isEqualTo(before);
        assertThat(files(day(BTCUSDT, DATE.plusDays(1)))).hasSize(1);
        assertThat(dataDir.resolve(DayCompactor.STAGING)
                        .resolve(new PartitionPath(BTCUSDT, Interval.M1, DATE).relativeDir()))
                .doesNotExist();
    }

    @Test
    void compactingTwiceChangesNothing() throws IOException {
        recordParts();
        DayCompactor compactor = new DayCompactor(dataDir, locks, CompactionObserver.NONE);
        compactor.compactDue(DUE, DELAY);
        List<String> once = files(day(BTCUSDT, DATE));
        long modified = Files.getLastModifiedTime(day(BTCUSDT, DATE).resolve(once.get(0)))
                .toMillis();

        assertThat(compactor.compactDue(DUE + DAY, DELAY)).isZero();

        assertThat(files(day(BTCUSDT, DATE))).isEqualTo(once);
        assertThat(Files.getLastModifiedTime(day(BTCUSDT, DATE).resolve(once.get(0)))
                        .toMillis())
                .isEqualTo(modified);
    }

    @Test
    void leavesDaysBeforeTheirEndPlusTheDelayAlone() throws IOException {
        recordParts();

        int compacted = new DayCompactor(dataDir, locks, CompactionObserver.NONE).compactDue(DUE - 1, DELAY);

        assertThat(compacted).isZero();
        assertThat(files(day(BTCUSDT, DATE))).hasSize(3);
    }

    /** Stands for a kill: an Error the compactor does not catch, so nothing of the step is undone. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @EnumSource(CompactionStep.class)
    void aCompactionInterruptedAtAnyStepIsFinishedOrRolledBackByTheNext(CompactionStep at) throws IOException {
        recordParts();
        CompactionObserver kill = (step, dir) -> {
            if (step == at) {
                throw new Killed();
            }
        };
        assertThatThrownBy(() -> new DayCompactor(dataDir, locks, kill).compactDue(DUE, DELAY))
                .isInstanceOf(Killed.class);
        // Readers see every key once even now, between the crash and the next run.
        assertThat(DuckDb.scalar("select count(*) - count(distinct candle_begin_time) from " + DuckDb.dataset(dataDir)))
                .isEqualTo(0L);
        assertThat(DuckDb.count(dataDir)).isEqualTo(65);

        new DayCompactor(dataDir, locks, CompactionObserver.NONE).compactDue(DUE, DELAY);

        assertThat(files(day(BTCUSDT, DATE))).hasSize(1);
        assertThat(DuckDb.count(dataDir)).isEqualTo(65);
        assertThat(dataDir.resolve(DayCompactor.STAGING)
                        .resolve(new PartitionPath(BTCUSDT, Interval.M1, DATE).relativeDir()))
                .doesNotExist();
    }

    @Test
    void theWriterAppendsNoPartWhileTheDayIsSwapped() throws Exception {
        List<Candle> all = recordParts();
        CandleRecorder writer = new CandleRecorder(dataDir, "cc", locks);
        PartitionPath partition = new PartitionPath(BTCUSDT, Interval.M1, DATE);
        Candle late = TestCandles.candle(BTCUSDT, Interval.M1, all.get(0).openTime() - MINUTE, 7);
        CompletableFuture<FlushOutcome> write = new CompletableFuture<>();
        CompactionObserver lateWriteDuringSwap = (step, dir) -> {
            if (step == CompactionStep.STAGED) {
                new Thread(() -> write.complete(writer.record(List.of(late)))).start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!locks.of(partition).hasQueuedThreads()) {
                    assertThat(System.nanoTime() - deadline)
                            .as("writer waiting for the day's lock")
                            .isNegative();
                    Thread.onSpinWait();
                }
            }
        };

        new DayCompactor(dataDir, locks, lateWriteDuringSwap).compactDue(DUE, DELAY);

        assertThat(write.get(10, TimeUnit.SECONDS).written()).isEqualTo(1);
        assertThat(files(day(BTCUSDT, DATE))).hasSize(2);
        assertThat(DuckDb.count(dataDir)).isEqualTo(66);
        new DayCompactor(dataDir, locks, CompactionObserver.NONE).compactDue(DUE, DELAY);
        assertThat(files(day(BTCUSDT, DATE))).hasSize(1);
        assertThat(DuckDb.count(dataDir)).isEqualTo(66);
    }

    @Test
    void aPartAnotherProcessAddedJustBeforeTheSwapIsMovedBackNotLost() throws IOException {
        List<Candle> all = recordParts();
        PartitionPath partition = new PartitionPath(BTCUSDT, Interval.M1, DATE);
        CompactionObserver foreignWrite = (step, dir) -> {
            if (step == CompactionStep.VERIFIED) {
                try {
                    // Another JVM's writer holds no lock of ours.
                    new CandleParquetWriter(dataDir)
                            .write(
                                    partition,
                                    List.of(TestCandles.candle(
                                            BTCUSDT, Interval.M1, all.get(0).openTime() - MINUTE, 9)),
                                    "dd",
                                    0);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        new DayCompactor(dataDir, locks, foreignWrite).compactDue(DUE, DELAY);

        assertThat(files(day(BTCUSDT, DATE))).hasSize(2);
        assertThat(DuckDb.count(dataDir)).isEqualTo(66);
        new DayCompactor(dataDir, locks, CompactionObserver.NONE).compactDue(DUE, DELAY);
        assertThat(files(day(BTCUSDT, DATE))).hasSize(1);
        assertThat(DuckDb.count(dataDir)).isEqualTo(66);
    }

    @Test
    void compactsEveryStreamOfTheDaySeparately() throws IOException {
        recordParts();
        CandleRecorder recorder = new CandleRecorder(dataDir, "ee", locks);
        recorder.record(TestCandles.run(KRW_BTC, Interval.M1, MIDNIGHT, 3));
        recorder.record(TestCandles.run(KRW_BTC, Interval.M1, MIDNIGHT + 10 * MINUTE, 3));

        int compacted = new DayCompactor(dataDir, locks, CompactionObserver.NONE).compactDue(DUE, DELAY);

        assertThat(compacted).isEqualTo(2);
        assertThat(files(day(KRW_BTC, DATE))).hasSize(1);
        assertThat(DuckDb.scalar("select count(*) from " + DuckDb.dataset(dataDir) + " where symbol = 'KRW-BTC'"))
                .isEqualTo(6L);
    }
}
