package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar exactly as the README's run command does (no arguments but a free HTTP port),
 * in an empty directory, and checks what a newcomer sees: bands for Binance and Bithumb within 60 s,
 * Parquet files under ./data that DuckDB opens with no options, and a clean stop on SIGTERM.
 */
class DemoIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theDemoShowsBandsAndRecordsParquetWithNoNetwork(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "candlebus.jar").toAbsolutePath();
        assertThat(jar).exists();
        int port = ClusterIT.freePort();
        Process demo = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--http-port",
                        String.valueOf(port))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("demo.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        try {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        assertThat(demo.isAlive())
                                .as("demo running; see demo.log")
                                .isTrue();
                        JsonObject instruments = status(base).getJsonObject("instruments");
                        return hasBands(instruments, "binance:") && hasBands(instruments, "bithumb:");
                    });
            assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                HttpResponse<String> ready = get(base + "/health/ready");
                return ready != null && ready.statusCode() == 200;
            });
            String metrics = get(base + "/metrics").body();
            assertThat(metrics).contains("candlebus_component_counter").contains("vertx_");
            assertThat(post(base + "/subscriptions", "{\"instrument\":\"binance:spot:ETHUSDT\"}")
                            .statusCode())
                    .as("control endpoints are disabled without a token")
                    .isEqualTo(403);

            Path data = dir.resolve("data");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> parquetFiles(data).size() > 0);
            assertThat(ParquetDataset.read(data)).isNotEmpty();
            assertThat(ParquetDataset.beginTimeType(data)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        } finally {
            demo.destroy();
            assertThat(demo.waitFor(45, TimeUnit.SECONDS))
                    .as("demo stops on SIGTERM")
                    .isTrue();
        }
        assertThat(Files.readString(dir.resolve("demo.log"))).contains("shutting down");
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            // The streams' lock files under data/.locks are meant to stay.
            assertThat(files.filter(p -> !p.startsWith(dir.resolve("data/.locks")))
                            .map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(name -> name.startsWith("."));
        }
        assertThat(ParquetDataset.read(dir.resolve("data"))).isNotEmpty();
    }

    private static boolean hasBands(JsonObject instruments, String prefix) {
        for (String key : instruments.fieldNames()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            JsonObject byInterval = instruments.getJsonObject(key);
            for (String interval : byInterval.fieldNames()) {
                if (byInterval.getJsonObject(interval).getValue("bands") != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Path> parquetFiles(Path data) throws Exception {
        if (!Files.isDirectory(data)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.toString().endsWith(".parquet")
                            && !p.getFileName().toString().startsWith("."))
                    .toList();
        }
    }

    private JsonObject status(String base) throws Exception {
        HttpResponse<String> r = get(base + "/status?detail=full");
        return r != null && r.statusCode() == 200
                ? new JsonObject(r.body())
                : new JsonObject().put("instruments", new JsonObject());
    }

    /** Returns the response, or null while the demo is not listening yet. */
    private HttpResponse<String> get(String url) throws Exception {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException notYetListening) {
            return null;
        }
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
