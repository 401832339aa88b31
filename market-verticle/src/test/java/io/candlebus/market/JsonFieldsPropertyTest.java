package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Properties of {@link JsonFields}: only {@link BadInputException}s escape, decimals stay exact. */
class JsonFieldsPropertyTest {
    private static final Set<String> KEEP = Set.of("type", "code", "trade_price", "nested");
    private static final Set<String> KEEP_TP = Set.of("tp");

    private static final List<String> SEEDS = List.of(
            "{\"type\":\"trade\",\"code\":\"KRW-BTC\",\"trade_price\":131250000.5,\"skip\":{\"a\":[1,2,{\"b\":null}]},"
                    + "\"nested\":{\"x\":[true,false]}}",
            "{\"status\":\"UP\"}",
            "[1,2,3]");

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.oneOf(JsonMutations.jsonish(), JsonMutations.mutated(SEEDS));
    }

    @Property(tries = 500)
    void parseSelectedFailsOnlyWithMalformedJsonAndAgreesWithTheFullTree(@ForAll("inputs") String text) {
        JsonNode full;
        try {
            full = JsonFields.parse(text);
        } catch (BadInputException e) {
            assertThat(e.kind()).isIn("malformed-json", "bad-number");
            if (e.kind().equals("malformed-json")) {
                assertThatThrownBy(() -> JsonFields.parseSelected(text, KEEP))
                        .isInstanceOfSatisfying(BadInputException.class, s -> assertThat(s.kind())
                                .isEqualTo("malformed-json"));
            } else {
                // An unreadable number in a skipped field is never read, so only a kept one fails.
                try {
                    JsonFields.parseSelected(text, KEEP);
                } catch (BadInputException s) {
                    assertThat(s.kind()).isEqualTo("bad-number");
                }
            }
            return;
        }
        JsonNode selected = parseSelectedOrFail(text);
        if (!full.isObject()) {
            assertThat(selected).isEqualTo(full);
            return;
        }
        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        full.properties().forEach(e -> {
            if (KEEP.contains(e.getKey())) {
                expected.set(e.getKey(), e.getValue());
            }
        });
        assertThat(selected).isEqualTo(expected);
    }

    @Property(tries = 200)
    void bytesParseFailsOnlyWithMalformedJsonOrBadNumber(@ForAll byte[] bytes) {
        try {
            assertThat(JsonFields.parse(bytes)).isNotNull();
        } catch (BadInputException e) {
            assertThat(e.kind()).isIn("malformed-json", "bad-number");
        }
    }

    @Property(tries = 200)
    void decimalStringsAndNumbersKeepTheirExactText(@ForAll("decimals") BigDecimal value) throws Exception {
        String text = value.toPlainString();

        BigDecimal fromString = JsonFields.decimal(JsonFields.parse("\"" + text + "\""), "p");
        BigDecimal fromNumber = JsonFields.decimal(JsonFields.parse(text), "p");

        // equals, not compareTo: the scale (trailing zeros) is part of the venue's text.
        assertThat(fromString).isEqualTo(value);
        assertThat(fromString.toPlainString()).isEqualTo(text);
        assertThat(fromNumber).isEqualTo(value);
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        return Arbitraries.oneOf(
                JsonMutations.nonNegativeDecimals(),
                JsonMutations.positiveDecimals().map(BigDecimal::negate));
    }

    @Property(tries = 500)
    void decimalReturnsABoundedValueOrBadNumber(@ForAll("decimalTexts") String text) {
        for (JsonNode node : List.of(JsonNodeFactory.instance.textNode(text), asNumber(text))) {
            try {
                BigDecimal value = JsonFields.decimal(node, "p");
                assertThat(value.scale()).isLessThanOrEqualTo(30);
                assertThat(value.precision() - value.scale()).isLessThanOrEqualTo(30);
            } catch (BadInputException e) {
                assertThat(e.kind()).isIn("bad-number", "wrong-type");
                assertThat(e.getMessage())
                        .startsWith(e.kind() + ": p: expected ")
                        .hasSizeLessThan(200);
            }
        }
    }

    @Provide
    Arbitrary<String> decimalTexts() {
        Arbitrary<String> numberish =
                Arbitraries.strings().withChars("0123456789.eE+-").ofMaxLength(40);
        Arbitrary<String> odd = Arbitraries.of(
                "NaN",
                "Infinity",
                "-Infinity",
                "1e999999999",
                "-1E+999999999",
                "1E-999999999",
                "١٢٣",
                "１２３",
                " 1",
                "1 ",
                "0x10",
                "1_000",
                "1e2147483648",
                "9".repeat(100),
                "0." + "0".repeat(40) + "1");
        return Arbitraries.oneOf(numberish, odd, Arbitraries.strings().all().ofMaxLength(20));
    }

    @Property(tries = 300)
    void integerStringsAndNumbersGiveTheSameLong(@ForAll long value) throws Exception {
        String text = Long.toString(value);

        assertThat(JsonFields.integer(JsonFields.parse("\"" + text + "\""), "sid"))
                .isEqualTo(value);
        assertThat(JsonFields.integer(JsonFields.parse(text), "sid")).isEqualTo(value);
    }

    @Property(tries = 500)
    void integerReturnsTheDigitsValueOrBadNumber(@ForAll("decimalTexts") String text) {
        try {
            long value = JsonFields.integer(JsonFields.parse("\"" + escape(text) + "\""), "sid");
            // Accepted: only an optional minus and 1..19 ASCII digits, read as written.
            assertThat(text).matches("-?[0-9]{1,19}");
            assertThat(value).isEqualTo(Long.parseLong(text));
        } catch (BadInputException e) {
            assertThat(e.kind()).isIn("bad-number", "malformed-json");
            assertThat(text).doesNotMatch("-?[0-9]{1,18}");
        }
    }

    // Counterexamples the properties found, kept as plain tests.

    @Test
    void integerRejectsTextsNoVenueSendsNamingTheField() {
        for (String text : List.of(
                "", " 1", "1 ", "+1", "1.0", "1e3", "0x10", "١٢٣", "１２３", "9223372036854775808", "9".repeat(30))) {
            assertThatThrownBy(() -> JsonFields.integer(JsonFields.parse("\"" + text + "\""), "trade.sequential_id"))
                    .as(text)
                    .isInstanceOfSatisfying(
                            BadInputException.class,
                            e -> assertThat(e.getMessage())
                                    .startsWith(
                                            "bad-number: trade.sequential_id: expected an integer or a string of digits, was '"));
        }
        assertThatThrownBy(() -> JsonFields.integer(JsonFields.parse("1.5"), "t"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("wrong-type"));
        assertThatThrownBy(() -> JsonFields.integer(JsonFields.parse("true"), "t"))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("wrong-type"));
    }

    @Test
    void optionalTextIsAbsentForNullOrEmpty() throws Exception {
        JsonNode node = JsonFields.parse("{\"a\":\"\",\"b\":null,\"c\":\"2026-02-01\",\"d\":1}");

        assertThat(JsonFields.optionalText(node, "a", "t")).isNull();
        assertThat(JsonFields.optionalText(node, "b", "t")).isNull();
        assertThat(JsonFields.optionalText(node, "missing", "t")).isNull();
        assertThat(JsonFields.optionalText(node, "c", "t")).isEqualTo("2026-02-01");
        assertThatThrownBy(() -> JsonFields.optionalText(node, "d", "t"))
                .hasMessage("wrong-type: t.d: expected a string, \"\" or null, was number 1");
    }

    @Test
    void rejectsAnExponentThatWouldExpandToABillionDigits() {
        for (String huge : List.of("1e999999999", "-1E+999999999", "1E-999999999")) {
            assertThatThrownBy(() -> JsonFields.decimal(JsonFields.parse("\"" + huge + "\""), "k.o"))
                    .isInstanceOfSatisfying(
                            BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-number"));
            assertThatThrownBy(() -> JsonFields.decimal(JsonFields.parse(huge), "k.o"))
                    .isInstanceOfSatisfying(
                            BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-number"));
        }
    }

    @Test
    void anExponentJacksonCannotReadIsABadNumberNotANumberFormatException() {
        for (String json : List.of("1e2147483648", "{\"tp\":211e9999999995}", "[1e99999999910]")) {
            assertThatThrownBy(() -> JsonFields.parse(json))
                    .isInstanceOfSatisfying(
                            BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-number"));
            assertThatThrownBy(() -> JsonFields.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .isInstanceOf(BadInputException.class);
        }
        assertThatThrownBy(() -> JsonFields.parseSelected("{\"tp\":211e9999999995}", KEEP_TP))
                .isInstanceOfSatisfying(
                        BadInputException.class, e -> assertThat(e.kind()).isEqualTo("bad-number"));
    }

    @Test
    void aJsonNumberKeepsItsTrailingZeros() throws Exception {
        assertThat(JsonFields.decimal(JsonFields.parse("9.0"), "tp")).isEqualTo(new BigDecimal("9.0"));
        assertThat(JsonFields.decimal(JsonFields.parse("131250000.0"), "tp").scale())
                .isEqualTo(1);
        assertThat(JsonFields.decimal(
                        JsonFields.parseSelected("{\"tp\":0.00}", KEEP_TP).get("tp"), "tp"))
                .isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void rejectsNonAsciiDigitsThatBigDecimalWouldRead() {
        assertThat(new BigDecimal("١٢٣")).isEqualTo(new BigDecimal("123"));
        assertThatThrownBy(() -> JsonFields.decimal(JsonFields.parse("\"١٢٣\""), "k.o"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("bad-number: k.o: expected a decimal, was '١٢٣'"));
    }

    /** Escapes {@code text} for a JSON string literal. */
    private static String escape(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static JsonNode asNumber(String text) {
        try {
            return JsonFields.parse(text);
        } catch (BadInputException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static JsonNode parseSelectedOrFail(String text) {
        try {
            return JsonFields.parseSelected(text, KEEP);
        } catch (BadInputException e) {
            throw new AssertionError("parse accepted what parseSelected rejected: " + e.getMessage(), e);
        }
    }
}
