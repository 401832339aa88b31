package io.candlebus.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Supplies the bench's raw messages: JSON lines read from a file, or a deterministic stream of Bithumb
 * ticker messages in the websocket's DEFAULT shape as the live venue sends it ({@code delisting_date}
 * {@code ""}, about 870 bytes each) for four KRW markets, 400 messages a minute of trade time in all,
 * prices on a random walk.
 */
final class BenchMessages {
    static final String[] CODES = {"KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL"};
    static final long START = 1_767_225_600_000L;
    /** 400 messages per minute of trade time: the live bands are warm after 19 minutes, 7600 messages. */
    static final long STEP_MILLIS = 150;

    private static final long[] LEVELS = {131_250_000L, 4_512_000L, 3_125L, 285_400L};

    private BenchMessages() {}

    /** Reads the non-blank lines of {@code file} as UTF-8 bytes. */
    static byte[][] read(Path file) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(line.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return lines.toArray(new byte[0][]);
    }

    /** Generates {@code n} ticker messages; the same {@code n} always gives the same bytes. */
    static byte[][] generate(int n) {
        SplittableRandom random = new SplittableRandom(7);
        long[] price = LEVELS.clone();
        byte[][] out = new byte[n][];
        StringBuilder sb = new StringBuilder(1024);
        for (int i = 0; i < n; i++) {
            int c = i % CODES.length;
            long step = Math.max(1, LEVELS[c] / 20_000);
            price[c] = Math.max(step, price[c] + step * (random.nextInt(5) - 2));
            long time = START + i * STEP_MILLIS;
            String volume = "0." + String.format("%08d", 1 + random.nextInt(99_999_999));
            sb.setLength(0);
            ticker(sb, CODES[c], LEVELS[c], price[c], volume, random.nextBoolean() ? "BID" : "ASK", time);
            out[i] = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static void ticker(
            StringBuilder sb, String code, long open, long price, String volume, String side, long time) {
        long change = price - open;
        String direction = change > 0 ? "RISE" : change < 0 ? "FALL" : "EVEN";
        double rate = Math.abs((double) change / open);
        sb.append("{\"type\":\"ticker\",\"code\":\"")
                .append(code)
                .append("\",\"opening_price\":")
                .append(open)
                .append(",\"high_price\":")
                .append(Math.max(open, price) + open / 200)
                .append(",\"low_price\":")
                .append(Math.min(open, price) - open / 200)
                .append(",\"trade_price\":")
                .append(price)
                .append(",\"prev_closing_price\":")
                .append(open)
                .append(",\"change\":\"")
                .append(direction)
                .append("\",\"change_price\":")
                .append(Math.abs(change))
                .append(",\"signed_change_price\":")
                .append(change)
                .append(",\"change_rate\":")
                .append(rate)
                .append(",\"signed_change_rate\":")
                .append(change < 0 ? -rate : rate)
                .append(",\"trade_volume\":")
                .append(volume)
                .append(",\"acc_trade_volume\":412.55100000,\"acc_trade_volume_24h\":1533.22010000")
                .append(",\"acc_trade_price\":54081120000.52,\"acc_trade_price_24h\":201005335000.21")
                .append(",\"trade_date\":\"20260101\",\"trade_time\":\"090000\",\"trade_timestamp\":")
                .append(time)
                .append(",\"ask_bid\":\"")
                .append(side)
                .append("\",\"acc_ask_volume\":201.30000000,\"acc_bid_volume\":211.25100000")
                .append(",\"highest_52_week_price\":")
                .append(open * 5 / 4)
                .append(",\"highest_52_week_date\":\"2025-10-06\",\"lowest_52_week_price\":")
                .append(open * 9 / 10)
                .append(",\"lowest_52_week_date\":\"2025-04-07\",\"market_state\":\"ACTIVE\"")
                // "" as live Bithumb sends it (its docs show null).
                .append(",\"is_trading_suspended\":false,\"delisting_date\":\"\",\"market_warning\":\"NONE\"")
                .append(",\"timestamp\":")
                .append(time + 78)
                .append(",\"stream_type\":\"REALTIME\"}");
    }
}
