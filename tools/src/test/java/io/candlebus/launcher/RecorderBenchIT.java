package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code bench --recorder} small and proves the dataset it leaves behind. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecorderBenchIT {
    private static final Pattern LINE = Pattern.compile("rows=(\\d+) rows_per_s=(\\d+) files=(\\d+) bytes=(\\d+)\n");

    @Test
    void pushesEveryRowThroughTheRecorderOnceAndPrintsItsLine(@TempDir Path dir) {
        Path data = dir.resolve("data");
        // A small buffer and window, so writes run while candles arrive and some are refused and resent.
        String out = run(
                0,
                "bench",
                "--recorder",
                "--rows",
                "20000",
                "--streams",
                "40",
                "--max-buffered",
                "2000",
                "--window",
                "5000",
                "--flush-millis",
                "50",
                "--data",
                data.toString());

        Matcher m = LINE.matcher(out);
        assertThat(m.matches()).as(out).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(20_000);
        assertThat(Long.parseLong(m.group(2))).isPositive();
        assertThat(Long.parseLong(m.group(3))).isGreaterThanOrEqualTo(40);
        assertThat(Long.parseLong(m.group(4))).isPositive();
        String check = run(0, "check", "--data", data.toString());
        assertThat(check).endsWith("streams=40 rows=20000 duplicates=0 holes=0 unreadable=0\n");
    }

    @Test
    void helpAndBadOptions() {
        assertThat(run(0, "bench", "--recorder", "--help")).contains("bench --recorder");
        assertThat(run(2, "bench", "--recorder", "--rows", "0")).isEmpty();
        assertThat(run(2, "bench", "--recorder", "--warmup-rows", "-1")).isEmpty();
    }

    private static String run(int expectedCode, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolMain.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expectedCode);
        return out.toString(StandardCharsets.UTF_8);
    }
}
