package io.candlebus.market.bithumb;

import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures reading one Bithumb trade message (the live DEFAULT shape, about 330 bytes, string
 * {@code sequential_id}) from its UTF-8 bytes, per message: the production entry point
 * {@link BithumbTradeParser#parse(byte[])}, and its two ways of reading: the field scanner that reads
 * a valid trade, and the tree of selected fields (the general path, and how every message was read
 * before). It sits in the parser's package to reach the package-private paths. The other candidate,
 * Jackson's streaming parser with the values taken from its tokens, was measured here too and lost
 * (see the README's Benchmarks section); its code is in commit 0db8091.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BithumbParseBenchmark {
    private static final String[] CODES = {"KRW-BTC", "KRW-ETH", "KRW-XRP", "KRW-SOL"};
    static final int MESSAGES = 1024;

    static final Function<String, Instrument> CODES_OF = Map.of(
            "KRW-BTC", Instrument.parse("bithumb:spot:KRW-BTC"),
            "KRW-ETH", Instrument.parse("bithumb:spot:KRW-ETH"),
            "KRW-XRP", Instrument.parse("bithumb:spot:KRW-XRP"),
            "KRW-SOL", Instrument.parse("bithumb:spot:KRW-SOL"))::get;
    private final BithumbTradeParser parser = new BithumbTradeParser(CODES_OF);
    private final BithumbTradeScanner scanner = new BithumbTradeScanner(CODES_OF);
    private byte[][] messages;
    private int next;

    @Setup
    public void setUp() {
        messages = messages();
    }

    /** 1024 trade messages in the live DEFAULT shape over four markets, the same every time. */
    static byte[][] messages() {
        SplittableRandom random = new SplittableRandom(7);
        byte[][] out = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            long price = 131_250_000L + 2_000L * (random.nextInt(200) - 100);
            long time = 1_767_225_600_000L + 150L * i;
            String json = "{\"type\":\"trade\",\"code\":\"" + CODES[i % 4] + "\",\"trade_price\":" + price
                    + ",\"trade_volume\":0." + String.format("%08d", 1 + random.nextInt(99_999_999))
                    + ",\"ask_bid\":\"" + (random.nextBoolean() ? "BID" : "ASK")
                    + "\",\"prev_closing_price\":131250000,\"change\":\"RISE\",\"change_price\":350000,"
                    + "\"trade_date\":\"2026-01-01\",\"trade_time\":\"09:00:00\",\"trade_timestamp\":" + time
                    + ",\"timestamp\":" + (time + 67) + ",\"sequential_id\":\"" + (862_683_813_820_523_888L + i)
                    + "\",\"stream_type\":\"REALTIME\"}";
            out[i] = json.getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    private byte[] message() {
        return messages[next++ & (MESSAGES - 1)];
    }

    /** What the feed calls for every frame. */
    @Benchmark
    public BithumbMessage parseBytes() throws BadInputException {
        return parser.parse(message());
    }

    /** The tree of selected fields over the bytes. */
    @Benchmark
    public BithumbMessage tree() throws BadInputException {
        return parser.parseTree(message());
    }

    /** The fast path alone: the field scanner over the bytes, no parser object. */
    @Benchmark
    public BithumbMessage scanner() {
        return scanner.read(message());
    }
}
