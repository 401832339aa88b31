package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as a process, as a service manager sees it: a clean SIGTERM exits 0 and says so, and a port that is
 * taken stops the start with one line naming the port and how to set it, and no stack trace.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ProcessLifecycleIT {

    @Test
    void sigtermStopsCleanlyWithExitCodeZero(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.log");
        Process node = start(
                dir,
                out,
                dir.resolve("err.log"),
                "--http-port",
                "0",
                "--node",
                "sigterm-it",
                "--sim-speed",
                "60",
                "--data",
                dir.resolve("data").toString());
        try {
            await("node running")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(node.isAlive()).as("node alive; see %s", out).isTrue();
                        return Files.readString(out).contains("candlebus node sigterm-it running");
                    });
            // Process.destroy sends SIGTERM on Linux.
            node.destroy();
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as("exit status; see %s", out).isZero();
            assertThat(Files.readString(out)).contains("shutting down").contains("shut down cleanly");
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void theStandaloneSimulatorStopsCleanlyToo(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.log");
        Process sim = start(dir, out, dir.resolve("err.log"), "sim", "--sim-port", "0");
        try {
            await("simulator running")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        assertThat(sim.isAlive())
                                .as("simulator alive; see %s", out)
                                .isTrue();
                        return Files.readString(out).contains("bithumb       REST");
                    });
            sim.destroy();
            assertThat(sim.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sim.exitValue()).as("exit status; see %s", out).isZero();
            assertThat(Files.readString(out)).contains("shut down cleanly");
        } finally {
            sim.destroyForcibly();
        }
    }

    @Test
    void aTakenHttpPortIsOneLineNamingThePortAndItsFlag(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertPortClash(
                    dir,
                    "candlebus: start-up failed: http.port " + port
                            + " is already in use on 127.0.0.1 (set --http-port or CANDLEBUS_HTTP_PORT)",
                    "--http-port",
                    String.valueOf(port));
        }
    }

    @Test
    void aTakenSimulatorPortIsOneLineNamingThePortAndItsFlag(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertPortClash(
                    dir,
                    "candlebus: start-up failed: sim.port " + port
                            + " is already in use on 127.0.0.1 (set --sim-port or CANDLEBUS_SIM_PORT)",
                    "--sim-port",
                    String.valueOf(port),
                    "--http-port",
                    "0");
        }
    }

    private static void assertPortClash(Path dir, String expectedLine, String... args) throws Exception {
        Path out = dir.resolve("out.log");
        Path err = dir.resolve("err.log");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", dir.resolve("data").toString()));
        Process node = start(dir, out, err, all.toArray(String[]::new));
        try {
            assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).isEqualTo(1);
            assertThat(Files.readAllLines(err)).containsExactly(expectedLine);
            assertThat(Files.readString(out)).as("the log").doesNotContain("\tat ", "Exception");
        } finally {
            node.destroyForcibly();
        }
    }

    private static Process start(Path dir, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .directory(new File(dir.toString()))
                .start();
    }
}
