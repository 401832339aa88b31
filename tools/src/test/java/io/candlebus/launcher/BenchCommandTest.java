package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Interval;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final String LINE =
            "messages=(\\d+) msgs_per_s=\\d+ p50_us=\\d+\\.\\d p99_us=\\d+\\.\\d p999_us=\\d+\\.\\d";
    /** Closed bands of 20,000 generated trades (50 minutes over four markets): 49 minutes and nine 5m buckets each. */
    private static final long CLOSED_20000 = 4 * (49 + 9);

    @Test
    void printsOneLineForTheGeneratedTradeStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolMain.run(
                new String[] {
                    "bench", "--messages", "20000", "--warmup", "1000", "--warmup-rounds", "1", "--event-loops", "2"
                },
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).matches(LINE + "\\R").startsWith("messages=20000 ");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(", closed bands " + CLOSED_20000 + ", rejected messages 0")
                .contains("event_loops=2 shards=2 feed_connections=1 markets=4 ")
                .contains("untraced_bands=0 ");
    }

    @Test
    void tracesEveryClosedCandleToTheTradeThatClosedIt() throws Exception {
        BenchResult result = BenchCommand.measure(BenchOptions.of(null, 20_000, 0, 0));
        // 400 trades a minute over four markets, 50 minutes: every minute but the last closes (49 x 4) and the
        // first nine 5m buckets (9 x 4). The bands are warm from the REST history before the first trade.
        assertThat(result.messages()).isEqualTo(20_000);
        assertThat(result.closedBands()).isEqualTo(CLOSED_20000);
        assertThat(result.liveBands()).isPositive();
        assertThat(result.latency().getTotalCount()).isEqualTo(result.liveBands() + result.closedBands());
        assertThat(result.closedLatency().getTotalCount()).isEqualTo(result.closedBands());
        assertThat(result.historyBands()).isPositive();
        assertThat(result.untraced()).isZero();
        assertThat(result.badInput()).isZero();
        assertThat(result.line()).matches(LINE);
    }

    @Test
    void readsTradeLinesFromAFileAndPacesThem(@TempDir Path dir) throws Exception {
        byte[][] trades = BenchMessages.generate(9_000);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < trades.length; i++) {
            String trade = new String(trades[i], StandardCharsets.UTF_8);
            // Every other message in the short shape with a numeric id.
            lines.add(i % 2 == 0 ? trade : toTrade(trade, Long.toString(1000L + i)));
        }
        lines.add("{\"status\":\"UP\"}");
        lines.add("{\"type\":\"trade\",\"code\":");
        Path file = dir.resolve("messages.jsonl");
        Files.write(file, lines);
        BenchResult result = BenchCommand.measure(BenchOptions.of(file, 0, 20_000, 0));
        assertThat(result.messages()).isEqualTo(9_002);
        assertThat(result.badInput()).isEqualTo(1);
        // 22.5 minutes: 22 closed minutes and four closed 5m buckets per market.
        assertThat(result.closedBands()).isEqualTo(4 * (22 + 4));
        assertThat(result.untraced()).isZero();
        assertThat(result.messages() * 1e9 / result.elapsedNanos()).isLessThan(21_000);
    }

    @Test
    void rejectsNoTradeWithAStringSequentialIdAsLiveBithumbSendsIt(@TempDir Path dir) throws Exception {
        // Every generated trade in the short shape with the live id: "sequential_id":"862683813820523888".
        // Before issue 8 every one of these was rejected.
        byte[][] trades = BenchMessages.generate(20_000);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < trades.length; i++) {
            lines.add(toTrade(
                    new String(trades[i], StandardCharsets.UTF_8), "\"" + (862_683_813_820_523_888L + i) + "\""));
        }
        assertThat(lines.get(0)).contains("\"sequential_id\":\"862683813820523888\"");
        Path file = dir.resolve("trades-string-ids.jsonl");
        Files.write(file, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ToolMain.run(
                new String[] {"bench", "--input", file.toString(), "--warmup", "0"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).matches(LINE + "\\R").startsWith("messages=20000 ");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(", closed bands " + CLOSED_20000 + ", rejected messages 0");
    }

    @Test
    void theGeneratedTradesHaveTheLiveShapeWithAStringSequentialId() throws Exception {
        Path fixture = Path.of(BenchCommandTest.class
                .getResource("/bithumb-trade-string-seq.json")
                .toURI());
        String live = Files.readString(fixture).strip();
        String generated = new String(BenchMessages.generate(1)[0], StandardCharsets.UTF_8);

        assertThat(generated).contains("\"sequential_id\":\"862683813820523888\"");
        assertThat(fieldNames(generated)).isEqualTo(fieldNames(live));
    }

    @Test
    void writesTheGeneratedMessagesForOtherProgramsAndReadsTheSameBytesBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trades.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ToolMain.run(
                new String[] {"bench", "--messages", "1000", "--write", file.toString()},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(BenchMessages.read(file)).isDeepEqualTo(BenchMessages.generate(1000));
    }

    @Test
    void rejectsBadOptionsWithExitCode2() {
        assertThat(badOption("--rate", "-1")).contains("--rate: expected messages per second > 0, was '-1'");
        assertThat(badOption("--event-loops", "0"))
                .contains("--event-loops: expected an integer from 1 to 256, was '0'");
        assertThat(badOption("--intervals", "5m,1m")).contains("--intervals: expected intervals from the smallest up");
    }

    @Test
    void readsTheLayoutOptions() {
        BenchOptions options = BenchOptions.parse(
                List.of("--event-loops", "3", "--instruments", "100", "--intervals", "1m,5m,15m", "--messages", "5"));
        assertThat(options.setup())
                .isEqualTo(new BenchSetup(3, 3, 1, List.of(Interval.M1, Interval.M5, Interval.M15), 25));
        assertThat(BenchOptions.parse(List.of("--event-loops", "1", "--shards", "4"))
                        .setup()
                        .shards())
                .isEqualTo(4);
        assertThat(BenchMessages.codes(6))
                .containsExactly("KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL", "KRW-C0005", "KRW-C0006");
    }

    private static String badOption(String flag, String value) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ToolMain.run(
                new String[] {"bench", flag, value},
                Map.of(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Returns the trade message of {@code ticker}'s trade with {@code idJson} (a number or a string) as its id. */
    private static String toTrade(String ticker, String idJson) {
        String code = field(ticker, "code");
        return "{\"type\":\"trade\",\"code\":" + code + ",\"trade_price\":" + field(ticker, "trade_price")
                + ",\"trade_volume\":" + field(ticker, "trade_volume") + ",\"ask_bid\":" + field(ticker, "ask_bid")
                + ",\"trade_timestamp\":" + field(ticker, "trade_timestamp") + ",\"sequential_id\":" + idJson
                + ",\"stream_type\":\"REALTIME\"}";
    }

    /** The top-level field names of a flat JSON object, in order. */
    private static List<String> fieldNames(String json) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("[{,]\"(\\w+)\":").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(at, end);
    }
}
