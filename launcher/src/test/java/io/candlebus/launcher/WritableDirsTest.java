package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unwritable data directory stops the node before anything deploys, with exit code 2 and one line naming
 * the directory and the flag. A regular file in the path makes the directory unwritable even for root.
 */
class WritableDirsTest {

    @Test
    void aRecorderNodeWithAnUnwritableDataDirectoryRefusesToStart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "in the way");
        Path data = file.resolve("data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Main.run(
                new String[] {"--roles", "recorder", "--data", data.toString(), "--http-port", "0"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(message.lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("candlebus: --data / recorder.dataDir: expected a writable directory, was " + data + " (")
                .contains("FileSystemException"));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMarketNodeChecksItsOutboxDirectoryAndANodeWithoutEitherRoleChecksNothing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "in the way");
        AppConfig market = AppConfig.fromJson(
                new io.vertx.core.json.JsonObject()
                        .put("roles", "market")
                        .put("recorder", new io.vertx.core.json.JsonObject().put("dataDir", file.toString())),
                Map.of());
        assertThat(WritableDirs.problem(market))
                .startsWith("recorder.outboxDir (default: <data>/outbox): expected a writable directory, was "
                        + file.resolve("outbox"));

        AppConfig strategy = AppConfig.fromJson(
                new io.vertx.core.json.JsonObject()
                        .put("roles", "strategy")
                        .put("recorder", new io.vertx.core.json.JsonObject().put("dataDir", file.toString())),
                Map.of());
        assertThat(WritableDirs.problem(strategy)).isNull();
    }

    @Test
    void aWritableDirectoryIsCreatedAndLeftEmpty(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("new/data");

        assertThat(WritableDirs.problem(data, "--data")).isNull();

        assertThat(data).isDirectory().isEmptyDirectory();
    }
}
