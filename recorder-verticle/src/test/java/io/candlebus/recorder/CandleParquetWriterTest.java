package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleParquetWriterTest {
    private static final String WRITER = "0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void writesTheArticleCandleWithExactValuesReadableByDuckDb() throws IOException {
        Candle c = TestCandles.articleCandle();
        PartitionPath partition = PartitionPath.of(c);

        Path file = new CandleParquetWriter(dataDir).write(partition, List.of(c), WRITER, 0);

        assertThat(file)
                .isEqualTo(dataDir.resolve(
                        "candles/exchange=binance/market=usdm/symbol=BTCUSDT/interval=1m/date=2024-06-30/"
                                + "part-1719765480000-1719765480000-1-0123456789abcdef-000000.parquet"));
        List<Map<String, Object>> rows = DuckDb.query("select epoch_ms(candle_begin_time) as b, open, high, low, close,"
                + " volume, quote_volume, trade_num, taker_buy_base_asset_volume, taker_buy_quote_asset_volume,"
                + " epoch_ms(candle_end_time) as e, source, exchange, market, symbol, \"interval\","
                + " cast(date as varchar) as d, typeof(candle_begin_time) as tb, typeof(candle_end_time) as te,"
                + " typeof(trade_num) as tn, cast(open as varchar) as open_text,"
                + " cast(quote_volume as varchar) as quote_text from " + DuckDb.dataset(dataDir));
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("b")).isEqualTo(1_719_765_480_000L);
        assertThat(row.get("e")).isEqualTo(1_719_765_540_000L);
        assertThat(row.get("open")).isEqualTo(61607.9);
        assertThat(row.get("high")).isEqualTo(61624.9);
        assertThat(row.get("low")).isEqualTo(61605.3);
        assertThat(row.get("close")).isEqualTo(61624.9);
        assertThat(row.get("volume")).isEqualTo(16.71);
        assertThat(row.get("quote_volume")).isEqualTo(1029521.0047);
        assertThat(row.get("trade_num")).isEqualTo(418L);
        assertThat(row.get("taker_buy_base_asset_volume")).isEqualTo(12.571);
        assertThat(row.get("taker_buy_quote_asset_volume")).isEqualTo(774523.564);
        assertThat(row.get("source")).isEqualTo("websocket");
        assertThat(row.get("exchange")).isEqualTo("binance");
        assertThat(row.get("market")).isEqualTo("usdm");
        assertThat(row.get("symbol")).isEqualTo("BTCUSDT");
        assertThat(row.get("interval")).isEqualTo("1m");
        assertThat(row.get("d")).isEqualTo("2024-06-30");
        assertThat(row.get("tb")).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(row.get("te")).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(row.get("tn")).isEqualTo("BIGINT");
        // The double prints back as the exchange's decimal (trailing zeros aside).
        assertThat(row.get("open_text")).isEqualTo("61607.9");
        assertThat(row.get("quote_text")).isEqualTo("1029521.0047");
    }

    @Test
    void fileHoldsTheColumnsInOrderWithTheirTypesAndNoPartitionKeys() throws IOException {
        Candle c = TestCandles.articleCandle();
        Path file = new CandleParquetWriter(dataDir).write(PartitionPath.of(c), List.of(c), WRITER, 0);

        List<Map<String, Object>> schema = DuckDb.query("select name, type, logical_type, repetition_type"
                + " from parquet_schema('" + file + "') where name <> 'candle'");
        assertThat(schema).extracting(r -> r.get("name")).containsExactlyElementsOf(CandleWriteSupport.COLUMNS);
        assertThat(schema).allSatisfy(r -> assertThat(r.get("repetition_type")).isEqualTo("REQUIRED"));
        Map<String, Object> begin = schema.get(0);
        assertThat(begin.get("type")).isEqualTo("INT64");
        assertThat(String.valueOf(begin.get("logical_type")))
                .contains("isAdjustedToUTC=1")
                .contains("MILLIS");
        assertThat(schema.get(10).get("logical_type")).isEqualTo(begin.get("logical_type"));
        assertThat(schema.get(7).get("type")).isEqualTo("INT64");
        assertThat(schema.get(11).get("type")).isEqualTo("BYTE_ARRAY");
        assertThat(String.valueOf(schema.get(11).get("logical_type"))).contains("String");
        assertThat(schema.subList(1, 7))
                .allSatisfy(r -> assertThat(r.get("type")).isEqualTo("DOUBLE"));
    }

    @Test
    void compressesWithZstdAndUsesDictionariesOnlyForTheSourceColumn() throws IOException {
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 50);
        Path file = new CandleParquetWriter(dataDir).write(PartitionPath.of(candles.get(0)), candles, WRITER, 0);

        List<Map<String, Object>> chunks =
                DuckDb.query("select path_in_schema, compression, encodings from parquet_metadata('" + file + "')");
        assertThat(chunks).hasSize(12);
        assertThat(chunks).allSatisfy(r -> assertThat(r.get("compression")).isEqualTo("ZSTD"));
        for (Map<String, Object> chunk : chunks) {
            String encodings = String.valueOf(chunk.get("encodings"));
            if (chunk.get("path_in_schema").equals("source")) {
                assertThat(encodings).contains("DICTIONARY");
            } else {
                assertThat(encodings).doesNotContain("DICTIONARY");
            }
        }
    }

    @Test
    void writesRowsSortedWithTheOpenTimesInTheFooter() throws IOException {
        List<Candle> candles = new ArrayList<>(TestCandles.run(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 5));
        candles.remove(2);
        Path file = new CandleParquetWriter(dataDir).write(PartitionPath.of(candles.get(0)), candles, WRITER, 7);

        List<Map<String, Object>> rows =
                DuckDb.query("select epoch_ms(candle_begin_time) as b, trade_num from read_parquet('" + file + "')");
        assertThat(rows)
                .extracting(r -> r.get("b"))
                .containsExactly(1_719_765_480_000L, 1_719_765_540_000L, 1_719_765_660_000L, 1_719_765_720_000L);
        assertThat(file.getFileName().toString())
                .isEqualTo("part-1719765480000-1719765720000-4-0123456789abcdef-000007.parquet");
        assertThat(ParquetFooter.keyValueMetadata(file))
                .containsEntry(
                        CandleParquetWriter.OPEN_TIMES_KEY, "1719765480000:1719765540000,1719765660000:1719765720000");
    }

    @Test
    void showsOnlyAHiddenTemporaryFileUntilTheFileIsComplete() throws IOException {
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 20);
        PartitionPath partition = PartitionPath.of(candles.get(0));
        Path dir = dataDir.resolve(partition.relativeDir());
        List<List<String>> seen = new ArrayList<>();
        List<Candle> observed = new AbstractList<>() {
            @Override
            public Candle get(int index) {
                seen.add(listNames(dir));
                return candles.get(index);
            }

            @Override
            public int size() {
                return candles.size();
            }
        };

        Path file = new CandleParquetWriter(dataDir).write(partition, observed, WRITER, 0);

        assertThat(seen).isNotEmpty();
        assertThat(seen.stream().flatMap(List::stream))
                .allSatisfy(name -> assertThat(name).startsWith("."));
        assertThat(seen.stream().flatMap(List::stream))
                .contains(".part-1719765480000-1719766620000-20-0123456789abcdef-000000.parquet.tmp");
        assertThat(listNames(dir)).containsExactly(file.getFileName().toString());
        assertThat(DuckDb.count(dataDir)).isEqualTo(20);
    }

    @Test
    void leavesNoFileWhenWritingFails() {
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 10);
        PartitionPath partition = PartitionPath.of(candles.get(0));
        // Fails on the 15th read: the first pass (10 reads) checks the batch, the second writes rows.
        List<Candle> failing = new AbstractList<>() {
            private int reads;

            @Override
            public Candle get(int index) {
                if (++reads == 15) {
                    throw new IllegalStateException("disk on fire");
                }
                return candles.get(index);
            }

            @Override
            public int size() {
                return candles.size();
            }
        };

        assertThatThrownBy(() -> new CandleParquetWriter(dataDir).write(partition, failing, WRITER, 0))
                .hasMessage("disk on fire");
        assertThat(listNames(dataDir.resolve(partition.relativeDir()))).isEmpty();
    }

    @Test
    void refusesUnsortedOrForeignCandlesBeforeCreatingAFile() {
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 3);
        PartitionPath partition = PartitionPath.of(candles.get(0));
        CandleParquetWriter writer = new CandleParquetWriter(dataDir);

        assertThatThrownBy(() -> writer.write(partition, List.of(candles.get(1), candles.get(0)), WRITER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected strictly increasing open times");
        Candle otherDay = TestCandles.candle(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME + 86_400_000L, 0);
        assertThatThrownBy(() -> writer.write(partition, List.of(otherDay), WRITER, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected candles of this partition");
        assertThatThrownBy(() -> writer.write(partition, List.of(), WRITER, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(dataDir.resolve(PartitionPath.DATASET))).isFalse();
    }

    @Test
    void refusesToReplaceAnExistingFile() throws IOException {
        List<Candle> candles = TestCandles.run(BTCUSDT, Interval.M1, TestCandles.ARTICLE_OPEN_TIME, 2);
        CandleParquetWriter writer = new CandleParquetWriter(dataDir);
        writer.write(PartitionPath.of(candles.get(0)), candles, WRITER, 0);

        assertThatThrownBy(() -> writer.write(PartitionPath.of(candles.get(0)), candles, WRITER, 0))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(DuckDb.count(dataDir)).isEqualTo(2);
    }

    private static List<String> listNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
