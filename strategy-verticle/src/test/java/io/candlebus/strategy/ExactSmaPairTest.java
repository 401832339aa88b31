package io.candlebus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSmaPairTest {

    private static BigDecimal exactMean(BigDecimal[] values, int end, int n) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = end - n; i < end; i++) {
            sum = sum.add(values[i]);
        }
        return sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
    }

    @Test
    void signAndAveragesMatchAnExactRecomputationOverAMillionKrwPrices() {
        int fast = 5;
        int slow = 20;
        int n = 1_000_000;
        BigDecimal[] closes = new BigDecimal[n];
        Random random = new Random(17);
        long price = 130_000_000;
        ExactSmaPair pair = new ExactSmaPair(fast, slow, 1);
        for (int i = 0; i < n; i++) {
            // A quiet market (moves of a few KRW) keeps the two averages within a hair of each other.
            price += (random.nextInt(7) - 3) * 1000L + random.nextInt(3) - 1;
            closes[i] = BigDecimal.valueOf(price);
            pair.add(closes[i]);
            assertThat(pair.isReady()).isEqualTo(i + 1 >= slow);
            if (i + 1 >= slow && (i % 997 == 0 || i >= n - 50)) {
                BigDecimal exactFast = exactMean(closes, i + 1, fast);
                BigDecimal exactSlow = exactMean(closes, i + 1, slow);
                assertThat(pair.sign()).as("sign at %d", i).isEqualTo(exactFast.compareTo(exactSlow));
                assertThat(pair.fast()).isEqualByComparingTo(exactFast.round(new MathContext(10)));
                assertThat(pair.slow()).isEqualByComparingTo(exactSlow.round(new MathContext(10)));
            }
        }
    }

    @Test
    void equalAveragesOfAFlatMarketHaveSignZero() {
        // In doubles 20 copies of 87000.13 average to 87000.12999999996 but 5 copies to 87000.13.
        ExactSmaPair pair = new ExactSmaPair(5, 20, 1);
        for (int i = 0; i < 30; i++) {
            pair.add(new BigDecimal(i < 10 ? "87100" : "87000.13"));
        }
        assertThat(pair.sign()).isZero();
        assertThat(pair.fast()).isEqualByComparingTo("87000.13");
        pair.add(new BigDecimal("87000.14"));
        assertThat(pair.sign()).isOne();
    }

    @Test
    void sumsOfSeveralPricesAverageToTheirMean() {
        // hlc3 sums: (h + l + c) per candle, divided out by 3 in the averages.
        ExactSmaPair pair = new ExactSmaPair(1, 2, 3);
        pair.add(new BigDecimal("300"));
        pair.add(new BigDecimal("301"));
        assertThat(pair.fast()).isEqualByComparingTo("100.3333333");
        assertThat(pair.slow()).isEqualByComparingTo("100.1666667");
        assertThat(pair.sign()).isOne();
    }

    @Test
    void needsTheSlowPeriodAndValidPeriods() {
        ExactSmaPair pair = new ExactSmaPair(2, 3, 1);
        pair.add(BigDecimal.ONE);
        pair.add(BigDecimal.ONE);
        assertThat(pair.isReady()).isFalse();
        assertThatThrownBy(pair::sign).hasMessage("the averages need 3 values, have 2");
        assertThatThrownBy(() -> new ExactSmaPair(3, 3, 1))
                .hasMessage("periods: expected 1 <= fast < slow, was fast=3, slow=3");
        assertThatThrownBy(() -> new ExactSmaPair(0, 3, 1))
                .hasMessage("periods: expected 1 <= fast < slow, was fast=0, slow=3");
        assertThatThrownBy(() -> new ExactSmaPair(1, 3, 0)).hasMessage("divisor: expected >= 1, was 0");
    }
}
