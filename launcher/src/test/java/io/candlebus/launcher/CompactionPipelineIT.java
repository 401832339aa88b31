package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline (simulator, feeds, aggregator, recorder) on an accelerated clock that starts 20 sim
 * minutes before a UTC midnight: the recorder compacts the ended day while it keeps recording the next,
 * and the dataset it leaves passes {@code check --data}.
 */
class CompactionPipelineIT {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final List<String> STREAMS = List.of(
            "exchange=binance/market=spot/symbol=BTCUSDT/interval=1m",
            "exchange=binance/market=spot/symbol=ETHUSDT/interval=1m");

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theRecorderCompactsTheEndedDayWhileRecordingTheNext(@TempDir Path data) throws Exception {
        long now = System.currentTimeMillis();
        // The next midnight, never in the past: the sim clock runs ahead of real time as by default.
        long midnight = Math.floorDiv(now, DAY) * DAY + DAY;
        long start = midnight - 20 * MINUTE;
        if (start < now) {
            midnight += DAY;
            start += DAY;
        }
        LocalDate endedDay = LocalDate.ofInstant(Instant.ofEpochMilli(midnight - 1), ZoneOffset.UTC);
        AppConfig config = AppConfig.fromJson(
                new JsonObject()
                        .put("node", "compaction-it")
                        .put("http", new JsonObject().put("port", 0))
                        .put(
                                "sim",
                                new JsonObject()
                                        .put("speed", 300.0)
                                        .put("seed", 5)
                                        .put("startTime", start))
                        .put(
                                "recorder",
                                new JsonObject()
                                        .put("dataDir", data.toString())
                                        .put("flushIntervalMillis", 100)
                                        .put(
                                                "compaction",
                                                new JsonObject()
                                                        .put("delayMillis", 2 * MINUTE)
                                                        .put("everyMillis", 200)))
                        .put(
                                "market",
                                new JsonObject()
                                        .put(
                                                "instruments",
                                                new JsonArray()
                                                        .add("binance:spot:BTCUSDT")
                                                        .add("binance:spot:ETHUSDT"))
                                        .put("intervals", new JsonArray().add("1m"))
                                        .put("closeGraceMillis", 30_000)),
                Map.of());
        Node node = Node.start(config).await(60, TimeUnit.SECONDS);
        try {
            ExchangeSimulator sim = node.simulator();
            long due = midnight + 2 * MINUTE;
            // Parts for the ended day pile up before midnight; after it plus the delay, one file each.
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sim.clock().millis() > due
                            && STREAMS.stream().allMatch(s -> files(data, s, endedDay) == 1));
            long withNextDay = sim.clock().millis() + 10 * MINUTE;
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> sim.clock().millis() > withNextDay);
        } finally {
            node.close().await(60, TimeUnit.SECONDS);
        }

        for (String stream : STREAMS) {
            assertThat(files(data, stream, endedDay))
                    .as(stream + " " + endedDay)
                    .isEqualTo(1);
            assertThat(files(data, stream, endedDay.plusDays(1)))
                    .as(stream + " the current day keeps its parts")
                    .isGreaterThan(1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"check", "--data", data.toString()}, Map.of(), sink, sink);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("streams=2 ").contains(" duplicates=0 holes=0 ");
    }

    private static long files(Path data, String stream, LocalDate date) {
        Path day = data.resolve("candles").resolve(stream).resolve("date=" + date);
        try (Stream<Path> list = Files.list(day)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .count();
        } catch (IOException e) {
            return -1;
        }
    }
}
