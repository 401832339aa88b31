package io.candlebus.recorder;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the dataset back with DuckDB, the independent reader: no parquet-java code on this path. */
final class DuckDb {
    private DuckDb() {}

    /** Returns the glob of every part file under {@code dataDir}. */
    static String glob(Path dataDir) {
        return dataDir.resolve(PartitionPath.DATASET).toAbsolutePath() + "/**/*.parquet";
    }

    /** Returns {@code read_parquet(...)} over the whole dataset with hive partitioning. */
    static String dataset(Path dataDir) {
        return "read_parquet('" + glob(dataDir) + "', hive_partitioning=true)";
    }

    static List<Map<String, Object>> query(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("duckdb: expected a result for " + sql + ", was " + e.getMessage(), e);
        }
    }

    static Object scalar(String sql) {
        List<Map<String, Object>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("duckdb: expected one value for " + sql + ", was " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    static long count(Path dataDir) {
        return ((Number) scalar("select count(*) from " + dataset(dataDir))).longValue();
    }
}
