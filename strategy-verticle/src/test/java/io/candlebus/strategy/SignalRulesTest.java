package io.candlebus.strategy;

import static io.candlebus.strategy.TestCandles.BTCUSDT;
import static io.candlebus.strategy.TestCandles.KRW_BTC;
import static io.candlebus.strategy.TestCandles.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignalRulesTest {
    private static final long MINUTE = Interval.M1.millis();
    private static final long NOW = 1_800_000_000_000L;
    private static final Set<SignalRule> CROSS = Set.of(SignalRule.BAND_CROSS);
    private static final Set<SignalRule> TOUCH = Set.of(SignalRule.BAND_TOUCH);
    private static final Set<SignalRule> SMA = Set.of(SignalRule.SMA_CROSS);
    private static final Set<SignalRule> ALL = EnumSet.allOf(SignalRule.class);

    private static Bands bands(Interval interval, long openTime, double close, double lower, double upper) {
        double middle = (upper + lower) / 2;
        return new Bands(
                BTCUSDT,
                interval,
                openTime,
                20,
                2.0,
                close,
                middle,
                upper,
                lower,
                (close - lower) / (upper - lower),
                (upper - lower) / middle,
                true);
    }

    /** Feeds one flat closed candle with the given close and bands (lower, upper) at open time T0 + i minutes. */
    private static List<Signal> feed(SignalRules rules, int i, String close, double lower, double upper) {
        return feed(rules, Interval.M1, i, close, lower, upper);
    }

    private static List<Signal> feed(
            SignalRules rules, Interval interval, int i, String close, double lower, double upper) {
        long openTime = T0 + i * interval.millis();
        Candle candle = TestCandles.closed(BTCUSDT, interval, openTime, close);
        return rules.onClosed(candle, bands(interval, openTime, Double.parseDouble(close), lower, upper), null, NOW);
    }

    /** Feeds a candle with the given low and high (close halfway) and bands (lower, upper). */
    private static List<Signal> touch(SignalRules rules, int i, String low, String high, double lower, double upper) {
        String close = new BigDecimal(low)
                .add(new BigDecimal(high))
                .divide(BigDecimal.valueOf(2))
                .toPlainString();
        Candle candle = TestCandles.ohlc(BTCUSDT, Interval.M1, T0 + i * MINUTE, close, high, low, close);
        return rules.onClosed(
                candle, bands(Interval.M1, T0 + i * MINUTE, Double.parseDouble(close), lower, upper), null, NOW);
    }

    /** Feeds a flat candle to the averages, then to the rules, with no bands. */
    private static List<Signal> sma(SignalRules rules, ExactSmaPair averages, int i, String close) {
        Candle candle = TestCandles.closed(BTCUSDT, Interval.M1, T0 + i * MINUTE, close);
        averages.add(candle.close());
        return rules.onClosed(candle, null, averages.isReady() ? averages : null, NOW);
    }

    private static List<String> rulesOf(List<Signal> signals) {
        return signals.stream().map(Signal::rule).toList();
    }

    @Test
    void closeCrossingBelowTheLowerBandIsABuy() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 0);
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
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 0);
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
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 0);
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
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 0);
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
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, ALL, 0);
        assertThat(feed(rules, 0, "86000", 86900, 87100)).isEmpty();
    }

    @Test
    void aCandleAfterOneWithoutBandsRaisesNoBandSignal() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, ALL, 0);
        Candle warmingUp = TestCandles.closed(BTCUSDT, Interval.M1, T0, "87000");
        assertThat(rules.onClosed(warmingUp, null, null, NOW)).isEmpty();
        assertThat(feed(rules, 1, "86000", 86900, 87100))
                .as("no bands at the previous candle")
                .isEmpty();
        assertThat(feed(rules, 2, "85000", 86900, 87100))
                .as("still below: no cross")
                .isEmpty();
    }

    @Test
    void lowReachingTheLowerBandIsATouchBuyOncePerRunOfTouchingCandles() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, TOUCH, 0);
        assertThat(touch(rules, 0, "86950", "87050", 86900, 87100)).isEmpty();
        assertThat(touch(rules, 1, "86900", "87050", 86900, 87100))
                .as("low == lower is a touch")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.rule()).isEqualTo("band_lower_touch");
                    assertThat(s.side()).isEqualTo(Side.BUY);
                    assertThat(s.id())
                            .isEqualTo(Signal.idOf("band_lower_touch", BTCUSDT, Interval.M1, T0 + MINUTE, Side.BUY));
                    assertThat(s.price()).isEqualByComparingTo("86975");
                    assertThat(s.reason()).isEqualTo("low 86900 touched lower band 86900");
                });
        assertThat(touch(rules, 2, "86800", "86950", 86850, 87100))
                .as("still touching")
                .isEmpty();
        assertThat(touch(rules, 3, "86700", "86800", 86850, 87100))
                .as("still touching, close even below")
                .isEmpty();
        assertThat(touch(rules, 4, "86851", "86900", 86850, 87100))
                .as("low one above lower ends the run")
                .isEmpty();
        assertThat(touch(rules, 5, "86849", "86900", 86850, 87100))
                .as("a new run")
                .hasSize(1);
    }

    @Test
    void highReachingTheUpperBandIsATouchSell() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, TOUCH, 0);
        assertThat(touch(rules, 0, "86950", "87099.99", 86900, 87100)).isEmpty();
        assertThat(touch(rules, 1, "86950", "87100", 86900, 87100))
                .as("high == upper is a touch")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.rule()).isEqualTo("band_upper_touch");
                    assertThat(s.side()).isEqualTo(Side.SELL);
                    assertThat(s.reason()).isEqualTo("high 87100 touched upper band 87100");
                });
        assertThat(touch(rules, 2, "87000", "87300", 86900, 87200)).isEmpty();
        assertThat(touch(rules, 3, "87000", "87199", 86900, 87200)).isEmpty();
        assertThat(touch(rules, 4, "87000", "87250", 86900, 87200)).hasSize(1);
    }

    @Test
    void aCandleSpanningBothBandsTouchesBoth() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, TOUCH, 0);
        touch(rules, 0, "86950", "87050", 86900, 87100);
        assertThat(touch(rules, 1, "86800", "87200", 86900, 87100))
                .extracting(Signal::rule, Signal::side)
                .containsExactly(tuple("band_lower_touch", Side.BUY), tuple("band_upper_touch", Side.SELL));
    }

    @Test
    void goldenCrossNeedsFastAboveSlowNowAndNotAboveBefore() {
        // fast 1, slow 2: fast - slow has the sign of the last change of the close.
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, SMA, 0);
        ExactSmaPair averages = new ExactSmaPair(1, 2, 1);
        assertThat(sma(rules, averages, 0, "100")).as("warming up").isEmpty();
        assertThat(sma(rules, averages, 1, "100"))
                .as("first defined: fast == slow")
                .isEmpty();
        assertThat(sma(rules, averages, 2, "101"))
                .as("> 0 now, == 0 before: a golden cross")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.rule()).isEqualTo("golden_cross");
                    assertThat(s.side()).isEqualTo(Side.BUY);
                    assertThat(s.id())
                            .isEqualTo(Signal.idOf("golden_cross", BTCUSDT, Interval.M1, T0 + 2 * MINUTE, Side.BUY));
                    assertThat(s.reason()).isEqualTo("SMA(1) 101 crossed above SMA(2) 100.5");
                });
        assertThat(sma(rules, averages, 3, "102")).as("> 0 before too").isEmpty();
        assertThat(sma(rules, averages, 4, "102")).as("== 0 now is not above").isEmpty();
        assertThat(sma(rules, averages, 5, "103"))
                .as("> 0 again after touching 0: a golden cross by the definition")
                .extracting(Signal::rule)
                .containsExactly("golden_cross");
        assertThat(sma(rules, averages, 6, "100")).extracting(Signal::rule).containsExactly("dead_cross");
        assertThat(sma(rules, averages, 7, "101"))
                .as("< 0 before, > 0 now")
                .extracting(Signal::rule)
                .containsExactly("golden_cross");
    }

    @Test
    void deadCrossNeedsFastBelowSlowNowAndNotBelowBefore() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, SMA, 0);
        ExactSmaPair averages = new ExactSmaPair(1, 2, 1);
        sma(rules, averages, 0, "100");
        assertThat(sma(rules, averages, 1, "99"))
                .as("first defined, already below")
                .isEmpty();
        assertThat(sma(rules, averages, 2, "98")).as("< 0 before too").isEmpty();
        assertThat(sma(rules, averages, 3, "98")).as("== 0").isEmpty();
        assertThat(sma(rules, averages, 4, "97.5"))
                .as("< 0 now, == 0 before: a dead cross")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.rule()).isEqualTo("dead_cross");
                    assertThat(s.side()).isEqualTo(Side.SELL);
                    assertThat(s.price()).isEqualByComparingTo("97.5");
                    assertThat(s.reason()).isEqualTo("SMA(1) 97.5 crossed below SMA(2) 97.75");
                });
        assertThat(sma(rules, averages, 5, "97")).isEmpty();
    }

    @Test
    void noSmaCrossWhileTheSlowAverageWarmsUp() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, SMA, 0);
        ExactSmaPair averages = new ExactSmaPair(2, 3, 1);
        assertThat(sma(rules, averages, 0, "100")).isEmpty();
        assertThat(sma(rules, averages, 1, "90")).isEmpty();
        assertThat(sma(rules, averages, 2, "120"))
                .as("first defined: fast 105 above slow 103.33")
                .isEmpty();
        assertThat(sma(rules, averages, 3, "80"))
                .as("fast 100 still above slow 96.67")
                .isEmpty();
        assertThat(sma(rules, averages, 4, "70"))
                .as("fast 75 below slow 90")
                .extracting(Signal::rule)
                .containsExactly("dead_cross");
    }

    @Test
    void cooldownSuppressesSignalsForTheConfiguredNumberOfCandles() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 2);
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
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 1);
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
    void cooldownHoldsAcrossRulesAndEventsInItAreNotRaisedLater() {
        // Bands fixed at 86900..87100; fast 1, slow 2 averages of the close; every rule on, cooldown 2.
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, ALL, 2);
        ExactSmaPair averages = new ExactSmaPair(1, 2, 1);
        List<List<Signal>> out = new ArrayList<>();
        String[] closes = {"87000", "87000", "86800", "87000", "86800", "86800", "86800", "87200"};
        for (int i = 0; i < closes.length; i++) {
            long openTime = T0 + i * MINUTE;
            Candle candle = TestCandles.closed(BTCUSDT, Interval.M1, openTime, closes[i]);
            averages.add(candle.close());
            out.add(rules.onClosed(
                    candle,
                    bands(Interval.M1, openTime, Double.parseDouble(closes[i]), 86900, 87100),
                    averages.isReady() ? averages : null,
                    NOW));
        }
        assertThat(rulesOf(out.get(2)))
                .as("one candle: cross, touch and dead cross, in rule order")
                .containsExactly("band_lower", "band_lower_touch", "dead_cross");
        assertThat(out.get(3)).as("golden cross, 1 candle after: cooling down").isEmpty();
        assertThat(out.get(4))
                .as("band cross and touch, 2 candles after: cooling down")
                .isEmpty();
        assertThat(out.get(5))
                .as("still below the band: the cross is not raised late")
                .isEmpty();
        assertThat(out.get(6)).isEmpty();
        assertThat(rulesOf(out.get(7))).containsExactly("band_upper", "band_upper_touch", "golden_cross");
    }

    @Test
    void zeroCooldownAllowsOppositeSignalsOnConsecutiveCandles() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 0);
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
    void rulesNotConfiguredRaiseNothing() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, Set.of(), 0);
        ExactSmaPair averages = new ExactSmaPair(1, 2, 1);
        for (int i = 0; i < 10; i++) {
            String close = i % 2 == 0 ? "86000" : "88000";
            long openTime = T0 + i * MINUTE;
            Candle candle = TestCandles.closed(BTCUSDT, Interval.M1, openTime, close);
            averages.add(candle.close());
            assertThat(rules.onClosed(
                            candle,
                            bands(Interval.M1, openTime, Double.parseDouble(close), 86900, 87100),
                            averages.isReady() ? averages : null,
                            NOW))
                    .isEmpty();
        }
    }

    @Test
    void theSameCandleTwiceOrAnOlderOneRaisesNothing() {
        SignalRules rules = new SignalRules(BTCUSDT, Interval.M1, CROSS, 0);
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
        SignalRules rules = new SignalRules(BTCUSDT, interval, ALL, 0);
        ExactSmaPair averages = new ExactSmaPair(1, 2, 1);
        List<Signal> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String close =
                    switch (i % 4) {
                        case 0 -> "87000";
                        case 1 -> "86000";
                        case 2 -> "87000";
                        default -> "88000";
                    };
            long openTime = T0 + i * interval.millis();
            Candle candle = TestCandles.closed(BTCUSDT, interval, openTime, close);
            Bands bands = bands(interval, openTime, Double.parseDouble(close), 86900, 87100);
            averages.add(candle.close());
            ExactSmaPair ready = averages.isReady() ? averages : null;
            all.addAll(rules.onClosed(candle, bands, ready, NOW));
            // The same candle again, as a redelivery would bring it.
            all.addAll(rules.onClosed(candle, bands, ready, NOW));
        }
        Set<String> ids = new HashSet<>();
        all.forEach(s -> assertThat(ids.add(s.id())).as(s.id()).isTrue());
        // Per 4 candles: band_lower + touch at 1, golden at 2, band_upper + touch at 3, dead at 0 (from 4 on).
        assertThat(all).hasSize(100 * 5 + 99);
        assertThat(all).allSatisfy(s -> assertThat(s.interval()).isEqualTo(interval));
    }

    @Test
    void rejectsACandleOfAnotherStream() {
        SignalRules rules = new SignalRules(KRW_BTC, Interval.M1, CROSS, 0);
        assertThatThrownBy(() -> feed(rules, 0, "87000", 86900, 87100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a candle and bands of bithumb:spot:KRW-BTC 1m");
        assertThatThrownBy(() -> new SignalRules(BTCUSDT, Interval.M1, CROSS, -1))
                .hasMessage("cooldownCandles: expected >= 0, was -1");
    }
}
