package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code check} over datasets the real recorder wrote, sound and then damaged in each way it names. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckCommandIT {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument USDM = Instrument.parse("binance:usdm:BTCUSDT");
    private static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");
    /** 2026-01-01T23:00Z: the streams cross midnight, so each spans two date partitions. */
    private static final long FIRST = 1_767_308_400_000L;

    @Test
    void aSoundDatasetPasses(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        record(data, minutes(BTC, 0, 120), minutes(USDM, 0, 120));

        Result r = check(data);

        assertThat(r.code).as(r.out).isZero();
        assertThat(r.out)
                .contains("ok      binance:spot:BTCUSDT 1m first=2026-01-01T23:00:00Z last=2026-01-02T00:59:00Z"
                        + " rows=120 duplicates=0 holes=0 files=")
                .contains("ok      binance:usdm:BTCUSDT 1m")
                .endsWith("streams=2 rows=240 duplicates=0 holes=0 unreadable=0\n");
    }

    @Test
    void everyKindOfDamageIsNamedPerStream(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        List<Candle> holey = new ArrayList<>(minutes(KRW, 0, 10));
        holey.addAll(minutes(KRW, 13, 20));
        record(data, minutes(BTC, 0, 60), minutes(USDM, 0, 60), holey);
        // A second recorder run into another directory; one of its files copied over repeats 30 keys.
        Path other = dir.resolve("other");
        record(other, minutes(USDM, 30, 60));
        Path copied = onlyFile(other, USDM);
        Files.copy(copied, onlyFile(data, USDM).resolveSibling("part-copied.parquet"));
        // A torn file: the first half of a real one.
        Path btcFile = firstFile(data, BTC);
        byte[] bytes = Files.readAllBytes(btcFile);
        Files.write(btcFile.resolveSibling("part-torn.parquet"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Result r = check(data);

        assertThat(r.code).as(r.out).isEqualTo(1);
        assertThat(r.out)
                .contains("DAMAGED binance:spot:BTCUSDT 1m")
                .contains("unreadable=1")
                .contains("  unreadable date=2026-01-01/part-torn.parquet: the file is not a Parquet file")
                .contains("DAMAGED binance:usdm:BTCUSDT 1m")
                .contains("rows=90 duplicates=30 holes=0")
                .contains("DAMAGED bithumb:spot:KRW-BTC 1m")
                .contains("  hole 2026-01-01T23:10:00Z .. 2026-01-01T23:12:00Z (3 candles)")
                .endsWith("streams=3 rows=167 duplicates=30 holes=3 unreadable=1\n");
    }

    @Test
    void aMissingDirectoryIsAUsageError(@TempDir Path dir) {
        Result r = check(dir.resolve("nowhere"));

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err).contains("check: --data: expected a directory, was absent");
    }

    private record Result(int code, String out, String err) {}

    private static Result check(Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolMain.run(
                new String[] {"check", "--data", data.toString()},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path onlyFile(Path data, Instrument instrument) throws Exception {
        List<Path> files = files(data, instrument);
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static Path firstFile(Path data, Instrument instrument) throws Exception {
        return files(data, instrument).get(0);
    }

    private static List<Path> files(Path data, Instrument instrument) throws Exception {
        Path stream = data.resolve("candles/exchange=" + instrument.exchange().wireName() + "/market="
                + instrument.market().wireName() + "/symbol=" + instrument.symbol() + "/interval=1m");
        try (Stream<Path> walk = Files.walk(stream)) {
            return walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** Sends the candles through the real recorder verticle and waits for every acknowledgement. */
    @SafeVarargs
    private static void record(Path data, List<Candle>... streams) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            vertx.deployVerticle(new RecorderVerticle(
                            RecorderConfig.defaults().withDataDir(data), Clock.systemUTC(), "check-it"))
                    .await(30, TimeUnit.SECONDS);
            List<Future<?>> acks = new ArrayList<>();
            for (List<Candle> stream : streams) {
                for (Candle c : stream) {
                    acks.add(vertx.eventBus().request(Addresses.RECORDER_CANDLES, c));
                }
            }
            Future.all(acks).await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static List<Candle> minutes(Instrument instrument, int from, int to) {
        return TestCandles.minutes(instrument, FIRST, from, to);
    }
}
