package io.candlebus.strategy;

import static io.candlebus.strategy.TestCandles.KRW_BTC;
import static io.candlebus.strategy.TestCandles.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrategyStreamTest {
    private static final long MINUTE = Interval.M1.millis();
    private static final StrategyConfig CONFIG = new StrategyConfig(5, 2.0, 0, true, 0);

    private static StrategyStream.Outcome closed(StrategyStream stream, int i, String close) {
        return stream.onClosed(TestCandles.closed(KRW_BTC, Interval.M1, T0 + i * MINUTE, close), 1000 + i);
    }

    private static Optional<Bands> live(StrategyStream stream, int i, String close, long now) {
        return stream.onLive(TestCandles.live(KRW_BTC, Interval.M1, T0 + i * MINUTE, close), now);
    }

    @Test
    void publishesClosedBandsOnceTheWindowIsFull() {
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, CONFIG);
        String[] closes = {"130000000", "130100000", "129950000", "130050000", "130020000", "130300000"};
        BollingerBands reference = new BollingerBands(5, 2.0);
        for (int i = 0; i < closes.length; i++) {
            StrategyStream.Outcome outcome = closed(stream, i, closes[i]);
            reference.add(Double.parseDouble(closes[i]));
            assertThat(outcome.handled()).isTrue();
            assertThat(outcome.bands().isPresent()).as("bands at close %d", i).isEqualTo(i >= 4);
            if (i >= 4) {
                Bands bands = outcome.bands().orElseThrow();
                BandValue expected = reference.current();
                assertThat(bands.closed()).isTrue();
                assertThat(bands.openTime()).isEqualTo(T0 + i * MINUTE);
                assertThat(bands.period()).isEqualTo(5);
                assertThat(bands.k()).isEqualTo(2.0);
                assertThat(bands.close()).isEqualTo(Double.parseDouble(closes[i]));
                assertThat(bands.middle()).isEqualTo(expected.middle());
                assertThat(bands.upper()).isEqualTo(expected.upper());
                assertThat(bands.lower()).isEqualTo(expected.lower());
                assertThat(bands.percentB()).isEqualTo(expected.percentB(bands.close()));
                assertThat(bands.bandwidth()).isEqualTo(expected.bandwidth());
            }
        }
    }

    @Test
    void ignoresAClosedCandleNotAfterTheLastOne() {
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, CONFIG);
        String[] closes = {"130000000", "130010000", "130020000", "130030000", "130040000", "130050000"};
        for (int i = 0; i < closes.length; i++) {
            closed(stream, i, closes[i]);
        }
        assertThat(closed(stream, 5, "999")).as("the same candle again").isEqualTo(StrategyStream.Outcome.IGNORED);
        assertThat(closed(stream, 2, "999")).as("an older candle").isEqualTo(StrategyStream.Outcome.IGNORED);

        Bands next = closed(stream, 6, "130060000").bands().orElseThrow();
        BandValue exact =
                ExactBands.over(new double[] {130020000, 130030000, 130040000, 130050000, 130060000}, 0, 5, 2.0);
        assertThat(next.middle()).isEqualTo(exact.middle());
        assertThat(ExactBands.relativeError(next.upper(), exact.upper())).isLessThan(1e-12);
    }

    @Test
    void raisesASignalWhenACloseCrossesTheLowerBand() {
        // Over 5 closes no close is more than 4 / sqrt(5) = 1.79 deviations from the mean: k = 1 can be crossed.
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, new StrategyConfig(5, 1.0, 0, true, 0));
        String[] closes = {"130000000", "130010000", "130000000", "130010000", "130000000", "130010000"};
        for (int i = 0; i < closes.length; i++) {
            assertThat(closed(stream, i, closes[i]).signals()).isEmpty();
        }
        StrategyStream.Outcome outcome = closed(stream, 6, "129900000");
        assertThat(outcome.signals()).singleElement().satisfies(s -> {
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.openTime()).isEqualTo(T0 + 6 * MINUTE);
            assertThat(s.reason()).startsWith("close 129900000 crossed below lower band ");
        });
    }

    @Test
    void liveBandsNeedPeriodMinusOneClosesAndLeaveClosedBandsAlone() {
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, CONFIG);
        String[] closes = {"87000", "87010", "86990", "87020"};
        for (int i = 0; i < 3; i++) {
            closed(stream, i, closes[i]);
        }
        assertThat(live(stream, 3, "87020", 0)).as("3 of 5 closes known").isEmpty();
        closed(stream, 3, closes[3]);

        Bands liveBands = live(stream, 4, "86000", 0).orElseThrow();
        BollingerBands reference = new BollingerBands(5, 2.0);
        for (String c : closes) {
            reference.add(Double.parseDouble(c));
        }
        reference.add(86000);
        assertThat(liveBands.closed()).isFalse();
        assertThat(liveBands.openTime()).isEqualTo(T0 + 4 * MINUTE);
        assertThat(liveBands.close()).isEqualTo(86000);
        assertThat(ExactBands.relativeError(
                        liveBands.lower(), reference.current().lower()))
                .isLessThan(1e-12);

        // The closed candle that follows sees only closed closes, not the live one.
        Bands closedBands = closed(stream, 4, "87030").bands().orElseThrow();
        BandValue exact = ExactBands.over(new double[] {87000, 87010, 86990, 87020, 87030}, 0, 5, 2.0);
        assertThat(ExactBands.relativeError(closedBands.middle(), exact.middle()))
                .isLessThan(1e-12);
        assertThat(ExactBands.relativeError(closedBands.upper(), exact.upper())).isLessThan(1e-12);
    }

    @Test
    void ignoresLiveCandlesThatAreNotAfterTheLastClosedOne() {
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, CONFIG);
        for (int i = 0; i < 5; i++) {
            closed(stream, i, "8700" + i);
        }
        assertThat(live(stream, 4, "87000", 0)).isEmpty();
        assertThat(live(stream, 5, "87000", 0)).isPresent();
    }

    @Test
    void throttlesLiveBandsByTheClock() {
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, new StrategyConfig(5, 2.0, 0, true, 500));
        for (int i = 0; i < 5; i++) {
            closed(stream, i, "8700" + i);
        }
        assertThat(live(stream, 5, "87000", 10_000)).isPresent();
        assertThat(live(stream, 5, "87001", 10_499)).isEmpty();
        assertThat(live(stream, 5, "87002", 10_500)).isPresent();
    }

    @Test
    void publishesNoLiveBandsWhenSwitchedOff() {
        StrategyStream stream = new StrategyStream(KRW_BTC, Interval.M1, new StrategyConfig(5, 2.0, 0, false, 0));
        for (int i = 0; i < 5; i++) {
            closed(stream, i, "8700" + i);
        }
        assertThat(live(stream, 5, "87000", 0)).isEmpty();
    }
}
