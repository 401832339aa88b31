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
 * Supplies the bench's raw messages: JSON lines read from a file, or a deterministic stream of Bithumb trade
 * messages in the websocket's DEFAULT shape as the live venue sends them ({@code sequential_id} a string of 18
 * digits, about 330 bytes each) over KRW markets taken in turn, 400 messages a minute of trade time in all, prices on
 * a random walk. Trades, because they are what the feed subscribes to.
 */
final class BenchMessages {
    static final String[] FIRST_CODES = {"KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL"};
    static final long START = 1_767_225_600_000L;
    /** 400 messages per minute of trade time. */
    static final long STEP_MILLIS = 150;

    private static final long FIRST_ID = 862_683_813_820_523_888L;
    private static final long[] FIRST_LEVELS = {131_250_000L, 4_512_000L, 3_125L, 285_400L};

    /** The KST date and time fields Bithumb writes beside the epoch milliseconds (never read by the parser). */
    private static final DateTimeFormatter KST =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.ofHours(9));

    private BenchMessages() {}

    /** Returns the codes of a generated stream over {@code markets} markets: the four first, then KRW-C0005... */
    static String[] codes(int markets) {
        String[] out = new String[markets];
        for (int i = 0; i < markets; i++) {
            out[i] = i < FIRST_CODES.length ? FIRST_CODES[i] : String.format("KRW-C%04d", i + 1);
        }
        return out;
    }

    /** Returns the price level market {@code i} starts from (and its REST history sits at). */
    static long level(int i) {
        return i < FIRST_LEVELS.length ? FIRST_LEVELS[i] : 10_000L + 37L * i;
    }

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

    /** Generates {@code n} trade messages over the four first markets; the same {@code n} always gives the same bytes. */
    static byte[][] generate(int n) {
        return generate(n, FIRST_CODES.length);
    }

    /** Generates {@code n} trade messages over {@code markets} markets. */
    static byte[][] generate(int n, int markets) {
        Generator g = new Generator(markets);
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            out[i] = g.next();
        }
        return out;
    }

    /** The generated stream, one message after the other (each a fresh byte[]). */
    static final class Generator {
        private final String[] codes;
        private final long[] levels;
        private final long[] price;
        private final SplittableRandom random = new SplittableRandom(7);
        private final StringBuilder sb = new StringBuilder(512);
        private long index;
        private long kstSecond = Long.MIN_VALUE;
        private String kst;

        Generator(int markets) {
            codes = codes(markets);
            levels = new long[markets];
            for (int i = 0; i < markets; i++) {
                levels[i] = level(i);
            }
            price = levels.clone();
        }

        byte[] next() {
            long i = index++;
            int c = (int) (i % codes.length);
            long step = Math.max(1, levels[c] / 20_000);
            price[c] = Math.max(step, price[c] + step * (random.nextInt(5) - 2));
            long time = START + i * STEP_MILLIS;
            int volume = 1 + random.nextInt(99_999_999);
            String side = random.nextBoolean() ? "BID" : "ASK";
            sb.setLength(0);
            trade(c, volume, side, time, FIRST_ID + i);
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        private void trade(int c, int volume, String side, long time, long id) {
            long change = price[c] - levels[c];
            String direction = change > 0 ? "RISE" : change < 0 ? "FALL" : "EVEN";
            long second = Math.floorDiv(time, 1000);
            if (second != kstSecond) {
                // Formatted once a second of trade time: the generator runs beside the measured path.
                kstSecond = second;
                kst = KST.format(Instant.ofEpochSecond(second));
            }
            sb.append("{\"type\":\"trade\",\"code\":\"")
                    .append(codes[c])
                    .append("\",\"trade_price\":")
                    .append(price[c])
                    .append(",\"trade_volume\":0.");
            String digits = Integer.toString(volume);
            for (int pad = digits.length(); pad < 8; pad++) {
                sb.append('0');
            }
            sb.append(digits)
                    .append(",\"ask_bid\":\"")
                    .append(side)
                    .append("\",\"prev_closing_price\":")
                    .append(levels[c])
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
}
