package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop's API jar is {@code provided}, so it is on every test classpath and unit tests cannot notice an
 * accidental run-time need for it. This test starts a JVM with the runtime-scope classpath that Maven wrote to
 * {@code target/runtime-classpath.txt} (what the launcher ships) and writes and re-indexes real files there.
 */
class HadoopFreeRuntimeIT {

    @TempDir
    Path dataDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writesAndIndexesWithoutHadoopOnTheClasspath() throws IOException, InterruptedException {
        Path target = Path.of("target");
        String runtimeJars = Files.readString(target.resolve("runtime-classpath.txt"), StandardCharsets.UTF_8)
                .trim();
        assertThat(runtimeJars)
                .contains("parquet-hadoop")
                .doesNotContain("hadoop-client")
                .doesNotContain("duckdb");
        String classpath = String.join(
                java.io.File.pathSeparator,
                target.resolve("classes").toString(),
                target.resolve("test-classes").toString(),
                runtimeJars);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                classpath,
                HadoopFreeWriteMain.class.getName(),
                dataDir.toString()));
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();

        boolean exited = process.waitFor(100, TimeUnit.SECONDS);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);

        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("wrote 29 candles without Hadoop");
        assertThat(DuckDb.count(dataDir)).isEqualTo(29);
    }
}
