package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.example.data.Group;

/**
 * Reads a part file back into candles, every column as written by {@link CandleWriteSupport}, so compaction
 * rewrites rows unchanged: a double read back becomes the {@link BigDecimal} whose {@code doubleValue()} is
 * that same double. The partition's instrument and interval come from the path, as the file holds neither.
 */
final class CandleParquetReader {
    private CandleParquetReader() {}

    /** Returns the rows of {@code file} in file order. */
    static List<Candle> read(Path file, PartitionPath partition) throws IOException {
        List<Candle> out = new ArrayList<>();
        PartFileReader.forEachRow(file, g -> out.add(candle(g, partition)));
        return out;
    }

    private static Candle candle(Group g, PartitionPath partition) {
        return candle(
                g,
                partition.instrument(),
                partition.interval(),
                CandleSource.valueOf(g.getString(CandleWriteSupport.SOURCE, 0).toUpperCase(Locale.ROOT)));
    }

    /**
     * Returns the candle of row {@code g} of a stream of {@code instrument} and {@code interval}, marked as
     * from {@code source}. The recorder stores doubles; an exchange decimal survives as its shortest repr.
     */
    static Candle candle(Group g, Instrument instrument, Interval interval, CandleSource source) {
        return new Candle(
                instrument,
                interval,
                g.getLong("candle_begin_time", 0),
                decimal(g, "open"),
                decimal(g, "high"),
                decimal(g, "low"),
                decimal(g, "close"),
                decimal(g, "volume"),
                decimal(g, "quote_volume"),
                g.getLong("trade_num", 0),
                decimal(g, "taker_buy_base_asset_volume"),
                decimal(g, "taker_buy_quote_asset_volume"),
                true,
                source);
    }

    private static BigDecimal decimal(Group g, String column) {
        return BigDecimal.valueOf(g.getDouble(column, 0));
    }
}
