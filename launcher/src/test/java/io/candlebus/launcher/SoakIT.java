package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Interval;
import io.candlebus.sim.faults.FaultKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar's soak command as the README shows it, shortened to two sim hours and 40 faults
 * (every kind at least once), and reads the Parquet dataset back with DuckDB: every stream contiguous
 * (Binance: every open time from first to last exactly once; Bithumb: each key once).
 */
class SoakIT {
    private static final Pattern FINAL_LINE = Pattern.compile(
            "streams=(\\d+) candles=(\\d+) faults=(\\d+) lost=(\\d+) duplicated=(\\d+) mismatched=(\\d+)");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aShortSoakLosesRepeatsAndAltersNoCandle(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "candlebus.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path data = dir.resolve("data");
        Path output = dir.resolve("soak.out");
        Process soak = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "soak",
                        "--sim-hours",
                        "2",
                        "--faults",
                        "40",
                        "--seed",
                        "7",
                        // Half the default speed: at 600x a 100 ms pause of a loaded CI machine is a sim
                        // minute, and a build running beside the soak made one Bithumb minute close short.
                        "--speed",
                        "300",
                        "--data",
                        data.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = soak.waitFor(150, TimeUnit.SECONDS);
        if (!finished) {
            soak.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        String report = String.join("\n", lines) + "\n(log: " + data.resolve("soak.log") + ")";
        assertThat(finished).as("soak finished in time:\n%s", report).isTrue();
        assertThat(soak.exitValue()).as("exit code; output:\n%s", report).isZero();
        assertThat(lines).as(report).isNotEmpty();
        Matcher last = FINAL_LINE.matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).as("final line of:\n%s", report).isTrue();
        assertThat(last.group(1)).isEqualTo("12");
        assertThat(Long.parseLong(last.group(2))).isGreaterThan(12 * 100);
        assertThat(last.group(3)).isEqualTo("40");
        assertThat(List.of(last.group(4), last.group(5), last.group(6))).containsOnly("0");
        assertThat(lines).anyMatch(l -> l.equals("soak: data in " + data.toAbsolutePath()));
        // Days that ended mid-run (a midnight, or warm-up history) must be one file each; the pipeline's
        // CompactionPipelineIT makes a day end for sure.
        Matcher compaction = Pattern.compile("soak: compaction stream-days=(\\d+) one-file=(\\d+) .*")
                .matcher(lines.stream()
                        .filter(l -> l.startsWith("soak: compaction "))
                        .findFirst()
                        .orElse(""));
        assertThat(compaction.matches()).as(report).isTrue();
        assertThat(compaction.group(2)).as(report).isEqualTo(compaction.group(1));
        for (String kind :
                Arrays.stream(FaultKind.values()).map(FaultKind::label).toList()) {
            assertThat(lines)
                    .as("fault %s fired", kind)
                    .anyMatch(l ->
                            l.startsWith("soak: faults fired") && l.matches(".* " + Pattern.quote(kind) + "=[1-9].*"));
        }

        assertDatasetContiguous(data);
        java.io.ByteArrayOutputStream checked = new java.io.ByteArrayOutputStream();
        java.io.PrintStream sink = new java.io.PrintStream(checked, true, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"check", "--data", data.toString()}, Map.of(), sink, sink))
                .as("check --data after compaction:\n%s", checked)
                .isZero();
    }

    private static void assertDatasetContiguous(Path data) throws Exception {
        Map<String, List<Long>> byStream = new TreeMap<>();
        for (ParquetDataset.Row r : ParquetDataset.read(data)) {
            String stream = r.exchange() + ":" + r.market() + ":" + r.symbol() + "/" + r.interval();
            byStream.computeIfAbsent(stream, s -> new ArrayList<>()).add(r.openTime());
        }
        assertThat(byStream).hasSize(12);
        for (Map.Entry<String, List<Long>> e : byStream.entrySet()) {
            List<Long> times = e.getValue().stream().sorted().toList();
            assertThat(times.stream().distinct().count())
                    .as("%s holds each open time once", e.getKey())
                    .isEqualTo(times.size());
            long step = Interval.parse(e.getKey().substring(e.getKey().lastIndexOf('/') + 1))
                    .millis();
            // Every venue: minutes without trades are flat zero-volume candles (ADR 0004), never holes.
            long first = times.get(0);
            long last = times.get(times.size() - 1);
            List<Long> gaps = new ArrayList<>();
            for (long t = first; t <= last; t += step) {
                if (Collections.binarySearch(times, t) < 0) {
                    gaps.add(t);
                }
            }
            assertThat(gaps)
                    .as("%s: every open time from %d to %d", e.getKey(), first, last)
                    .isEmpty();
            assertThat((last - first) / step + 1).isEqualTo(times.size());
            assertThat(times.stream().map(t -> t % step).collect(Collectors.toSet()))
                    .as("%s aligned", e.getKey())
                    .containsOnly(0L);
        }
    }
}
