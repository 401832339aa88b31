package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill JVM stopped midway, by SIGTERM or SIGKILL, then the same command run again: the dataset is
 * the one an uninterrupted run writes, each key once.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BackfillKillIT {
    private static final String[] ARGS = {
        "backfill",
        "--instruments",
        "bithumb:spot:KRW-BTC,binance:spot:BTCUSDT",
        "--intervals",
        "1m,5m",
        "--from",
        "2025-12-29T00:00Z",
        "--to",
        "2026-01-02T00:00Z",
        "--source",
        "sim",
        "--progress-millis",
        "200"
    };

    @Test
    void sigtermStopsBetweenPagesAndTheSameCommandResumes(@TempDir Path dir) throws Exception {
        interruptedThenResumed(dir, false);
    }

    @Test
    void sigkillLeavesADatasetTheSameCommandCompletes(@TempDir Path dir) throws Exception {
        interruptedThenResumed(dir, true);
    }

    private static void interruptedThenResumed(Path dir, boolean forcibly) throws Exception {
        Path data = dir.resolve("data");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = start(dir, out, err, data);
        try {
            await("some of KRW-BTC recorded")
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        assertThat(child.isAlive())
                                .as("backfill alive; see %s", err)
                                .isTrue();
                        return parquetFiles(data.resolve("candles/exchange=bithumb")) >= 3;
                    });
            if (forcibly) {
                child.destroyForcibly();
            } else {
                // Process.destroy sends SIGTERM on Linux.
                child.destroy();
            }
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        String printed = Files.readString(out);
        if (forcibly) {
            assertThat(printed).as("killed before its end").doesNotContain("backfill: streams=");
        } else {
            // Logs go to stdout as well: the result line is one of its lines.
            assertThat(printed)
                    .as("stopped before its end")
                    .containsPattern("(?m)^backfill: streams=4 rows=\\d+ written=");
            assertThat(Files.readString(err)).contains("run the same command again");
        }

        Result resumed = run(data);
        assertThat(resumed.code).as(resumed.err).isZero();
        long total = 2 * (4 * 1440 + 4 * 288);
        assertThat(resumed.out).startsWith("backfill: streams=4 rows=" + total + " written=");
        assertThat(resumed.out).doesNotEndWith("skipped=0\n");

        Path fresh = dir.resolve("fresh");
        Result uninterrupted = run(fresh);
        assertThat(uninterrupted.out)
                .isEqualTo("backfill: streams=4 rows=" + total + " written=" + total + " skipped=0\n");
        assertThat(rows(data)).isEqualTo(rows(fresh));
        Result check = check(data);
        assertThat(check.code).as(check.out).isZero();
        assertThat(check.out).endsWith("streams=4 rows=" + total + " duplicates=0 holes=0 unreadable=0\n");
    }

    private static List<String> rows(Path data) throws Exception {
        return ParquetDataset.read(data).stream()
                .map(r -> r.key() + " " + r.open() + " " + r.high() + " " + r.low() + " " + r.close() + " " + r.volume()
                        + " " + r.quoteVolume() + " " + r.tradeNum() + " " + r.source())
                .sorted()
                .toList();
    }

    private static long parquetFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".parquet")
                            && !p.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result run(Path data) {
        List<String> args = new ArrayList<>(List.of(ARGS));
        args.addAll(List.of("--data", data.toString()));
        return main(args.toArray(String[]::new));
    }

    private static Result check(Path data) {
        return main("check", "--data", data.toString());
    }

    private static Result main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Process start(Path dir, Path out, Path err, Path data) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(ARGS));
        command.addAll(List.of("--data", data.toString()));
        return new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .directory(new File(dir.toString()))
                .start();
    }
}
