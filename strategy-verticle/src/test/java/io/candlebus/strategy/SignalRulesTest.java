package io.candlebus.strategy;

import static io.candlebus.strategy.TestCandles.BTCUSDT;
import static io.candlebus.strategy.TestCandles.KRW_BTC;
import static io.candlebus.strategy.TestCandles.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignalRulesTest {
    private static final long MINUTE = Interval.M1.millis();
    private static final long NOW = 1_800_000_000_000L;

    /** Feeds one closed candle with the given close and bands (lower, upper) at open time T0 + i minutes. */
    private static List<Signal> feed(SignalRules rules, int i, String close, double lower, double upper) {
        return feed(rules, Interval.M1, i, close, lower, upper);
    }

    private static List<Signal> feed(
            SignalRules rules, Interval interval, int i, String close, double lower, double upper) {
        long openTime = T0 + i * interval.millis();
        Candle candle = TestCandles.closed(BTCUSDT, interval, openTime, close);
        double c = Double.parseDouble(close);
        double middle = (upper + lower) / 2;
        Bands bands = new Bands(
                BTCUSDT,
                interval,
                openTime,
                20,
                2.0,
                c,
                middle,
                upper,
                lower,
                (c - lower) / (upper - lower),
                (upper - lower) / middle,
                true);
        return rules.onClosed(candle, bands, NOW);
    }

    @Test
    void closeCrossingBelowTheLowerBandIsABuy() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        assertThat(feed(rules, 0, "87000", 86900, 87100)).isEmpty();
        List<Signal> signals = feed(rules, 1, "86850.5", 86890.25, 87110);

        assertThat(signals).hasSize(1);
        Signal signal = signals.get(0);
        assertThat(signal.rule()).isEqualTo("band_lower");
        assertThat(signal.side()).isEqualTo(Side.BUY);
        assertThat(signal.id()).isEqualTo(Signal.idOf("band_lower", BTCUSDT, Interval.M1, T0 + MINUTE, Side.BUY));
        assertThat(signal.price()).isEqualByComparingTo(new BigDecimal("86850.5"));
        assertThat(signal.openTime()).isEqualTo(T0 + MINUTE);
        assertThat(signal.time()).isEqualTo(NOW);
        assertThat(signal.reason()).isEqualTo("close 86850.5 crossed below lower band 86890.25");
    }

    @Test
    void closeCrossingAboveTheUpperBandIsASell() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        assertThat(feed(rules, 0, "87100", 86900, 87100)).isEmpty();
        List<Signal> signals = feed(rules, 1, "87200", 86900, 87150);

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.rule()).isEqualTo("band_upper");
            assertThat(s.side()).isEqualTo(Side.SELL);
            assertThat(s.id()).isEqualTo(Signal.idOf("band_upper", BTCUSDT, Interval.M1, T0 + MINUTE, Side.SELL));
            assertThat(s.reason()).isEqualTo("close 87200 crossed above upper band 87150");
        });
    }

    @Test
    void stayingBeyondABandIsNotANewCross() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        feed(rules, 0, "87000", 86900, 87100);
        assertThat(feed(rules, 1, "86800", 86850, 87100)).hasSize(1);
        assertThat(feed(rules, 2, "86700", 86800, 87100)).isEmpty();
        assertThat(feed(rules, 3, "86600", 86700, 87100)).isEmpty();
        // Back inside, then below again: a new cross.
        assertThat(feed(rules, 4, "86700", 86650, 87000)).isEmpty();
        assertThat(feed(rules, 5, "86500", 86600, 87000)).hasSize(1);
    }

    @Test
    void closeOnTheBandIsNotBeyondIt() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        feed(rules, 0, "87000", 86900, 87100);
        assertThat(feed(rules, 1, "86900", 86900, 87100)).as("close == lower").isEmpty();
        assertThat(feed(rules, 2, "86899", 86900, 87100))
                .as("previous close == lower, now below")
                .hasSize(1);
        assertThat(feed(rules, 3, "87100", 86900, 87100)).as("close == upper").isEmpty();
        assertThat(feed(rules, 4, "87101", 86900, 87100))
                .as("previous close == upper, now above")
                .hasSize(1);
    }

    @Test
    void firstCandleWithBandsRaisesNothingEvenBeyondABand() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        assertThat(feed(rules, 0, "86000", 86900, 87100)).isEmpty();
    }

    @Test
    void cooldownSuppressesSignalsForTheConfiguredNumberOfCandles() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 2);
        feed(rules, 0, "87000", 86900, 87100);
        assertThat(feed(rules, 1, "86800", 86900, 87100)).hasSize(1);
        assertThat(feed(rules, 2, "87000", 86900, 87100)).isEmpty();
        assertThat(feed(rules, 3, "87200", 86900, 87100))
                .as("2 candles after: cooling down")
                .isEmpty();
        assertThat(feed(rules, 4, "87000", 86900, 87100)).isEmpty();
        assertThat(feed(rules, 5, "86800", 86900, 87100)).as("4 candles after").hasSize(1);
    }

    @Test
    void cooldownCountsCandlesByOpenTimeSoGapsCount() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 1);
        feed(rules, 0, "87000", 86900, 87100);
        assertThat(feed(rules, 1, "86800", 86900, 87100)).hasSize(1);
        assertThat(feed(rules, 2, "87000", 86900, 87100)).isEmpty();
        assertThat(feed(rules, 3, "86800", 86900, 87100))
                .as("2 candles after, cooldown 1")
                .hasSize(1);
        // Candles 4..9 missing: 7 candles after the last signal.
        assertThat(feed(rules, 10, "87000", 86900, 87100)).isEmpty();
        assertThat(feed(rules, 11, "87200", 86900, 87100)).hasSize(1);
    }

    @Test
    void zeroCooldownAllowsOppositeSignalsOnConsecutiveCandles() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        feed(rules, 0, "87000", 86900, 87100);
        assertThat(feed(rules, 1, "86800", 86700, 86790))
                .singleElement()
                .extracting(Signal::side)
                .isEqualTo(Side.SELL);
        assertThat(feed(rules, 2, "86600", 86700, 87100))
                .singleElement()
                .extracting(Signal::side)
                .isEqualTo(Side.BUY);
    }

    @Test
    void theSameCandleTwiceOrAnOlderOneRaisesNothing() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, 0);
        feed(rules, 0, "87000", 86900, 87100);
        assertThat(feed(rules, 1, "86800", 86900, 87100)).hasSize(1);
        assertThat(feed(rules, 1, "86800", 86900, 87100))
                .as("the same closed candle again")
                .isEmpty();
        assertThat(feed(rules, 0, "86000", 86900, 87100)).as("an older candle").isEmpty();
        // The duplicate did not disturb the state: still below, so no new cross.
        assertThat(feed(rules, 2, "86800", 86900, 87100)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = Interval.class,
            names = {"S1", "M1", "H1", "D1"})
    void neverEmitsASignalIdTwiceOverAnOscillatingSeries(Interval interval) {
        SignalRules rules = new SignalRules(BTCUSDT, interval, 0);
        List<Signal> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String close =
                    switch (i % 4) {
                        case 0 -> "87000";
                        case 1 -> "86000";
                        case 2 -> "87000";
                        default -> "88000";
                    };
            all.addAll(feed(rules, interval, i, close, 86900, 87100));
            all.addAll(feed(rules, interval, i, close, 86900, 87100));
        }
        Set<String> ids = new HashSet<>();
        all.forEach(s -> assertThat(ids.add(s.id())).as(s.id()).isTrue());
        assertThat(all).hasSize(200);
        assertThat(all).allSatisfy(s -> assertThat(s.interval()).isEqualTo(interval));
    }

    @Test
    void rejectsACandleOfAnotherStream() {
        SignalRules rules = new SignalRules(KRW_BTC, Interval.M1, 0);
        assertThatThrownBy(() -> feed(rules, 0, "87000", 86900, 87100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a candle and bands of bithumb:spot:KRW-BTC 1m");
        assertThatThrownBy(() -> new SignalRules(BTCUSDT, Interval.M1, -1))
                .hasMessage("cooldownCandles: expected >= 0, was -1");
    }
}
