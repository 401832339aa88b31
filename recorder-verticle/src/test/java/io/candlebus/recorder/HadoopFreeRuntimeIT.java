package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer needs no Hadoop class at run time, and compaction's reader needs only Hadoop's API jar (no
 * hadoop-common, no services). Unit tests cannot tell, as every test classpath holds that jar. This test
 * starts JVMs with the runtime-scope classpath Maven wrote to {@code target/runtime-classpath.txt} (what the
 * launcher ships): without the API jar it writes and re-indexes real files; with it, it compacts a day.
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
                .contains("hadoop-client-api")
                .doesNotContain("hadoop-common")
                .doesNotContain("hadoop-client-runtime")
                .doesNotContain("duckdb");
        String withoutHadoopApi = Stream.of(runtimeJars.split(java.io.File.pathSeparator))
                .filter(jar -> !jar.contains("hadoop-client-api"))
                .collect(Collectors.joining(java.io.File.pathSeparator));

        String output = run(target, withoutHadoopApi, HadoopFreeWriteMain.class, dataDir);
        assertThat(output).contains("wrote 29 candles without Hadoop");
        assertThat(DuckDb.count(dataDir)).isEqualTo(29);

        Path compacted = dataDir.resolve("compacted");
        assertThat(run(target, runtimeJars, RuntimeCompactMain.class, compacted))
                .contains("compacted 3 parts of 29 candles");
        assertThat(DuckDb.count(compacted)).isEqualTo(29);
    }

    private static String run(Path target, String jars, Class<?> main, Path dataDir)
            throws IOException, InterruptedException {
        String classpath = String.join(
                java.io.File.pathSeparator,
                target.resolve("classes").toString(),
                target.resolve("test-classes").toString(),
                jars);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                classpath,
                main.getName(),
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
        return output;
    }
}
