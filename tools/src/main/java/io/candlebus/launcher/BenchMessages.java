package io.candlebus.launcher;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Supplies the bench's raw messages: JSON lines read from a file, or a deterministic stream of Bithumb
 * trade messages in the websocket's DEFAULT shape as the live venue sends them ({@code sequential_id} a
 * string of 18 digits, about 330 bytes each) for four KRW markets, 400 messages a minute of trade time
 * in all, prices on a random walk. Trades, because they are what the feed subscribes to: the parser has
 * no mode that reads a ticker as a trade.
 */
final class BenchMessages {
    static final String[] CODES = {"KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL"};
    static final long START = 1_767_225_600_000L;
    /** 400 messages per minute of trade time: the live bands are warm after 19 minutes, 7600 messages. */
    static final long STEP_MILLIS = 150;

    private static final long FIRST_ID = 862_683_813_820_523_888L;
    private static final long[] LEVELS = {131_250_000L, 4_512_000L, 3_125L, 285_400L};

    /** The KST date and time fields Bithumb writes beside the epoch milliseconds (never read by the parser). */
    private static final DateTimeFormatter KST =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.ofHours(9));

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

    /** Writes {@code messages} to {@code file} as lines, so another program can read the very same bytes. */
    static void write(byte[][] messages, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (byte[] m : messages) {
                out.write(m);
                out.write('\n');
            }
        }
    }

    /** Generates {@code n} trade messages; the same {@code n} always gives the same bytes. */
    static byte[][] generate(int n) {
        SplittableRandom random = new SplittableRandom(7);
        long[] price = LEVELS.clone();
        byte[][] out = new byte[n][];
        StringBuilder sb = new StringBuilder(512);
        for (int i = 0; i < n; i++) {
            int c = i % CODES.length;
            long step = Math.max(1, LEVELS[c] / 20_000);
            price[c] = Math.max(step, price[c] + step * (random.nextInt(5) - 2));
            long time = START + i * STEP_MILLIS;
            String volume = "0." + String.format("%08d", 1 + random.nextInt(99_999_999));
            sb.setLength(0);
            trade(sb, CODES[c], LEVELS[c], price[c], volume, random.nextBoolean() ? "BID" : "ASK", time, FIRST_ID + i);
            out[i] = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static void trade(
            StringBuilder sb, String code, long open, long price, String volume, String side, long time, long id) {
        long change = price - open;
        String direction = change > 0 ? "RISE" : change < 0 ? "FALL" : "EVEN";
        Instant at = Instant.ofEpochMilli(time);
        String kst = KST.format(at);
        sb.append("{\"type\":\"trade\",\"code\":\"")
                .append(code)
                .append("\",\"trade_price\":")
                .append(price)
                .append(",\"trade_volume\":")
                .append(volume)
                .append(",\"ask_bid\":\"")
                .append(side)
                .append("\",\"prev_closing_price\":")
                .append(open)
                .append(",\"change\":\"")
                .append(direction)
                .append("\",\"change_price\":")
                .append(Math.abs(change))
                .append(",\"trade_date\":\"")
                .append(kst, 0, 10)
                .append("\",\"trade_time\":\"")
                .append(kst, 11, 19)
                .append("\",\"trade_timestamp\":")
                .append(time)
                .append(",\"timestamp\":")
                .append(time + 67)
                // A string, as live Bithumb sends it (its docs show a number).
                .append(",\"sequential_id\":\"")
                .append(id)
                .append("\",\"stream_type\":\"REALTIME\"}");
    }
}
