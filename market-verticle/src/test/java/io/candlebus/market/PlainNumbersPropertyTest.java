package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link PlainNumbers}: whatever it reads, it reads exactly as {@link JsonFields} reads the
 * same text as a JSON string (the same BigDecimal, scale included, or the same long), and it never
 * accepts a text the general path rejects.
 */
class PlainNumbersPropertyTest {

    @Provide
    Arbitrary<String> numberTexts() {
        Arbitrary<String> digits =
                Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(22);
        Arbitrary<String> plain = Arbitraries.oneOf(
                digits,
                digits.map(d -> "-" + d),
                digits.flatMap(a -> digits.map(b -> a + "." + b)),
                digits.flatMap(a -> digits.map(b -> "-" + a + "." + b)));
        Arbitrary<String> odd =
                Arbitraries.strings().withChars("0123456789.-+eE \u0660x").ofMaxLength(24);
        return Arbitraries.oneOf(plain, plain, odd);
    }

    @Property(tries = 2000)
    void aPlainDecimalIsExactlyTheGeneralPathsDecimal(@ForAll("numberTexts") String text) {
        byte[] chars = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        BigDecimal plain = PlainNumbers.decimal(chars, 2, chars.length - 4);
        if (plain == null) {
            return;
        }
        BigDecimal general;
        try {
            general = JsonFields.decimal(JsonFields.parse("\"" + text + "\""), "p");
        } catch (BadInputException e) {
            throw new AssertionError("plain read '" + text + "' the general path rejects: " + e.getMessage());
        }
        // equals, not compareTo: the scale of "9.0" is kept.
        assertThat(plain).isEqualTo(general);
    }

    @Property(tries = 2000)
    void aPlainIntegerIsExactlyTheGeneralPathsInteger(@ForAll("numberTexts") String text) {
        byte[] chars = ("xx" + text + "yy").getBytes(StandardCharsets.UTF_8);
        long plain = PlainNumbers.integer(chars, 2, chars.length - 4);
        if (plain == PlainNumbers.NOT_PLAIN) {
            return;
        }
        long general;
        try {
            general = JsonFields.integer(JsonFields.parse("\"" + text + "\""), "sid");
        } catch (BadInputException e) {
            throw new AssertionError("plain read '" + text + "' the general path rejects: " + e.getMessage());
        }
        assertThat(plain).isEqualTo(general);
    }

    @Test
    void readsTheVenuesCommonTextsAndLeavesTheRestToTheGeneralPath() {
        assertThat(decimal("131250000")).isEqualTo(new BigDecimal("131250000"));
        assertThat(decimal("9.0")).isEqualTo(new BigDecimal("9.0"));
        assertThat(decimal("0.00012345")).isEqualTo(new BigDecimal("0.00012345"));
        assertThat(decimal("-12.50")).isEqualTo(new BigDecimal("-12.50"));
        for (String other : new String[] {"", "-", ".5", "5.", "+5", "1e5", "1.2.3", "0x1", "1234567890123456789"}) {
            assertThat(decimal(other)).as(other).isNull();
        }
        assertThat(integer("862683813820523888")).isEqualTo(862_683_813_820_523_888L);
        assertThat(integer(String.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(integer("-42")).isEqualTo(-42);
        for (String other : new String[] {"", "-", "+1", "1.0", "9223372036854775808", "12345678901234567890"}) {
            assertThat(integer(other)).as(other).isEqualTo(PlainNumbers.NOT_PLAIN);
        }
    }

    private static BigDecimal decimal(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PlainNumbers.decimal(bytes, 0, bytes.length);
    }

    private static long integer(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PlainNumbers.integer(bytes, 0, bytes.length);
    }
}
