package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    private static final long MINUTE = 60_000L;
    /** 2026-01-01 00:07 UTC: the first 5m and 15m buckets are not covered from their start. */
    private static final long FIRST_OPEN = 1_767_225_600_000L + 7 * MINUTE;
    /** Ends two minutes into a 5m bucket and seven into a 15m one: both last buckets are incomplete. */
    private static final int ROWS = 3_000;

    private static final MathContext MC = new MathContext(50);

    private static List<Row> rows;

    @TempDir
    static Path dir;

    /** One 1m row as the dump holds it; the decimals keep their text. */
    record Row(
            long openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            BigDecimal takerBase,
            BigDecimal takerQuote) {

        String csv(long timeScale) {
            return openTime * timeScale + "," + open.toPlainString() + "," + high.toPlainString() + ","
                    + low.toPlainString() + "," + close.toPlainString() + "," + volume.toPlainString() + ","
                    + ((openTime + MINUTE) * timeScale - 1) + "," + quoteVolume.toPlainString() + "," + trades + ","
                    + takerBase.toPlainString() + "," + takerQuote.toPlainString() + ",0";
        }

        String candlesCsv() {
            return openTime + "," + open.toPlainString() + "," + high.toPlainString() + "," + low.toPlainString()
                    + "," + close.toPlainString() + "," + volume.toPlainString() + "," + quoteVolume.toPlainString()
                    + "," + trades + "," + takerBase.toPlainString() + "," + takerQuote.toPlainString();
        }
    }

    @BeforeAll
    static void buildDump() {
        Random random = new Random(42);
        rows = new ArrayList<>();
        BigDecimal price = new BigDecimal("87000.00");
        for (int i = 0; i < ROWS; i++) {
            long open = FIRST_OPEN + i * MINUTE;
            // Quiet stretches: zero-volume minutes at the previous close, as Binance fills them.
            if (i % 300 >= 290) {
                BigDecimal zero = new BigDecimal("0.00000000");
                rows.add(new Row(open, price, price, price, price, zero, zero, 0, zero, zero));
                continue;
            }
            BigDecimal close = price.add(BigDecimal.valueOf(random.nextInt(4001) - 2000, 2));
            BigDecimal high = price.max(close).add(BigDecimal.valueOf(random.nextInt(500), 2));
            BigDecimal low = price.min(close).subtract(BigDecimal.valueOf(random.nextInt(500), 2));
            BigDecimal volume = BigDecimal.valueOf(1 + random.nextInt(2_000_000), 5);
            BigDecimal quote = volume.multiply(close).setScale(8, RoundingMode.HALF_EVEN);
            BigDecimal takerBase = volume.multiply(BigDecimal.valueOf(random.nextInt(101), 2));
            BigDecimal takerQuote = takerBase.multiply(close).setScale(8, RoundingMode.HALF_EVEN);
            rows.add(new Row(
                    open, price, high, low, close, volume, quote, 1 + random.nextInt(3000), takerBase, takerQuote));
            price = close;
        }
    }

    @Test
    void writesCandlesThatSumTheMinuteRowsExactly() throws IOException {
        Path out = replay(dump("sums.csv", true, 1), "sums");
        assertThat(Files.readAllLines(out.resolve("candles_1m.csv")))
                .containsExactlyElementsOf(withHeader(
                        Replay.CANDLES_HEADER,
                        rows.stream().map(Row::candlesCsv).toList()));
        for (int minutes : new int[] {5, 15}) {
            List<Row> expected = buckets(minutes);
            assertThat(expected).hasSizeGreaterThan(100);
            List<String> lines = Files.readAllLines(out.resolve("candles_" + minutes + "m.csv"));
            assertThat(lines.get(0)).isEqualTo(Replay.CANDLES_HEADER);
            assertThat(lines).hasSize(expected.size() + 1);
            for (int i = 0; i < expected.size(); i++) {
                String[] f = lines.get(i + 1).split(",");
                Row e = expected.get(i);
                assertThat(Long.parseLong(f[0])).isEqualTo(e.openTime());
                BigDecimal[] want = {e.open(), e.high(), e.low(), e.close(), e.volume(), e.quoteVolume()};
                for (int c = 0; c < want.length; c++) {
                    assertThat(new BigDecimal(f[c + 1])).isEqualByComparingTo(want[c]);
                }
                assertThat(Long.parseLong(f[7])).isEqualTo(e.trades());
                assertThat(new BigDecimal(f[8])).isEqualByComparingTo(e.takerBase());
                assertThat(new BigDecimal(f[9])).isEqualByComparingTo(e.takerQuote());
            }
        }
    }

    @Test
    void writesBandsEqualToAnExactReference() throws IOException {
        Path out = replay(dump("bands.csv", true, 1), "bands", "--bands", "20,2");
        for (int minutes : new int[] {1, 5, 15}) {
            List<Row> candles = minutes == 1 ? rows : buckets(minutes);
            List<String> lines = Files.readAllLines(out.resolve("bands_" + minutes + "m.csv"));
            assertThat(lines.get(0)).isEqualTo(Replay.BANDS_HEADER);
            assertThat(lines).hasSize(candles.size() - 20 + 2);
            for (int i = 19; i < candles.size(); i++) {
                BigDecimal[] ref = referenceBands(candles, i, 20, BigDecimal.valueOf(2));
                String[] f = lines.get(i - 19 + 1).split(",");
                assertThat(Long.parseLong(f[0])).isEqualTo(candles.get(i).openTime());
                for (int c = 0; c < 3; c++) {
                    double got = Double.parseDouble(f[c + 1]);
                    double want = ref[c].doubleValue();
                    assertThat(Math.abs(got - want))
                            .as("bands_%dm row %d column %d", minutes, i, c)
                            .isLessThanOrEqualTo(1e-9 * Math.abs(want));
                }
            }
        }
    }

    @Test
    void listsEverySignalAReferenceComputationFinds() throws IOException {
        Path out = replay(dump("signals.csv", true, 1), "signals", "--bands", "20,2", "--sma", "5,20");
        List<String> expected = new ArrayList<>();
        for (int minutes : new int[] {1, 5, 15}) {
            expected.addAll(referenceSignals(minutes == 1 ? rows : buckets(minutes), minutes + "m", 20, 5, 20));
        }
        List<String> lines = Files.readAllLines(out.resolve("signals.csv"));
        assertThat(lines.get(0)).isEqualTo(Replay.SIGNALS_HEADER);
        List<String> got = lines.subList(1, lines.size());
        assertThat(got).filteredOn(l -> l.contains(",golden_cross,")).hasSizeGreaterThan(10);
        assertThat(got).filteredOn(l -> l.contains(",dead_cross,")).hasSizeGreaterThan(10);
        assertThat(got).filteredOn(l -> l.contains(",band_lower,")).hasSizeGreaterThan(10);
        assertThat(got).filteredOn(l -> l.contains(",band_upper,")).hasSizeGreaterThan(10);
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void givesByteIdenticalFilesForTheSameInputWithOrWithoutHeaderAndInMicroseconds() throws IOException {
        Path first = replay(dump("a.csv", true, 1), "run1");
        Path second = replay(dump("a.csv", true, 1), "run2");
        Path noHeader = replay(dump("b.csv", false, 1), "run3");
        Path micros = replay(dump("c.csv", false, 1000), "run4");
        List<String> names = List.of(
                "candles_1m.csv",
                "candles_5m.csv",
                "candles_15m.csv",
                "bands_1m.csv",
                "bands_5m.csv",
                "bands_15m.csv",
                "signals.csv");
        for (String name : names) {
            byte[] bytes = Files.readAllBytes(first.resolve(name));
            assertThat(bytes).as(name).isNotEmpty();
            assertThat(Files.readAllBytes(second.resolve(name))).as(name).isEqualTo(bytes);
            assertThat(Files.readAllBytes(noHeader.resolve(name))).as(name).isEqualTo(bytes);
            assertThat(Files.readAllBytes(micros.resolve(name))).as(name).isEqualTo(bytes);
        }
    }

    @Test
    void writesOnlyTheIntervalsAskedFor() throws IOException {
        Path out = replay(dump("only.csv", true, 1), "only", "--intervals", "15m");
        assertThat(Files.exists(out.resolve("candles_15m.csv"))).isTrue();
        assertThat(Files.exists(out.resolve("candles_1m.csv"))).isFalse();
        assertThat(Files.readAllLines(out.resolve("candles_15m.csv")))
                .hasSize(buckets(15).size() + 1);
    }

    @Test
    void rejectsAMalformedLineNamingItsNumberWithExitCode2() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dump("bad.csv", true, 1)));
        lines.set(41, lines.get(41).replaceFirst(",[^,]+,", ",abc,"));
        Path bad = dir.resolve("bad-line.csv");
        Files.write(bad, lines);
        Result r = run(
                "replay",
                "--klines",
                bad.toString(),
                "--out",
                dir.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad-line.csv:42: open: expected a decimal number, was 'abc'");

        lines.set(41, "1,2,3");
        Files.write(bad, lines);
        r = run(
                "replay",
                "--klines",
                bad.toString(),
                "--out",
                dir.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad-line.csv:42: expected 12 comma-separated columns, was 3");
    }

    @Test
    void rejectsBadOptionsWithExitCode2() {
        Result r = run("replay", "--klines", "x.csv", "--out", "o", "--sma", "20,5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--sma: expected fast,slow with 1 <= fast < slow <= 10000, was '5'");
        assertThat(run("replay", "--out", "o").err())
                .contains("--klines/--parquet: expected exactly one input, was 'neither'");
        assertThat(run("replay", "--klines", "x", "--parquet", "d", "--out", "o")
                        .err())
                .contains("--klines/--parquet: expected exactly one input, was 'both'");
        assertThat(run("replay", "--klines", "x", "--out", "o", "--intervals", "1s")
                        .code())
                .isEqualTo(2);
        assertThat(run("replay", "--help").out()).contains("--klines FILE");
    }

    // ---- helpers and the reference computation ----

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolMain.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path replay(Path klines, String name, String... extra) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("replay", "--klines", klines.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    private static Path dump(String name, boolean header, long timeScale) throws IOException {
        List<String> lines = new ArrayList<>();
        if (header) {
            lines.add("open_time,open,high,low,close,volume,close_time,quote_volume,count,"
                    + "taker_buy_volume,taker_buy_quote_volume,ignore");
        }
        rows.forEach(r -> lines.add(r.csv(timeScale)));
        Path file = dir.resolve(timeScale + (header ? "h-" : "-") + name);
        Files.write(file, lines);
        return file;
    }

    private static List<String> withHeader(String header, List<String> lines) {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(lines);
        return all;
    }

    /** Buckets of the rows covered from their first to their last minute, summed the obvious way. */
    private static List<Row> buckets(int minutes) {
        long length = minutes * MINUTE;
        Map<Long, List<Row>> byBucket = new TreeMap<>();
        for (Row r : rows) {
            byBucket.computeIfAbsent(Math.floorDiv(r.openTime(), length) * length, k -> new ArrayList<>())
                    .add(r);
        }
        long end = rows.get(rows.size() - 1).openTime() + MINUTE;
        List<Row> out = new ArrayList<>();
        byBucket.forEach((open, list) -> {
            if (open < FIRST_OPEN || open + length > end) {
                return;
            }
            BigDecimal high = list.get(0).high();
            BigDecimal low = list.get(0).low();
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            BigDecimal takerBase = BigDecimal.ZERO;
            BigDecimal takerQuote = BigDecimal.ZERO;
            long trades = 0;
            for (Row r : list) {
                high = high.max(r.high());
                low = low.min(r.low());
                volume = volume.add(r.volume());
                quote = quote.add(r.quoteVolume());
                takerBase = takerBase.add(r.takerBase());
                takerQuote = takerQuote.add(r.takerQuote());
                trades += r.trades();
            }
            out.add(new Row(
                    open,
                    list.get(0).open(),
                    high,
                    low,
                    list.get(list.size() - 1).close(),
                    volume,
                    quote,
                    trades,
                    takerBase,
                    takerQuote));
        });
        return out;
    }

    /** Middle, upper, lower over the closes of candles i - period + 1 .. i, exactly (population deviation). */
    private static BigDecimal[] referenceBands(List<Row> candles, int i, int period, BigDecimal k) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int j = i - period + 1; j <= i; j++) {
            sum = sum.add(candles.get(j).close());
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(period), MC);
        BigDecimal squares = BigDecimal.ZERO;
        for (int j = i - period + 1; j <= i; j++) {
            BigDecimal d = candles.get(j).close().subtract(mean);
            squares = squares.add(d.multiply(d));
        }
        BigDecimal sd = squares.divide(BigDecimal.valueOf(period), MC).sqrt(MC);
        return new BigDecimal[] {mean, mean.add(k.multiply(sd)), mean.subtract(k.multiply(sd))};
    }

    /** The band cross and SMA cross rules of docs/indicators-and-signals.md, written out directly. */
    private static List<String> referenceSignals(List<Row> candles, String interval, int period, int fast, int slow) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            Row now = candles.get(i);
            String prefix = now.openTime() + "," + interval + ",";
            String price = "," + now.close().toPlainString();
            if (i >= period) {
                BigDecimal[] b = referenceBands(candles, i, period, BigDecimal.valueOf(2));
                BigDecimal[] before = referenceBands(candles, i - 1, period, BigDecimal.valueOf(2));
                BigDecimal prevClose = candles.get(i - 1).close();
                if (now.close().compareTo(b[2]) < 0 && prevClose.compareTo(before[2]) >= 0) {
                    out.add(prefix + "band_lower,BUY" + price);
                }
                if (now.close().compareTo(b[1]) > 0 && prevClose.compareTo(before[1]) <= 0) {
                    out.add(prefix + "band_upper,SELL" + price);
                }
            }
            if (i >= slow) {
                int d = smaSign(candles, i, fast, slow);
                int before = smaSign(candles, i - 1, fast, slow);
                if (d > 0 && before <= 0) {
                    out.add(prefix + "golden_cross,BUY" + price);
                }
                if (d < 0 && before >= 0) {
                    out.add(prefix + "dead_cross,SELL" + price);
                }
            }
        }
        return out;
    }

    private static int smaSign(List<Row> candles, int i, int fast, int slow) {
        BigDecimal fastSum = BigDecimal.ZERO;
        BigDecimal slowSum = BigDecimal.ZERO;
        for (int j = i - slow + 1; j <= i; j++) {
            slowSum = slowSum.add(candles.get(j).close());
            if (j > i - fast) {
                fastSum = fastSum.add(candles.get(j).close());
            }
        }
        return fastSum.multiply(BigDecimal.valueOf(slow)).compareTo(slowSum.multiply(BigDecimal.valueOf(fast)));
    }
}
