package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonMutations;
import io.candlebus.market.JsonMutations.Ohlc;
import io.candlebus.market.RestException;
import io.candlebus.market.venue.MinuteCandleRows;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link MinuteCandleRows#readBody} (Bithumb bodies): any body gives rows, a {@link BadInputException} of a
 * known kind (and bad rows are reported with one) or, for an error object, the venue's refusal; valid
 * rows keep the exact text of their values, JSON numbers or numeric strings, and each broken invariant
 * is rejected with its own kind.
 */
class BithumbCandleParserPropertyTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final long FROM_MINUTE = 1_577_836_800_000L / 60_000L; // 2020-01-01
    private static final long TO_MINUTE = 1_893_456_000_000L / 60_000L; // 2030-01-01

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** One generated REST candle; {@code strings} writes every number as a numeric string. */
    record Row(long openTime, Ohlc ohlc, BigDecimal volume, BigDecimal quote, boolean strings) {
        /** Returns a numeric field's text as this row writes it: bare, or quoted if {@code strings}. */
        String n(String text) {
            return strings ? "\"" + text + "\"" : text;
        }

        String json() {
            return json("\"" + utc(openTime) + "\"", ohlc, n(volume.toPlainString()), n(quote.toPlainString()));
        }

        String json(String utcText, Ohlc p, String volumeText, String quoteText) {
            return json(utcText, n(p.open().toPlainString()), p, volumeText, quoteText, n("1"));
        }

        String json(String utcText, String openText, Ohlc p, String volumeText, String quoteText, String unitText) {
            return "{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":" + utcText + ",\"candle_date_time_kst\":\""
                    + utc(openTime + 9 * 3_600_000L) + "\",\"opening_price\":"
                    + openText
                    + ",\"high_price\":" + n(p.high().toPlainString()) + ",\"low_price\":"
                    + n(p.low().toPlainString())
                    + ",\"trade_price\":" + n(p.close().toPlainString()) + ",\"timestamp\":"
                    + n(String.valueOf(openTime + 59_000))
                    + ",\"candle_acc_trade_price\":" + quoteText + ",\"candle_acc_trade_volume\":" + volumeText
                    + ",\"unit\":" + unitText + "}";
        }

        private static String utc(long millis) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
                    .format(SECONDS);
        }
    }

    @Provide
    Arbitrary<Row> rows() {
        return Combinators.combine(
                        Arbitraries.longs().between(FROM_MINUTE, TO_MINUTE).map(m -> m * 60_000L),
                        JsonMutations.ohlc(),
                        JsonMutations.nonNegativeDecimals(),
                        JsonMutations.nonNegativeDecimals(),
                        Arbitraries.of(true, false))
                .as(Row::new);
    }

    private static byte[] body(List<String> rows) {
        return ("[" + String.join(",", rows) + "]").getBytes(StandardCharsets.UTF_8);
    }

    @Property(tries = 200)
    void validRowsParseToExactlyTheirDecimals(@ForAll("rows") Row row) throws Exception {
        List<Candle> out = MinuteCandleRows.readBody(body(List.of(row.json())), KRW_BTC, e -> {
            throw new AssertionError(e);
        });

        assertThat(out).hasSize(1);
        Candle c = out.get(0);
        assertThat(c.openTime()).isEqualTo(row.openTime());
        // equals, not compareTo: the JSON number's text ("131250000.50") keeps its scale.
        assertThat(List.of(c.open(), c.high(), c.low(), c.close()))
                .containsExactly(
                        row.ohlc().open(),
                        row.ohlc().high(),
                        row.ohlc().low(),
                        row.ohlc().close());
        assertThat(c.volume()).isEqualTo(row.volume());
        assertThat(c.quoteVolume()).isEqualTo(row.quote());
        assertThat(c.source()).isEqualTo(CandleSource.REST);
        assertThat(c.closed()).isTrue();
    }

    /** A broken row and the kind it must be rejected with. */
    enum Breakage {
        HIGH_BELOW_LOW("high-below-low"),
        CLOSE_ABOVE_HIGH("out-of-range"),
        ZERO_LOW("non-positive"),
        NEGATIVE_VOLUME("negative"),
        NEGATIVE_QUOTE("negative"),
        HUGE_QUOTE("bad-number"),
        MISALIGNED("misaligned"),
        NOT_A_TIME("bad-time"),
        OVERFLOWING_YEAR("bad-time"),
        BEFORE_1970("bad-time"),
        NUMERIC_TIME("wrong-type"),
        EMPTY_STRING_OPEN("bad-number"),
        NON_ASCII_DIGITS_VOLUME("bad-number"),
        FRACTIONAL_STRING_UNIT("bad-number"),
        OTHER_STRING_UNIT("unknown-interval");

        final String kind;

        Breakage(String kind) {
            this.kind = kind;
        }

        String json(Row r) {
            Ohlc p = r.ohlc();
            String utc = "\"" + Row.utc(r.openTime()) + "\"";
            String v = r.n(r.volume().toPlainString());
            String q = r.n(r.quote().toPlainString());
            return switch (this) {
                case HIGH_BELOW_LOW -> r.json(
                        utc, new Ohlc(p.low(), p.low().divide(BigDecimal.valueOf(2)), p.low(), p.low()), v, q);
                case CLOSE_ABOVE_HIGH -> r.json(
                        utc, new Ohlc(p.open(), p.high(), p.low(), p.high().add(BigDecimal.ONE)), v, q);
                case ZERO_LOW -> r.json(utc, new Ohlc(p.open(), p.high(), BigDecimal.ZERO, p.close()), v, q);
                case NEGATIVE_VOLUME -> r.json(utc, p, r.n("-1" + r.volume().toPlainString()), q);
                case NEGATIVE_QUOTE -> r.json(utc, p, v, r.n("-0.5"));
                case HUGE_QUOTE -> r.json(utc, p, v, r.n("1E+999999999"));
                case MISALIGNED -> r.json(utc.replace(":00\"", ":30\""), p, v, q);
                case NOT_A_TIME -> r.json("\"2026-13-01T00:00:00\"", p, v, q);
                case OVERFLOWING_YEAR -> r.json("\"+999999999-12-31T23:59:00\"", p, v, q);
                case BEFORE_1970 -> r.json("\"1969-12-31T23:59:00\"", p, v, q);
                case NUMERIC_TIME -> r.json(String.valueOf(r.openTime()), p, v, q);
                case EMPTY_STRING_OPEN -> r.json(utc, "\"\"", p, v, q, r.n("1"));
                case NON_ASCII_DIGITS_VOLUME -> r.json(utc, p, "\"\u0661.\u0665\"", q);
                case FRACTIONAL_STRING_UNIT -> r.json(utc, r.n(p.open().toPlainString()), p, v, q, "\"1.0\"");
                case OTHER_STRING_UNIT -> r.json(utc, r.n(p.open().toPlainString()), p, v, q, "\"3\"");
            };
        }
    }

    @Property(tries = 300)
    void eachBrokenRowIsRejectedWithItsKindAndTheOthersKept(@ForAll("rows") Row good, @ForAll Breakage breakage)
            throws Exception {
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> out = MinuteCandleRows.readBody(
                body(List.of(good.json(), breakage.json(good), good.json())), KRW_BTC, rejected::add);

        assertThat(out).hasSize(2);
        assertThat(rejected)
                .singleElement()
                .satisfies(e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(breakage.kind));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<String> valid = rows().list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(rs -> "[" + String.join(",", rs.stream().map(Row::json).toList()) + "]");
        List<String> errors = List.of(
                "{\"error\":{\"name\":400,\"message\":\"Invalid parameter\"}}",
                "{\"error\":{\"name\":\"invalid_parameter\",\"message\":null}}");
        Arbitrary<String> texts = Arbitraries.oneOf(
                JsonMutations.jsonish(),
                valid.flatMap(body -> JsonMutations.mutated(List.of(body))),
                JsonMutations.mutated(errors));
        return Arbitraries.oneOf(
                texts.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80));
    }

    @Property(tries = 500)
    void anyBodyGivesRowsOrAKnownKind(@ForAll("bodies") byte[] body) {
        try {
            List<Candle> out = MinuteCandleRows.readBody(
                    body, KRW_BTC, e -> assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS));
            assertThat(out).doesNotContainNull();
        } catch (BadInputException e) {
            assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS);
        } catch (RestException e) {
            // Only a well-formed error object is the venue's refusal.
            assertThat(e.getMessage()).startsWith("candles: venue error ");
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"error\"");
        }
    }

    // Counterexamples the properties found, kept as plain tests.

    @Test
    void aYearBeyondEpochMillisecondsIsABadTimeNotAnArithmeticException() throws Exception {
        String json = "[{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":\"+999999999-12-31T23:59:00\","
                + "\"opening_price\":1,\"high_price\":1,\"low_price\":1,\"trade_price\":1,"
                + "\"candle_acc_trade_price\":0,\"candle_acc_trade_volume\":0}]";
        List<BadInputException> rejected = new ArrayList<>();

        List<Candle> out = MinuteCandleRows.readBody(json.getBytes(StandardCharsets.UTF_8), KRW_BTC, rejected::add);

        assertThat(out).isEmpty();
        assertThat(rejected).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("bad-time"));
    }
}
