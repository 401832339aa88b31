package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.recorder.CompactionStep;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compaction killed with SIGKILL at each of its steps, in a JVM of its own running the production compactor
 * ({@link CompactionKillMain}), then run again as a restarted recorder would: {@code check --data} must find
 * every key exactly once, and every ended day must be one file.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CompactionKillIT {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");
    /** 2026-01-01T22:00Z: three hours cross midnight, so each stream has two days. */
    private static final long FIRST = 1_767_304_800_000L;

    private static final long DAY = 86_400_000L;
    private static final int MINUTES = 180;

    @TempDir
    static Path recorded;

    @BeforeAll
    static void recordInManyParts() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.deployVerticle(new RecorderVerticle(
                            new RecorderConfig(recorded, 20, 10_000), Clock.systemUTC(), "kill-it"))
                    .await(30, TimeUnit.SECONDS);
            // Waves of twenty minutes, each acknowledged before the next: several parts per day.
            for (int from = 0; from < MINUTES; from += 20) {
                List<Future<?>> acks = new ArrayList<>();
                for (Instrument i : List.of(BTC, KRW)) {
                    for (Candle c : minutes(i, from, from + 20)) {
                        acks.add(vertx.eventBus().request(Addresses.RECORDER_CANDLES, c));
                    }
                }
                Future.all(acks).await(60, TimeUnit.SECONDS);
            }
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(CompactionStep.class)
    void killedAtAnyStepTheRestartLeavesEveryKeyOnceInOneFilePerDay(CompactionStep step, @TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("data");
        copy(recorded, data);
        assertThat(dayFiles(data, BTC, "2026-01-01")).isGreaterThan(1);
        long afterBothDays = FIRST + 2 * DAY;

        Path log = dir.resolve("killed.log");
        Process killed = start(log, data, afterBothDays, step.name());
        awaitLine(killed, log, "at " + step);
        killed.destroyForcibly(); // SIGKILL
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Path restartLog = dir.resolve("restart.log");
        Process restart = start(restartLog, data, afterBothDays, "none");
        assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(restart.exitValue()).as(Files.readString(restartLog)).isZero();
        assertThat(Files.readString(restartLog)).contains("compacted ");

        Result r = check(data);
        assertThat(r.code).as(r.out + r.err).isZero();
        assertThat(r.out).endsWith("streams=2 rows=" + 2 * MINUTES + " duplicates=0 holes=0 unreadable=0\n");
        for (Instrument i : List.of(BTC, KRW)) {
            assertThat(dayFiles(data, i, "2026-01-01")).as(i + " 2026-01-01").isEqualTo(1);
            assertThat(dayFiles(data, i, "2026-01-02")).as(i + " 2026-01-02").isEqualTo(1);
        }
        try (Stream<Path> staged = Files.walk(data.resolve(".compaction"))) {
            assertThat(staged.filter(Files::isRegularFile).toList()).isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            // Nothing was ever staged there: fine.
        }
    }

    private static Process start(Path log, Path data, long now, String step) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CompactionKillMain.class.getName(),
                data.toString(),
                Long.toString(now),
                step);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitLine(Process p, Path log, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadline < 0) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.lines().anyMatch(line::equals)) {
                return;
            }
            assertThat(p.isAlive())
                    .as("compactor alive before '" + line + "': " + text)
                    .isTrue();
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("expected '" + line + "' in " + log + ", was " + Files.readString(log));
    }

    private static long dayFiles(Path data, Instrument i, String date) throws IOException {
        Path day = data.resolve("candles")
                .resolve("exchange=" + i.exchange().wireName())
                .resolve("market=" + i.market().wireName())
                .resolve("symbol=" + i.symbol())
                .resolve("interval=1m")
                .resolve("date=" + date);
        try (Stream<Path> files = Files.list(day)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .count();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result check(Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {"check", "--data", data.toString()},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<Candle> minutes(Instrument instrument, int from, int to) {
        return TestCandles.minutes(instrument, FIRST, from, to);
    }
}
