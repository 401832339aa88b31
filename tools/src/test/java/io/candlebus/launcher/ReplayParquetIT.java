package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.recorder.RecorderConfig;
import io.candlebus.recorder.RecorderVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a dataset the real recorder wrote, and the same minutes as a Binance dump file: the two
 * runs must give the same bands and signals, and numerically the same candles.
 */
class ReplayParquetIT {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final long FIRST = 1_767_225_600_000L;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aRecordedDatasetReplaysLikeTheDumpOfTheSameMinutes(@TempDir Path dir) throws Exception {
        List<Candle> minutes = minutes(900);
        Path dump = dir.resolve("BTCUSDT-1m.csv");
        Files.write(dump, minutes.stream().map(ReplayParquetIT::dumpLine).toList());
        record(minutes, dir.resolve("data"));

        Path fromDump = dir.resolve("from-dump");
        Path fromParquet = dir.resolve("from-parquet");
        assertThat(replay("--klines", dump.toString(), "--out", fromDump.toString()))
                .isZero();
        assertThat(replay("--parquet", dir.resolve("data").toString(), "--out", fromParquet.toString()))
                .isZero();

        for (String name : List.of("bands_1m.csv", "bands_5m.csv", "bands_15m.csv")) {
            assertThat(Files.readString(fromParquet.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readString(fromDump.resolve(name)));
        }
        assertThat(Files.readAllLines(fromParquet.resolve("signals.csv"))).hasSizeGreaterThan(1);
        // Decimals read back from Parquet doubles lose trailing zeros ("87045.10" becomes 87045.1): same numbers.
        for (String name : List.of("candles_1m.csv", "candles_5m.csv", "candles_15m.csv", "signals.csv")) {
            List<String> a = Files.readAllLines(fromDump.resolve(name));
            List<String> b = Files.readAllLines(fromParquet.resolve(name));
            assertThat(b).as(name).hasSameSizeAs(a).hasSizeGreaterThan(50);
            assertThat(b.get(0)).isEqualTo(a.get(0));
            for (int i = 1; i < a.size(); i++) {
                String[] x = a.get(i).split(",");
                String[] y = b.get(i).split(",");
                assertThat(y).as("%s line %d", name, i).hasSameSizeAs(x);
                for (int col = 0; col < x.length; col++) {
                    if (x[col].matches("-?[0-9.]+")) {
                        assertThat(new BigDecimal(y[col]))
                                .as("%s line %d column %d", name, i, col)
                                .isEqualByComparingTo(new BigDecimal(x[col]));
                    } else {
                        assertThat(y[col])
                                .as("%s line %d column %d", name, i, col)
                                .isEqualTo(x[col]);
                    }
                }
            }
        }
    }

    @Test
    void aMissingDatasetIsAClearError(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolMain.run(
                new String[] {
                    "replay",
                    "--parquet",
                    dir.toString(),
                    "--out",
                    dir.resolve("o").toString()
                },
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--parquet: expected a recorded dataset with")
                .contains("symbol=BTCUSDT");
    }

    private static int replay(String... options) {
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(List.of(options));
        return ToolMain.run(
                args.toArray(String[]::new),
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                System.err);
    }

    /** Sends every minute through the real recorder and waits for every acknowledgement. */
    private static void record(List<Candle> minutes, Path data) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Codecs.registerAll(vertx.eventBus());
            RecorderConfig config = RecorderConfig.defaults().withDataDir(data);
            vertx.deployVerticle(new RecorderVerticle(config, Clock.systemUTC(), "replay-it"))
                    .await(30, TimeUnit.SECONDS);
            List<Future<io.vertx.core.eventbus.Message<Object>>> acks = new ArrayList<>();
            for (Candle c : minutes) {
                acks.add(vertx.eventBus().request(Addresses.RECORDER_CANDLES, c));
            }
            Future.all(acks).await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static List<Candle> minutes(int n) {
        Random random = new Random(42);
        List<Candle> out = new ArrayList<>();
        BigDecimal close = new BigDecimal("87000.00");
        for (int i = 0; i < n; i++) {
            BigDecimal open = close;
            close = open.add(BigDecimal.valueOf(random.nextInt(4001) - 2000, 2));
            BigDecimal high = open.max(close).add(BigDecimal.valueOf(random.nextInt(500), 2));
            BigDecimal low = open.min(close).subtract(BigDecimal.valueOf(random.nextInt(500), 2));
            BigDecimal volume = BigDecimal.valueOf(random.nextInt(5_000_000) + 1, 5);
            BigDecimal quote = volume.multiply(close).setScale(8, java.math.RoundingMode.HALF_EVEN);
            BigDecimal takerBase = volume.divide(BigDecimal.valueOf(2), 5, java.math.RoundingMode.DOWN);
            BigDecimal takerQuote = takerBase.multiply(close).setScale(8, java.math.RoundingMode.HALF_EVEN);
            out.add(new Candle(
                    BTC,
                    Interval.M1,
                    FIRST + i * 60_000L,
                    open,
                    high,
                    low,
                    close,
                    volume,
                    quote,
                    1 + random.nextInt(900),
                    takerBase,
                    takerQuote,
                    true,
                    CandleSource.REST));
        }
        return out;
    }

    private static String dumpLine(Candle c) {
        return c.openTime() + "," + c.open().toPlainString() + "," + c.high().toPlainString() + ","
                + c.low().toPlainString() + "," + c.close().toPlainString() + ","
                + c.volume().toPlainString()
                + "," + c.closeTime() + "," + c.quoteVolume().toPlainString() + "," + c.tradeCount() + ","
                + c.takerBuyBaseVolume().toPlainString() + ","
                + c.takerBuyQuoteVolume().toPlainString() + ",0";
    }
}
