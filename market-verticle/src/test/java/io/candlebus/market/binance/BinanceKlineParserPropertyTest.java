package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonMutations;
import io.candlebus.market.JsonMutations.Ohlc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Properties of the Binance kline parsers (websocket frames and REST rows): any input gives a frame or
 * a {@link BadInputException} of a known kind, valid klines keep their exact decimal text, and each
 * broken invariant is rejected with its own kind.
 */
class BinanceKlineParserPropertyTest {
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument COINM = Instrument.parse("binance:coinm:BTCUSD_PERP");
    private static final long FROM = 1_577_836_800_000L; // 2020-01-01
    private static final long TO = 1_893_456_000_000L; // 2030-01-01
    private static final List<Interval> INTERVALS = List.of(Interval.values());

    private final BinanceKlineParser parser =
            new BinanceKlineParser(Map.of("BTCUSDT", BTCUSDT, "BTCUSD_PERP", COINM)::get);

    /** The values of one generated kline, written as Binance does (decimals as strings). */
    record Kline(
            String symbol,
            Interval interval,
            long openTime,
            Ohlc ohlc,
            BigDecimal volume,
            BigDecimal quoteVolume,
            long trades,
            BigDecimal takerBase,
            BigDecimal takerQuote,
            boolean closed,
            boolean combined) {

        String wsJson() {
            String event = "{\"e\":\"kline\",\"E\":" + (openTime + 1) + ",\"s\":\"" + symbol + "\",\"k\":{\"t\":"
                    + openTime + ",\"T\":" + (openTime + interval.millis() - 1) + ",\"s\":\"" + symbol
                    + "\",\"i\":\"" + interval.code() + "\",\"f\":1,\"L\":2,\"o\":" + q(ohlc.open()) + ",\"c\":"
                    + q(ohlc.close()) + ",\"h\":" + q(ohlc.high()) + ",\"l\":" + q(ohlc.low()) + ",\"v\":"
                    + q(volume) + ",\"n\":" + trades + ",\"x\":" + closed + ",\"q\":" + q(quoteVolume) + ",\"V\":"
                    + q(takerBase) + ",\"Q\":" + q(takerQuote) + ",\"B\":\"0\"}}";
            return combined
                    ? "{\"stream\":\"" + symbol.toLowerCase(java.util.Locale.ROOT) + "@kline_" + interval.code()
                            + "\",\"data\":" + event + "}"
                    : event;
        }

        String restRow() {
            return "[" + openTime + "," + q(ohlc.open()) + "," + q(ohlc.high()) + "," + q(ohlc.low()) + ","
                    + q(ohlc.close()) + "," + q(volume) + "," + (openTime + interval.millis() - 1) + ","
                    + q(quoteVolume) + "," + trades + "," + q(takerBase) + "," + q(takerQuote) + ",\"0\"]";
        }

        private static String q(BigDecimal d) {
            return "\"" + d.toPlainString() + "\"";
        }
    }

    @Provide
    Arbitrary<Kline> klines() {
        Arbitrary<Interval> interval = Arbitraries.of(INTERVALS);
        return interval.flatMap(i -> Builders.withBuilder(() -> new Object[11])
                .use(Arbitraries.of("BTCUSDT", "BTCUSD_PERP"))
                .in((a, v) -> set(a, 0, v))
                .use(Arbitraries.longs().between(FROM / i.millis(), TO / i.millis()))
                .in((a, v) -> set(a, 2, v * i.millis()))
                .use(JsonMutations.ohlc())
                .in((a, v) -> set(a, 3, v))
                .use(JsonMutations.nonNegativeDecimals())
                .in((a, v) -> set(a, 4, v))
                .use(JsonMutations.nonNegativeDecimals())
                .in((a, v) -> set(a, 5, v))
                .use(Arbitraries.longs().between(0, 10_000_000))
                .in((a, v) -> set(a, 6, v))
                .use(JsonMutations.nonNegativeDecimals())
                .in((a, v) -> set(a, 7, v))
                .use(JsonMutations.nonNegativeDecimals())
                .in((a, v) -> set(a, 8, v))
                .use(Arbitraries.of(true, false))
                .in((a, v) -> set(a, 9, v))
                .use(Arbitraries.of(true, false))
                .in((a, v) -> set(a, 10, v))
                .build(a -> new Kline(
                        (String) a[0],
                        i,
                        (Long) a[2],
                        (Ohlc) a[3],
                        (BigDecimal) a[4],
                        (BigDecimal) a[5],
                        (Long) a[6],
                        (BigDecimal) a[7],
                        (BigDecimal) a[8],
                        (Boolean) a[9],
                        (Boolean) a[10])));
    }

    private static Object[] set(Object[] a, int i, Object v) {
        a[i] = v;
        return a;
    }

    @Property(tries = 200)
    void validKlinesParseToExactlyTheirDecimals(@ForAll("klines") Kline k) throws Exception {
        BinanceFrame.Kline frame = (BinanceFrame.Kline) parser.parse(k.wsJson());

        assertThat(frame.eventTime()).isEqualTo(k.openTime() + 1);
        assertCarries(frame.candle(), k, CandleSource.WEBSOCKET, k.closed());
    }

    @Property(tries = 100)
    void validRestRowsParseToExactlyTheirDecimals(@ForAll("klines") Kline k) throws Exception {
        byte[] body = ("[" + k.restRow() + "," + k.restRow() + "]").getBytes(StandardCharsets.UTF_8);
        Instrument instrument = k.symbol().equals("BTCUSDT") ? BTCUSDT : COINM;

        List<Candle> rows = BinanceRestKline.parse(body, instrument, k.interval(), e -> {
            throw new AssertionError(e);
        });

        assertThat(rows).hasSize(2);
        assertCarries(rows.get(0), k, CandleSource.REST, true);
    }

    private static void assertCarries(Candle c, Kline k, CandleSource source, boolean closed) {
        assertThat(c.instrument().symbol()).isEqualTo(k.symbol());
        assertThat(c.interval()).isEqualTo(k.interval());
        assertThat(c.openTime()).isEqualTo(k.openTime());
        // equals, not compareTo: the scale is the venue's text ("87340.00" stays two decimals).
        assertThat(List.of(c.open(), c.high(), c.low(), c.close()))
                .containsExactly(
                        k.ohlc().open(),
                        k.ohlc().high(),
                        k.ohlc().low(),
                        k.ohlc().close());
        assertThat(List.of(c.volume(), c.quoteVolume(), c.takerBuyBaseVolume(), c.takerBuyQuoteVolume()))
                .containsExactly(k.volume(), k.quoteVolume(), k.takerBase(), k.takerQuote());
        assertThat(c.tradeCount()).isEqualTo(k.trades());
        assertThat(c.closed()).isEqualTo(closed);
        assertThat(c.source()).isEqualTo(source);
    }

    /** One broken invariant: the field to change, a function of the valid kline, and the expected kind. */
    enum Breakage {
        HIGH_BELOW_LOW("high-below-low"),
        OPEN_ABOVE_HIGH("out-of-range"),
        CLOSE_BELOW_LOW("out-of-range"),
        ZERO_PRICE("non-positive"),
        NEGATIVE_PRICE("non-positive"),
        NEGATIVE_VOLUME("negative"),
        NEGATIVE_QUOTE_VOLUME("negative"),
        NEGATIVE_TAKER_VOLUME("negative"),
        NEGATIVE_TRADES("negative"),
        MISALIGNED_OPEN("misaligned"),
        NEGATIVE_OPEN("bad-time"),
        NAN_PRICE("bad-number"),
        INFINITE_VOLUME("bad-number"),
        HUGE_PRICE("bad-number");

        final String kind;

        Breakage(String kind) {
            this.kind = kind;
        }

        Kline apply(Kline k) {
            Ohlc p = k.ohlc();
            BigDecimal below = p.low()
                    .subtract(p.low().ulp().max(BigDecimal.ONE).min(p.low()).divide(BigDecimal.valueOf(2)));
            return switch (this) {
                case HIGH_BELOW_LOW -> with(k, new Ohlc(p.low(), below, p.low(), p.low()));
                case OPEN_ABOVE_HIGH -> with(k, new Ohlc(p.high().add(BigDecimal.ONE), p.high(), p.low(), p.close()));
                case CLOSE_BELOW_LOW -> with(k, new Ohlc(p.open(), p.high(), p.low(), below));
                case ZERO_PRICE -> with(k, new Ohlc(p.open(), p.high(), BigDecimal.ZERO, p.close()));
                case NEGATIVE_PRICE -> with(k, new Ohlc(p.open().negate(), p.high(), p.low(), p.close()));
                case NEGATIVE_VOLUME -> volumes(
                        k, k.volume().negate().subtract(BigDecimal.ONE), k.quoteVolume(), k.takerBase());
                case NEGATIVE_QUOTE_VOLUME -> volumes(k, k.volume(), new BigDecimal("-0.1"), k.takerBase());
                case NEGATIVE_TAKER_VOLUME -> volumes(k, k.volume(), k.quoteVolume(), new BigDecimal("-1E-8"));
                case NEGATIVE_TRADES -> new Kline(
                        k.symbol(),
                        k.interval(),
                        k.openTime(),
                        p,
                        k.volume(),
                        k.quoteVolume(),
                        -1 - k.trades(),
                        k.takerBase(),
                        k.takerQuote(),
                        k.closed(),
                        k.combined());
                case MISALIGNED_OPEN -> at(k, k.openTime() + 1);
                case NEGATIVE_OPEN -> at(k, -k.interval().millis());
                case NAN_PRICE, INFINITE_VOLUME, HUGE_PRICE -> k;
            };
        }

        /** Breakages that no BigDecimal can carry are made in the text. */
        String ws(Kline k) {
            String json = apply(k).wsJson();
            return switch (this) {
                case NAN_PRICE -> json.replace("\"o\":\"" + k.ohlc().open().toPlainString() + "\"", "\"o\":\"NaN\"");
                case INFINITE_VOLUME -> json.replace(
                        "\"v\":\"" + k.volume().toPlainString() + "\"", "\"v\":\"Infinity\"");
                case HUGE_PRICE -> json.replace(
                        "\"h\":\"" + k.ohlc().high().toPlainString() + "\"", "\"h\":\"1E+999999999\"");
                default -> json;
            };
        }

        private static Kline with(Kline k, Ohlc p) {
            return new Kline(
                    k.symbol(),
                    k.interval(),
                    k.openTime(),
                    p,
                    k.volume(),
                    k.quoteVolume(),
                    k.trades(),
                    k.takerBase(),
                    k.takerQuote(),
                    k.closed(),
                    k.combined());
        }

        private static Kline volumes(Kline k, BigDecimal v, BigDecimal q, BigDecimal takerBase) {
            return new Kline(
                    k.symbol(),
                    k.interval(),
                    k.openTime(),
                    k.ohlc(),
                    v,
                    q,
                    k.trades(),
                    takerBase,
                    k.takerQuote(),
                    k.closed(),
                    k.combined());
        }

        private static Kline at(Kline k, long openTime) {
            return new Kline(
                    k.symbol(),
                    k.interval(),
                    openTime,
                    k.ohlc(),
                    k.volume(),
                    k.quoteVolume(),
                    k.trades(),
                    k.takerBase(),
                    k.takerQuote(),
                    k.closed(),
                    k.combined());
        }
    }

    @Property(tries = 300)
    void eachBrokenInvariantIsRejectedWithItsKind(@ForAll("klines") Kline k, @ForAll Breakage breakage) {
        assertThatThrownBy(() -> parser.parse(breakage.ws(k)))
                .isInstanceOfSatisfying(
                        BadInputException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(breakage.kind));
    }

    @Provide
    Arbitrary<String> wsInputs() {
        List<String> seeds = new ArrayList<>();
        try {
            seeds.addAll(BinanceKlineParserTest.lines("/binance/binance-kline-samples.jsonl"));
            seeds.addAll(BinanceKlineParserTest.lines("/binance/binance-spot-kline-5m-capture.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        seeds.add("{\"result\":null,\"id\":1}");
        seeds.add("{\"code\":2,\"msg\":\"Invalid request\",\"id\":4}");
        seeds.add("{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":2}");
        seeds.add("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        seeds.add("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1767225600000}}");
        return Arbitraries.oneOf(
                JsonMutations.jsonish(),
                JsonMutations.mutated(seeds),
                klines().map(Kline::wsJson).flatMap(json -> JsonMutations.mutated(List.of(json))));
    }

    @Property(tries = 1000)
    void anyWebsocketInputGivesAFrameOrAKnownKind(@ForAll("wsInputs") String text) {
        try {
            assertThat(parser.parse(text)).isNotNull();
        } catch (BadInputException e) {
            assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS);
        }
    }

    @Provide
    Arbitrary<byte[]> restBodies() {
        Arbitrary<String> valid = klines().list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(ks ->
                        "[" + String.join(",", ks.stream().map(Kline::restRow).toList()) + "]");
        Arbitrary<String> texts =
                Arbitraries.oneOf(JsonMutations.jsonish(), valid.flatMap(body -> JsonMutations.mutated(List.of(body))));
        return Arbitraries.oneOf(
                texts.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80));
    }

    @Property(tries = 500)
    void anyRestBodyGivesRowsOrAKnownKind(@ForAll("restBodies") byte[] body) {
        try {
            List<Candle> rows = BinanceRestKline.parse(body, BTCUSDT, Interval.M1, e -> assertThat(e.kind())
                    .as(e.getMessage())
                    .isIn(JsonMutations.PARSER_KINDS));
            assertThat(rows).doesNotContainNull();
        } catch (BadInputException e) {
            assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS);
        }
    }

    // Counterexamples the properties found, kept as plain tests.

    @Test
    void rejectsAnOpenTimeWhoseCloseTimeWouldOverflow() {
        long open = Interval.M1.openTimeOf(Long.MAX_VALUE);
        String json = "{\"e\":\"kline\",\"E\":1,\"s\":\"BTCUSDT\",\"k\":{\"t\":" + open + ",\"T\":"
                + (open + 59_999) + ",\"i\":\"1m\",\"o\":\"1\",\"c\":\"1\",\"h\":\"1\",\"l\":\"1\",\"v\":\"0\","
                + "\"n\":0,\"x\":true,\"q\":\"0\",\"V\":\"0\",\"Q\":\"0\"}}";

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-time"));
    }
}
