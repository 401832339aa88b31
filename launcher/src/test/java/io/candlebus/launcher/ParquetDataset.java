package io.candlebus.launcher;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a recorded candle dataset back with DuckDB, an independent Parquet reader. */
final class ParquetDataset {
    private ParquetDataset() {}

    /** One row of the dataset, with the hive partition keys from the path. */
    record Row(
            String exchange,
            String market,
            String symbol,
            String interval,
            long openTime,
            double open,
            double high,
            double low,
            double close,
            double volume,
            double quoteVolume,
            long tradeNum,
            double takerBuyBase,
            double takerBuyQuote,
            long endTime,
            String source) {

        String key() {
            return exchange + ":" + market + ":" + symbol + "/" + interval + "/" + openTime;
        }
    }

    static List<Row> read(Path dataDir) throws SQLException {
        Path root = dataDir.resolve("candles");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        // The recorder creates partition folders before its first file is renamed into place, and
        // DuckDB fails on a glob that matches nothing.
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            if (files.noneMatch(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith("."))) {
                return List.of();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String glob = root.toAbsolutePath() + "/**/*.parquet";
        String sql =
                "select exchange, market, symbol, \"interval\", epoch_ms(candle_begin_time), open, high, low, close,"
                        + " volume, quote_volume, trade_num, taker_buy_base_asset_volume, taker_buy_quote_asset_volume,"
                        + " epoch_ms(candle_end_time), source"
                        + " from read_parquet('" + glob + "', hive_partitioning=true, hive_types_autocast=false)";
        List<Row> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getDouble(6),
                            rs.getDouble(7),
                            rs.getDouble(8),
                            rs.getDouble(9),
                            rs.getDouble(10),
                            rs.getDouble(11),
                            rs.getLong(12),
                            rs.getDouble(13),
                            rs.getDouble(14),
                            rs.getLong(15),
                            rs.getString(16)));
                }
            }
        }
        return rows;
    }

    /** Returns the DuckDB type name of {@code candle_begin_time} in the dataset. */
    static String beginTimeType(Path dataDir) throws SQLException {
        String glob = dataDir.resolve("candles").toAbsolutePath() + "/**/*.parquet";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("select typeof(candle_begin_time) from read_parquet('" + glob + "') limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static boolean sameNumber(double recorded, BigDecimal published) {
        return recorded == published.doubleValue();
    }
}
