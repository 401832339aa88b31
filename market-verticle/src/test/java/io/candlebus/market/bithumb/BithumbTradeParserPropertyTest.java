package io.candlebus.market.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonMutations;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link BithumbTradeParser}: any text gives a message or a {@link BadInputException}
 * of a known kind, trades (DEFAULT and SIMPLE format, numeric fields as JSON numbers or as strings)
 * keep the exact decimal text of their values, each broken field is rejected with its own kind, and the
 * streaming reader of the common trade shape agrees with the tree on every input it accepts.
 */
class BithumbTradeParserPropertyTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");

    private static final Function<String, Instrument> CODES = Map.of("KRW-BTC", KRW_BTC, "KRW-ETH", KRW_ETH)::get;

    private final BithumbTradeParser parser = new BithumbTradeParser(CODES);

    /**
     * One generated trade; {@code simple} writes it abbreviated,
     * {@code strings} with every numeric field a JSON string (real Bithumb sends {@code sequential_id}
     * so, and some REST endpoints every value).
     */
    record Generated(
            String code,
            BigDecimal price,
            BigDecimal volume,
            boolean bid,
            long time,
            long sequentialId,
            boolean snapshot,
            boolean simple,
            boolean strings) {

        /** Returns a numeric field's text as this message writes it: bare, or quoted if {@code strings}. */
        String n(String text) {
            return strings ? "\"" + text + "\"" : text;
        }

        String json() {
            return json(
                    n(price.toPlainString()), n(volume.toPlainString()), bid ? "BID" : "ASK", n(String.valueOf(time)));
        }

        /** Writes the message with the given raw JSON texts for price, volume, side and time. */
        String json(String priceText, String volumeText, String side, String timeText) {
            return json(priceText, volumeText, side, timeText, n(String.valueOf(sequentialId)));
        }

        /** Writes the message with the given raw JSON texts for price, volume, side, time and id. */
        String json(String priceText, String volumeText, String side, String timeText, String idText) {
            String type = "trade";
            if (simple) {
                return "{\"ty\":\"" + type + "\",\"cd\":\"" + code + "\",\"tp\":" + priceText + ",\"tv\":" + volumeText
                        + ",\"ab\":\"" + side + "\",\"ttms\":" + timeText + ",\"sid\":" + idText
                        + ",\"st\":\"" + (snapshot ? "SNAPSHOT" : "REALTIME") + "\"}";
            }
            return "{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"trade_price\":" + priceText
                    + ",\"trade_volume\":" + volumeText + ",\"ask_bid\":\"" + side + "\",\"prev_closing_price\":1,"
                    + "\"change\":\"RISE\",\"trade_date\":\"2026-01-01\",\"trade_time\":\"09:00:00\","
                    + "\"trade_timestamp\":" + timeText + ",\"timestamp\":" + (time + 60) + ",\"sequential_id\":"
                    + idText + ",\"stream_type\":\"" + (snapshot ? "SNAPSHOT" : "REALTIME") + "\"}";
        }
    }

    @Provide
    Arbitrary<Generated> trades() {
        return Combinators.combine(
                        Arbitraries.of("KRW-BTC", "KRW-ETH"),
                        JsonMutations.positiveDecimals(),
                        JsonMutations.positiveDecimals(),
                        Arbitraries.of(true, false),
                        Arbitraries.longs().between(1, 4_102_444_800_000L),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .flatAs((code, price, volume, bid, time, sid, snapshot, simple) -> Arbitraries.of(true, false)
                        .map(strings -> new Generated(code, price, volume, bid, time, sid, snapshot, simple, strings)));
    }

    @Property(tries = 300)
    void validTradesParseToExactlyTheirDecimals(@ForAll("trades") Generated g) throws Exception {
        BithumbMessage.TradeMessage m = (BithumbMessage.TradeMessage) parser.parse(g.json());

        Trade t = m.trade();
        assertThat(t.instrument().symbol()).isEqualTo(g.code());
        // equals, not compareTo: a JSON number's text ("0.50") keeps its scale.
        assertThat(t.price()).isEqualTo(g.price());
        assertThat(t.quantity()).isEqualTo(g.volume());
        assertThat(t.aggressor()).isEqualTo(g.bid() ? Side.BUY : Side.SELL);
        assertThat(t.tradeTime()).isEqualTo(g.time());
        assertThat(t.tradeId()).isEqualTo(g.sequentialId());
        assertThat(m.snapshot()).isEqualTo(g.snapshot());
    }

    @Property(tries = 200)
    void theStringAndNumberFormsOfATradeParseAlike(@ForAll("trades") Generated g) throws Exception {
        Generated numbers = new Generated(
                g.code(), g.price(), g.volume(), g.bid(), g.time(), g.sequentialId(), g.snapshot(), g.simple(), false);
        Generated strings = new Generated(
                g.code(), g.price(), g.volume(), g.bid(), g.time(), g.sequentialId(), g.snapshot(), g.simple(), true);

        assertThat(parser.parse(strings.json())).isEqualTo(parser.parse(numbers.json()));
    }

    /** A broken field written as raw JSON text, and the kind it must be rejected with. */
    enum Breakage {
        ZERO_PRICE("non-positive"),
        NEGATIVE_PRICE("non-positive"),
        ZERO_VOLUME("non-positive"),
        NEGATIVE_VOLUME("non-positive"),
        STRING_NAN_PRICE("bad-number"),
        NAN_TOKEN("malformed-json"),
        HUGE_VOLUME("bad-number"),
        BAD_SIDE("bad-side"),
        ZERO_TIME("non-positive"),
        FAR_FUTURE_TIME("bad-time"),
        // A fractional number is the wrong type; a fractional string is a bad number.
        FRACTIONAL_TIME("wrong-type", "bad-number"),
        UNKNOWN_CODE("unknown-symbol"),
        EMPTY_STRING_PRICE("bad-number"),
        EMPTY_STRING_TIME("bad-number"),
        EXPONENT_STRING_TIME("bad-number"),
        NON_ASCII_DIGITS_TIME("bad-number"),
        EMPTY_STRING_ID("bad-number"),
        SIGNED_STRING_ID("bad-number"),
        NON_ASCII_DIGITS_ID("bad-number"),
        OVER_A_LONG_STRING_ID("bad-number"),
        FRACTIONAL_STRING_ID("bad-number");

        final String kind;
        final String stringKind;

        Breakage(String kind) {
            this(kind, kind);
        }

        Breakage(String kind, String stringKind) {
            this.kind = kind;
            this.stringKind = stringKind;
        }

        String kind(Generated g) {
            return g.strings() ? stringKind : kind;
        }

        String json(Generated g) {
            String p = g.price().toPlainString();
            String v = g.volume().toPlainString();
            String side = g.bid() ? "BID" : "ASK";
            String t = String.valueOf(g.time());
            String id = String.valueOf(g.sequentialId());
            return switch (this) {
                case ZERO_PRICE -> g.json(g.n("0"), g.n(v), side, g.n(t));
                case NEGATIVE_PRICE -> g.json(g.n("-" + p), g.n(v), side, g.n(t));
                case ZERO_VOLUME -> g.json(g.n(p), g.n("0.000"), side, g.n(t));
                case NEGATIVE_VOLUME -> g.json(g.n(p), g.n("-" + v), side, g.n(t));
                case STRING_NAN_PRICE -> g.json("\"NaN\"", g.n(v), side, g.n(t));
                case NAN_TOKEN -> g.json(g.n(p), "NaN", side, g.n(t));
                case HUGE_VOLUME -> g.json(g.n(p), g.n("1e999999999"), side, g.n(t));
                case BAD_SIDE -> g.json(g.n(p), g.n(v), side.toLowerCase(java.util.Locale.ROOT), g.n(t));
                case ZERO_TIME -> g.json(g.n(p), g.n(v), side, g.n("0"));
                case FAR_FUTURE_TIME -> g.json(g.n(p), g.n(v), side, g.n(String.valueOf(Long.MAX_VALUE - g.time())));
                case FRACTIONAL_TIME -> g.json(g.n(p), g.n(v), side, g.n(t + ".5"));
                case UNKNOWN_CODE -> g.json().replace(g.code(), "KRW-XRP");
                case EMPTY_STRING_PRICE -> g.json("\"\"", g.n(v), side, g.n(t));
                case EMPTY_STRING_TIME -> g.json(g.n(p), g.n(v), side, "\"\"");
                case EXPONENT_STRING_TIME -> g.json(g.n(p), g.n(v), side, "\"" + t + "e0\"");
                case NON_ASCII_DIGITS_TIME -> g.json(g.n(p), g.n(v), side, "\"" + arabicIndic(t) + "\"");
                case EMPTY_STRING_ID -> g.json(g.n(p), g.n(v), side, g.n(t), "\"\"");
                case SIGNED_STRING_ID -> g.json(g.n(p), g.n(v), side, g.n(t), "\"+" + id + "\"");
                case NON_ASCII_DIGITS_ID -> g.json(g.n(p), g.n(v), side, g.n(t), "\"" + arabicIndic(id) + "\"");
                case OVER_A_LONG_STRING_ID -> g.json(g.n(p), g.n(v), side, g.n(t), "\"9223372036854775808\"");
                case FRACTIONAL_STRING_ID -> g.json(g.n(p), g.n(v), side, g.n(t), "\"" + id + ".0\"");
            };
        }

        /** Writes {@code digits} in Arabic-Indic digits, which Long.parseLong would accept. */
        private static String arabicIndic(String digits) {
            StringBuilder sb = new StringBuilder();
            digits.chars().forEach(c -> sb.append((char) ('\u0660' + (c - '0'))));
            return sb.toString();
        }
    }

    @Property(tries = 400)
    void eachBrokenFieldIsRejectedWithItsKind(@ForAll("trades") Generated g, @ForAll Breakage breakage) {
        assertThatThrownBy(() -> parser.parse(breakage.json(g)))
                .isInstanceOfSatisfying(
                        BadInputException.class,
                        e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(breakage.kind(g)));
    }

    @Provide
    Arbitrary<String> inputs() {
        List<String> seeds = List.of(
                BithumbTradeParserTest.TRADE,
                "{\"status\":\"UP\"}",
                "{\"error\":{\"name\":\"WRONG_FORMAT\",\"message\":\"bad\"}}",
                "{\"error\":{\"name\":400,\"message\":null}}",
                "{\"type\":\"orderbook\",\"code\":\"KRW-BTC\",\"orderbook_units\":[{\"ask_price\":1}]}");
        return Arbitraries.oneOf(
                JsonMutations.jsonish(),
                JsonMutations.mutated(seeds),
                trades().map(Generated::json).flatMap(json -> JsonMutations.mutated(List.of(json))));
    }

    @Property(tries = 1000)
    void anyInputGivesAMessageOrAKnownKind(@ForAll("inputs") String text) {
        for (BithumbTradeParser p : List.of(parser, new BithumbTradeParser(Map.of("KRW-BTC", KRW_BTC)::get))) {
            try {
                assertThat(p.parse(text)).isNotNull();
            } catch (BadInputException e) {
                assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS);
            }
        }
    }

    @Property(tries = 300)
    void validTradesTakeTheStreamingPathToTheTreesTrade(@ForAll("trades") Generated g) throws Exception {
        byte[] bytes = g.json().getBytes(StandardCharsets.UTF_8);

        BithumbMessage.TradeMessage streamed = new BithumbTradeScanner(CODES).read(bytes);

        assertThat(streamed).as("read without the tree").isNotNull();
        assertThat(streamed).isEqualTo(parser.parseTree(bytes));
    }

    @Property(tries = 1000)
    void theStreamingReaderAcceptsOnlyWhatTheTreeAcceptsWithTheSameValues(@ForAll("inputs") String text) {
        assertStreamingAgreesWithTree(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void anyBytesGiveAMessageOrAKnownKindAsTheTreeDoes(@ForAll("byteInputs") byte[] bytes) {
        assertStreamingAgreesWithTree(bytes);
    }

    @Provide
    Arbitrary<byte[]> byteInputs() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                inputs().map(text -> text.getBytes(StandardCharsets.UTF_8)),
                // Invalid UTF-8 inside a trade's unread and read strings.
                trades().map(g -> {
                    byte[] b = g.json().getBytes(StandardCharsets.UTF_8);
                    b[b.length / 2] = (byte) 0xC3;
                    return b;
                }));
    }

    /**
     * Valid trades spelled in every way JSON allows and the scanner may or may not take: whitespace
     * between tokens, extra fields of every value type (literals, negative numbers, exponents, escapes,
     * non-ASCII text, nested values), a field repeated with another value, or a trailing byte.
     */
    @Provide
    Arbitrary<String> spellings() {
        List<String> extras = List.of(
                "\"x\":true",
                "\"x\":false",
                "\"x\":null",
                "\"x\":-0.5",
                "\"x\":0",
                "\"x\":1e5",
                "\"x\":-12E-3",
                "\"x\":\"a\\\"b\"",
                "\"x\":\"\\u00e9\"",
                "\"x\":\"\u00e9\uc6d0\"",
                "\"x\":{\"y\":[1,{\"z\":null}]}",
                "\"x\":[]",
                "\"trade\\u005fprice\":5",
                "\"trade_price\":\"7.50\"",
                "\"trade_volume\":3",
                "\"ask_bid\":\"BID\"",
                "\"sequential_id\":12",
                "\"stream_type\":\"SNAPSHOT\"",
                "\"st\":\"SNAPSHOT\"",
                "\"code\":\"KRW-ETH\"",
                "\"cd\":\"KRW-XRP\"",
                "\"type\":\"ticker\"",
                "\"status\":\"UP\"",
                "\"x\":01",
                "\"x\":1.",
                "\"x\":tru",
                "\"x\":truex");
        Arbitrary<String> spaces = Arbitraries.of("", " ", "\n", "\t ", "\r\n");
        return Combinators.combine(
                        trades().map(Generated::json),
                        Arbitraries.of(extras).list().ofMaxSize(3),
                        Arbitraries.of(true, false),
                        spaces,
                        Arbitraries.of("", "", " ", "x", "}"))
                .as((json, added, first, space, trailing) -> {
                    String body = json.substring(1, json.length() - 1);
                    String more = String.join(",", added);
                    String all = more.isEmpty() ? body : first ? more + "," + body : body + "," + more;
                    String spaced = all.replace(",", space + "," + space).replace(":", space + ":" + space);
                    return space + "{" + space + spaced + space + "}" + trailing;
                });
    }

    @Property(tries = 1000)
    void everyValidSpellingOfATradeReadsAsTheTreeReadsIt(@ForAll("spellings") String text) {
        assertStreamingAgreesWithTree(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theScannerTakesTheLiveShapeWithWhitespaceAndLiteralsAndLeavesTheRestToTheTree() throws Exception {
        BithumbTradeScanner scanner = new BithumbTradeScanner(CODES);
        String live = BithumbTradeParserTest.TRADE;
        String spaced = " {\n \"x\" : true , \"y\":null,\"z\":-0.5,"
                + live.substring(1).replace(",", " ,\t").replace(":", ": ") + " \n";

        assertThat(scanner.read(bytes(live))).isNotNull();
        assertThat(scanner.read(bytes(spaced))).isEqualTo(scanner.read(bytes(live)));
        for (String other : List.of(
                live.replace("\"change\":\"RISE\"", "\"change\":\"R\\u0049SE\""),
                live.replace("\"change\":\"RISE\"", "\"change\":1e3"),
                live.replace("\"change\":\"RISE\"", "\"change\":{\"a\":1}"),
                live + "x")) {
            assertThat(scanner.read(bytes(other))).as(other).isNull();
            assertThat(parser.parse(other)).as(other).isEqualTo(parser.parse(live));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** parse(bytes) gives what the tree gives (the same message or the same error), through either path. */
    private void assertStreamingAgreesWithTree(byte[] bytes) {
        BithumbMessage streamed = new BithumbTradeScanner(CODES).read(bytes);
        Object tree;
        try {
            tree = parser.parseTree(bytes);
        } catch (BadInputException e) {
            assertThat(e.kind()).as(e.getMessage()).isIn(JsonMutations.PARSER_KINDS);
            tree = e.getMessage();
        }
        if (streamed != null) {
            assertThat(streamed).isEqualTo(tree);
        }
        Object parsed;
        try {
            parsed = parser.parse(bytes);
        } catch (BadInputException e) {
            parsed = e.getMessage();
        }
        assertThat(parsed).isEqualTo(tree);
    }

    // Counterexamples the properties found, kept as plain tests.

    @Test
    void rejectsATradeTimeBeyondTheYear9999() {
        String json = BithumbTradeParserTest.TRADE.replace("1767225600123", String.valueOf(Long.MAX_VALUE));

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-time"));
    }
}
