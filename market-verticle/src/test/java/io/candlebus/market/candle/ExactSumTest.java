package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    /** Adds {@code terms} both ways and checks value and scale against BigDecimal from ZERO. */
    private static void assertSumsLikeBigDecimal(List<BigDecimal> terms) {
        ExactSum sum = new ExactSum();
        BigDecimal expected = BigDecimal.ZERO;
        for (BigDecimal t : terms) {
            sum.add(t);
            expected = expected.add(t);
            // equals, not compareTo: the scale must match too.
            assertThat(sum.value()).isEqualTo(expected);
        }
    }

    @Test
    void emptySumIsZeroAtScaleZero() {
        assertThat(new ExactSum().value()).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void sameScaleSumsExactly() {
        assertSumsLikeBigDecimal(List.of(new BigDecimal("0.1"), new BigDecimal("0.2"), new BigDecimal("0.3")));
        ExactSum sum = new ExactSum();
        sum.add(new BigDecimal("0.1"));
        sum.add(new BigDecimal("0.2"));
        assertThat(sum.value()).isEqualTo(new BigDecimal("0.3"));
    }

    @Test
    void mixedScalesTakeTheLargestScale() {
        assertSumsLikeBigDecimal(List.of(
                new BigDecimal("5"),
                new BigDecimal("0.00012"),
                new BigDecimal("1.5"),
                new BigDecimal("1.50000000"),
                new BigDecimal("1E+3"),
                new BigDecimal("12345.6")));
        ExactSum sum = new ExactSum();
        sum.add(new BigDecimal("1.5"));
        sum.add(new BigDecimal("0.25"));
        assertThat(sum.value().toPlainString()).isEqualTo("1.75");
    }

    @Test
    void negativeScaleAloneStaysAtScaleZero() {
        assertSumsLikeBigDecimal(List.of(new BigDecimal("1E+3"), new BigDecimal("2E+5")));
    }

    @Test
    void overflowOfTheSumFallsBackToBigDecimal() {
        BigDecimal near = BigDecimal.valueOf(Long.MAX_VALUE / 10 * 9, 2);
        assertSumsLikeBigDecimal(List.of(near, near, near, new BigDecimal("0.01")));
    }

    @Test
    void overflowWhenRescalingFallsBackToBigDecimal() {
        // The sum fits at scale 0 but not once scaled to 10 decimals; then a 25-decimal term.
        assertSumsLikeBigDecimal(List.of(
                new BigDecimal("900000000000"),
                new BigDecimal("0.0000000001"),
                new BigDecimal("0.0000000000000000000000001"),
                new BigDecimal("7")));
    }

    @Test
    void termsTooLongForALongUseBigDecimal() {
        assertSumsLikeBigDecimal(List.of(
                new BigDecimal("1.5"), new BigDecimal("123456789012345678901234567890.123"), new BigDecimal("2.25")));
    }

    @Test
    void unscaledTermsAddLikeTheirDecimal() {
        ExactSum sum = new ExactSum();
        sum.add(15, 1);
        sum.add(Long.MAX_VALUE, 3);
        sum.add(Long.MAX_VALUE, 3);
        BigDecimal expected = new BigDecimal("1.5")
                .add(BigDecimal.valueOf(Long.MAX_VALUE, 3))
                .add(BigDecimal.valueOf(Long.MAX_VALUE, 3));
        assertThat(sum.value()).isEqualTo(expected);
    }

    @Test
    void randomTermsMatchBigDecimal() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            ExactSum sum = new ExactSum();
            BigDecimal expected = BigDecimal.ZERO;
            for (int i = 0; i < 50; i++) {
                long unscaled = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(1_000_000);
                BigDecimal t = BigDecimal.valueOf(unscaled, random.nextInt(30) - 5);
                sum.add(t);
                expected = expected.add(t);
            }
            assertThat(sum.value()).isEqualTo(expected);
        }
    }

    @Test
    void unscaledOfGivesTheDigits() {
        assertThat(ExactSum.unscaledOf(new BigDecimal("0.00123"))).isEqualTo(123);
        assertThat(ExactSum.unscaledOf(new BigDecimal("-4.50"))).isEqualTo(-450);
        assertThat(ExactSum.unscaledOf(new BigDecimal("7E+2"))).isEqualTo(7);
        assertThat(ExactSum.fitsLong(new BigDecimal("999999999999999999"))).isTrue();
        assertThat(ExactSum.fitsLong(new BigDecimal("9999999999999999999"))).isFalse();
    }
}
