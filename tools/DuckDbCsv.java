import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs each argument as one DuckDB statement in an in-memory database and prints its result as CSV,
 * header first, a blank line between results, NULL as an empty field. Launched as a single source
 * file by {@code tools/parquet-query}, so there is nothing to compile or keep in step.
 */
public final class DuckDbCsv {
    public static void main(String[] args) throws IOException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = db.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            boolean first = true;
            for (String arg : args) {
                String sql = arg.equals("-") ? readAll(System.in) : arg;
                if (!first) {
                    System.out.println();
                }
                first = false;
                if (st.execute(sql)) {
                    try (ResultSet rs = st.getResultSet()) {
                        print(rs);
                    }
                }
            }
        } catch (SQLException e) {
            System.err.println("parquet-query: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void print(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        StringBuilder line = new StringBuilder();
        for (int c = 1; c <= columns; c++) {
            line.append(c > 1 ? "," : "").append(csv(rs.getMetaData().getColumnLabel(c)));
        }
        System.out.println(line);
        while (rs.next()) {
            line.setLength(0);
            for (int c = 1; c <= columns; c++) {
                Object v = rs.getObject(c);
                line.append(c > 1 ? "," : "").append(v == null ? "" : csv(v.toString()));
            }
            System.out.println(line);
        }
    }

    /** Quotes a field only when CSV needs it (a comma, quote or line break inside). */
    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
