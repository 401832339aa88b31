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

    // Counterexamples the properties found, kept as plain tests.

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
