package io.candlebus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MovingAverageTest {

    @Test
    void simpleAverageMatchesExactMeanOverALongWalkNearOneHundredMillion() {
        int period = 7;
        MovingAverage sma = MovingAverage.simple(period);
        double[] closes = new double[1_000_000];
        Random random = new Random(1);
        double price = 1.3e8;
        for (int i = 0; i < closes.length; i++) {
            price += (random.nextInt(61) - 30) * 1000;
            closes[i] = price;
            sma.add(price);
            assertThat(sma.isReady()).isEqualTo(i + 1 >= period);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = closes.length - period; i < closes.length; i++) {
            sum = sum.add(new BigDecimal(closes[i]));
        }
        double exact =
                sum.divide(BigDecimal.valueOf(period), MathContext.DECIMAL128).doubleValue();
        assertThat(ExactBands.relativeError(sma.value(), exact)).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void simpleAverageSlidesOverTheLastPeriodValues() {
        MovingAverage sma = MovingAverage.simple(3);
        sma.add(1);
        sma.add(2);
        assertThatThrownBy(sma::value).hasMessage("the average needs 3 values, has 2");
        sma.add(3);
        assertThat(sma.value()).isEqualTo(2);
        sma.add(10);
        assertThat(sma.value()).isEqualTo(5);
        assertThat(sma.period()).isEqualTo(3);
    }

    @Test
    void exponentialAverageIsSeededWithTheFirstPeriodsMeanThenSmooths() {
        MovingAverage ema = MovingAverage.exponential(3);
        ema.add(2);
        ema.add(4);
        assertThat(ema.isReady()).isFalse();
        ema.add(6);
        assertThat(ema.value()).isEqualTo(4.0);
        // alpha = 2 / (3 + 1) = 0.5
        ema.add(10);
        assertThat(ema.value()).isEqualTo(7.0);
        ema.add(1);
        assertThat(ema.value()).isEqualTo(4.0);
    }

    @Test
    void exponentialAverageConvergesToAConstantInput() {
        MovingAverage ema = MovingAverage.exponential(20);
        for (int i = 0; i < 20; i++) {
            ema.add(100);
        }
        for (int i = 0; i < 500; i++) {
            ema.add(87000.5);
        }
        assertThat(ema.value()).isCloseTo(87000.5, within(1e-6));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> MovingAverage.simple(0)).hasMessage("period: expected >= 1, was 0");
        assertThatThrownBy(() -> MovingAverage.exponential(0)).hasMessage("period: expected >= 1, was 0");
        assertThatThrownBy(() -> MovingAverage.simple(2).add(Double.NaN))
                .hasMessage("value: expected a finite number, was NaN");
    }
}
