package io.candlebus.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BollingerBandsTest {
    private static final double TOLERANCE = 1e-9;

    /** A random walk on a price grid: {@code tick} is the grid step, steps are up to {@code maxTicks}. */
    private static double[] randomWalk(long seed, int n, double start, double tick, int maxTicks) {
        Random random = new Random(seed);
        double[] closes = new double[n];
        long ticks = Math.round(start / tick);
        for (int i = 0; i < n; i++) {
            ticks += random.nextInt(2 * maxTicks + 1) - maxTicks;
            // Whole ticks are exact doubles; fractional ones go through the decimal, as candle closes do.
            closes[i] = tick >= 1 && tick == Math.rint(tick)
                    ? ticks * tick
                    : new BigDecimal(ticks).multiply(BigDecimal.valueOf(tick)).doubleValue();
        }
        return closes;
    }

    private static void assertMatches(BandValue actual, BandValue exact, String where) {
        assertThat(ExactBands.relativeError(actual.middle(), exact.middle()))
                .as("middle at %s", where)
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat(ExactBands.relativeError(actual.upper(), exact.upper()))
                .as("upper at %s", where)
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat(ExactBands.relativeError(actual.lower(), exact.lower()))
                .as("lower at %s", where)
                .isLessThanOrEqualTo(TOLERANCE);
        // The deviation itself is held to the same bar: a band can be right only by being close to price.
        assertThat(ExactBands.relativeError(actual.standardDeviation(), exact.standardDeviation()))
                .as("standard deviation at %s", where)
                .isLessThanOrEqualTo(TOLERANCE);
    }

    @ParameterizedTest(name = "period {0}, k {1}, start {2}, tick {3}")
    @CsvSource({
        "20, 2.0, 87000, 0.01, 500",
        "20, 2.0, 130000000, 1000, 20",
        "5, 1.5, 87000, 0.1, 30",
        "2, 2.0, 87000, 0.01, 100",
        "50, 2.5, 130000000, 1000, 5",
        "20, 2.0, 0.00002345, 0.00000001, 3"
    })
    void matchesExactReferenceAfterEveryClose(int period, double k, double start, double tick, int maxTicks) {
        double[] closes = randomWalk(period * 31L + maxTicks, 5_000, start, tick, maxTicks);
        BollingerBands bands = new BollingerBands(period, k);
        for (int i = 0; i < closes.length; i++) {
            bands.add(closes[i]);
            assertThat(bands.count()).isEqualTo(Math.min(i + 1, period));
            assertThat(bands.isReady()).isEqualTo(i + 1 >= period);
            if (bands.isReady()) {
                assertMatches(bands.current(), ExactBands.over(closes, i + 1 - period, period, k), "close " + i);
            }
        }
    }

    @Test
    void staysExactOverTwoMillionClosesNearOneHundredMillion() {
        int period = 20;
        int n = 2_000_000;
        double[] closes = randomWalk(7, n, 1.3e8, 1000, 30);
        BollingerBands bands = new BollingerBands(period, 2.0);
        for (int i = 0; i < n; i++) {
            bands.add(closes[i]);
            if (i >= period && (i % 100_003 == 0 || i == n - 1)) {
                assertMatches(bands.current(), ExactBands.over(closes, i + 1 - period, period, 2.0), "close " + i);
            }
        }
    }

    @Test
    void staysExactOverTwoMillionClosesOfAQuietMarket() {
        // Moves of a few KRW on 1e8: the deviation is 1e-8 of the price, where cancellation hurts most.
        int period = 20;
        int n = 2_000_000;
        double[] closes = randomWalk(11, n, 1.0e8, 1, 3);
        BollingerBands bands = new BollingerBands(period, 2.0);
        for (int i = 0; i < n; i++) {
            bands.add(closes[i]);
        }
        assertMatches(bands.current(), ExactBands.over(closes, n - period, period, 2.0), "the last close");
    }

    @Test
    void flatWindowHasZeroWidthBands() {
        BollingerBands bands = new BollingerBands(20, 2.0);
        for (int i = 0; i < 45; i++) {
            bands.add(87000.5);
        }
        BandValue value = bands.current();
        assertThat(value.middle()).isEqualTo(87000.5);
        assertThat(value.standardDeviation()).isZero();
        assertThat(value.upper()).isEqualTo(value.lower()).isEqualTo(87000.5);
        assertThat(value.percentB(87000.5)).isEqualTo(0.5);
        assertThat(value.bandwidth()).isZero();
    }

    @Test
    void percentBAndBandwidthFollowTheirDefinitions() {
        BandValue value = new BandValue(100, 5, 110, 90);
        assertThat(value.percentB(90)).isZero();
        assertThat(value.percentB(110)).isEqualTo(1.0);
        assertThat(value.percentB(85)).isEqualTo(-0.25);
        assertThat(value.bandwidth()).isEqualTo(0.2);
    }

    @Test
    void liveValueMatchesReferenceWithTheCandleInProgressAsNewestClose() {
        int period = 20;
        double[] closes = randomWalk(3, 300, 87000, 0.01, 500);
        BollingerBands bands = new BollingerBands(period, 2.0);
        for (int i = 0; i < closes.length - 1; i++) {
            bands.add(closes[i]);
            if (bands.isLiveReady()) {
                // Closes [i + 2 - period, i] plus the next close as the live one.
                int from = i + 2 - period;
                BandValue exact = ExactBands.over(closes, from, period, 2.0);
                assertMatches(bands.live(closes[i + 1]), exact, "live after close " + i);
            } else {
                assertThat(i).isLessThan(period - 2);
            }
        }
    }

    @Test
    void liveIsDefinedWithOneCloseMissingAndNotBefore() {
        BollingerBands bands = new BollingerBands(3, 2.0);
        bands.add(10);
        assertThat(bands.isLiveReady()).isFalse();
        assertThatThrownBy(() -> bands.live(11))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("need 2 closes, have 1");
        bands.add(12);
        assertThat(bands.isLiveReady()).isTrue();
        assertThat(bands.isReady()).isFalse();
        assertMatches(bands.live(14), ExactBands.over(new double[] {10, 12, 14}, 0, 3, 2.0), "live");
        assertThatThrownBy(bands::current)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("need 3 closes, have 2");
    }

    @Test
    void liveValueLeavesClosedStateUntouched() {
        double[] closes = randomWalk(5, 500, 1.3e8, 1000, 20);
        BollingerBands probed = new BollingerBands(20, 2.0);
        BollingerBands untouched = new BollingerBands(20, 2.0);
        Random random = new Random(9);
        for (double close : closes) {
            probed.add(close);
            untouched.add(close);
            for (int j = 0; j < 5 && probed.isLiveReady(); j++) {
                probed.live(close + (random.nextInt(20_001) - 10_000) * 1000.0);
            }
            assertThat(probed.count()).isEqualTo(untouched.count());
            if (probed.isReady()) {
                assertThat(probed.current()).isEqualTo(untouched.current());
            }
        }
    }

    @Test
    void rejectsBadParametersAndCloses() {
        assertThatThrownBy(() -> new BollingerBands(1, 2.0)).hasMessage("period: expected >= 2, was 1");
        assertThatThrownBy(() -> new BollingerBands(20, Double.NaN))
                .hasMessage("k: expected a finite number >= 0, was NaN");
        BollingerBands bands = new BollingerBands(20, 2.0);
        assertThatThrownBy(() -> bands.add(Double.POSITIVE_INFINITY))
                .hasMessage("close: expected a finite number, was Infinity");
        assertThat(bands.count()).isZero();
    }

    @Test
    void referenceItselfIsRight() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population deviation 2 (the textbook example).
        double[] closes = {2, 4, 4, 4, 5, 5, 7, 9};
        BandValue exact = ExactBands.over(closes, 0, closes.length, 2.0);
        assertThat(exact).isEqualTo(new BandValue(5, 2, 9, 1));
        BollingerBands bands = new BollingerBands(closes.length, 2.0);
        Arrays.stream(closes).forEach(bands::add);
        assertMatches(bands.current(), exact, "the textbook example");
    }
}
