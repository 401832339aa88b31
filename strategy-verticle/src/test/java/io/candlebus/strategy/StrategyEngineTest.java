package io.candlebus.strategy;

import static io.candlebus.strategy.TestCandles.BTCUSDT;
import static io.candlebus.strategy.TestCandles.KRW_BTC;
import static io.candlebus.strategy.TestCandles.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StrategyEngineTest {
    private static final long MINUTE = Interval.M1.millis();
    private static final StrategyConfig CONFIG = new StrategyConfig(5, 2.0, 0, true, 0);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000L), ZoneOffset.UTC);

    /** A clock the test moves by hand, for the live throttle. */
    private static final class ManualClock extends Clock {
        private long millis;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("fixed to UTC");
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private static StrategyEngine engine(StrategyConfig config) {
        return new StrategyEngine(config, KRW_BTC, Interval.M1, CLOCK);
    }

    private static StrategyEngine.Result closed(StrategyEngine engine, int i, String close) {
        return engine.onClosedCandle(TestCandles.closed(KRW_BTC, Interval.M1, T0 + i * MINUTE, close));
    }

    private static Optional<Bands> live(StrategyEngine engine, int i, String close) {
        return engine.onLiveCandle(TestCandles.live(KRW_BTC, Interval.M1, T0 + i * MINUTE, close));
    }

    /**
     * A random walk of candles on a price grid: each opens at the previous close, the close moves up
     * to {@code maxTicks} ticks (often not at all, so averages tie), high and low reach a few ticks
     * beyond open and close.
     */
    private static List<Candle> walk(Instrument instrument, long seed, int n, String start, String tick, int maxTicks) {
        Random random = new Random(seed);
        BigDecimal step = new BigDecimal(tick);
        BigDecimal close = new BigDecimal(start);
        List<Candle> candles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigDecimal open = close;
            int move = random.nextInt(3) == 0 ? 0 : random.nextInt(2 * maxTicks + 1) - maxTicks;
            close = open.add(step.multiply(BigDecimal.valueOf(move)));
            BigDecimal high = open.max(close).add(step.multiply(BigDecimal.valueOf(random.nextInt(4))));
            BigDecimal low = open.min(close).subtract(step.multiply(BigDecimal.valueOf(random.nextInt(4))));
            candles.add(TestCandles.candle(instrument, Interval.M1, T0 + i * MINUTE, open, high, low, close, true));
        }
        return candles;
    }

    /** The exact mean of the prices {@code source} takes from {@code candle}, to 34 digits. */
    private static BigDecimal exactPrice(PriceSource source, Candle candle) {
        return sumOfPrices(source, candle).divide(BigDecimal.valueOf(countOfPrices(source)), MathContext.DECIMAL128);
    }

    private static BigDecimal sumOfPrices(PriceSource source, Candle candle) {
        return switch (source) {
            case CLOSE -> candle.close();
            case HL2 -> candle.high().add(candle.low());
            case HLC3 -> candle.high().add(candle.low()).add(candle.close());
            case OHLC4 -> candle.open().add(candle.high()).add(candle.low()).add(candle.close());
        };
    }

    private static int countOfPrices(PriceSource source) {
        return switch (source) {
            case CLOSE -> 1;
            case HL2 -> 2;
            case HLC3 -> 3;
            case OHLC4 -> 4;
        };
    }

    private static StrategyConfig withSource(StrategyConfig c, PriceSource source, Set<SignalRule> rules) {
        return new StrategyConfig(
                c.period(),
                c.k(),
                c.cooldownCandles(),
                c.publishLive(),
                c.liveThrottleMillis(),
                source,
                rules,
                c.sma());
    }

    private static void assertNear(Bands actual, BandValue exact, String where) {
        assertThat(ExactBands.relativeError(actual.middle(), exact.middle()))
                .as("middle at %s", where)
                .isLessThanOrEqualTo(1e-9);
        assertThat(ExactBands.relativeError(actual.upper(), exact.upper()))
                .as("upper at %s", where)
                .isLessThanOrEqualTo(1e-9);
        assertThat(ExactBands.relativeError(actual.lower(), exact.lower()))
                .as("lower at %s", where)
                .isLessThanOrEqualTo(1e-9);
        double sd = (actual.upper() - actual.lower()) / (2 * actual.k());
        assertThat(ExactBands.relativeError(sd, exact.standardDeviation()))
                .as("deviation at %s", where)
                .isLessThanOrEqualTo(1e-9);
    }

    @Test
    void publishesClosedBandsOnceTheWindowIsFull() {
        StrategyEngine engine = engine(CONFIG);
        String[] closes = {"130000000", "130100000", "129950000", "130050000", "130020000", "130300000"};
        BollingerBands reference = new BollingerBands(5, 2.0);
        for (int i = 0; i < closes.length; i++) {
            StrategyEngine.Result result = closed(engine, i, closes[i]);
            reference.add(Double.parseDouble(closes[i]));
            assertThat(result.ignored()).isFalse();
            assertThat(result.bands().isPresent()).as("bands at close %d", i).isEqualTo(i >= 4);
            if (i >= 4) {
                Bands bands = result.bands().orElseThrow();
                BandValue expected = reference.current();
                assertThat(bands.instrument()).isEqualTo(KRW_BTC);
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
        StrategyEngine engine = engine(CONFIG);
        String[] closes = {"130000000", "130010000", "130020000", "130030000", "130040000", "130050000"};
        for (int i = 0; i < closes.length; i++) {
            closed(engine, i, closes[i]);
        }
        StrategyEngine.Result again = closed(engine, 5, "999");
        assertThat(again.ignored()).as("the same candle again").isTrue();
        assertThat(again.bands()).isEmpty();
        assertThat(again.signals()).isEmpty();
        assertThat(closed(engine, 2, "999").ignored()).as("an older candle").isTrue();

        Bands next = closed(engine, 6, "130060000").bands().orElseThrow();
        BandValue exact =
                ExactBands.over(new double[] {130020000, 130030000, 130040000, 130050000, 130060000}, 0, 5, 2.0);
        assertThat(next.middle()).isEqualTo(exact.middle());
        assertThat(ExactBands.relativeError(next.upper(), exact.upper())).isLessThan(1e-12);
    }

    @Test
    void raisesASignalWhenACloseCrossesTheLowerBandStampedByTheClock() {
        // Over 5 closes no close is more than 4 / sqrt(5) = 1.79 deviations from the mean: k = 1 can be crossed.
        StrategyEngine engine = engine(new StrategyConfig(5, 1.0, 0, true, 0));
        String[] closes = {"130000000", "130010000", "130000000", "130010000", "130000000", "130010000"};
        for (int i = 0; i < closes.length; i++) {
            assertThat(closed(engine, i, closes[i]).signals()).isEmpty();
        }
        StrategyEngine.Result result = closed(engine, 6, "129900000");
        assertThat(result.signals()).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(Signal.idOf("band_lower", KRW_BTC, Interval.M1, T0 + 6 * MINUTE, Side.BUY));
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.openTime()).isEqualTo(T0 + 6 * MINUTE);
            assertThat(s.time()).isEqualTo(CLOCK.millis());
            assertThat(s.reason()).startsWith("close 129900000 crossed below lower band ");
        });
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({
        "CLOSE, KRW",
        "HL2, KRW",
        "HLC3, KRW",
        "OHLC4, KRW",
        "HL2, BTC",
        "HLC3, BTC",
        "OHLC4, BTC",
    })
    void bandsOfEveryPriceSourceMatchAnExactReferenceClosedAndLive(PriceSource source, String market) {
        boolean krw = market.equals("KRW");
        Instrument instrument = krw ? KRW_BTC : BTCUSDT;
        List<Candle> candles = krw
                ? walk(instrument, 41, 60_000, "130000000", "1000", 20)
                : walk(instrument, 43, 60_000, "87000.00", "0.01", 500);
        int period = 20;
        StrategyEngine engine = new StrategyEngine(
                withSource(new StrategyConfig(period, 2.0, 0, true, 0), source, Set.of()),
                instrument,
                Interval.M1,
                CLOCK);
        BigDecimal[] prices = new BigDecimal[candles.size()];
        for (int i = 0; i < candles.size(); i++) {
            Candle candle = candles.get(i);
            prices[i] = exactPrice(source, candle);
            boolean check = i % 1009 == 0 || i >= candles.size() - 3;
            if (check && i >= period - 1) {
                // The candle in progress, as a live candle just before it closes, gives the same window.
                Candle inProgress = TestCandles.candle(
                        instrument,
                        Interval.M1,
                        candle.openTime(),
                        candle.open(),
                        candle.high(),
                        candle.low(),
                        candle.close(),
                        false);
                Bands liveBands = engine.onLiveCandle(inProgress).orElseThrow();
                assertThat(liveBands.closed()).isFalse();
                assertNear(liveBands, ExactBands.over(prices, i + 1 - period, period, 2.0), "live " + i);
            }
            Optional<Bands> bands = engine.onClosedCandle(candle).bands();
            assertThat(bands.isPresent()).isEqualTo(i >= period - 1);
            if (check && i >= period - 1) {
                Bands b = bands.orElseThrow();
                assertNear(b, ExactBands.over(prices, i + 1 - period, period, 2.0), "closed " + i);
                // %b reads the close, whatever the source.
                double close = candle.close().doubleValue();
                assertThat(b.close()).isEqualTo(close);
                assertThat(b.percentB()).isEqualTo((close - b.lower()) / (b.upper() - b.lower()));
            }
        }
    }

    @Test
    void aPriceSourceOtherThanTheCloseMovesTheBands() {
        List<Candle> candles = walk(KRW_BTC, 5, 40, "130000000", "1000", 20);
        StrategyEngine byClose = engine(withSource(CONFIG, PriceSource.CLOSE, Set.of()));
        StrategyEngine byHl2 = engine(withSource(CONFIG, PriceSource.HL2, Set.of()));
        Bands close = null;
        Bands hl2 = null;
        for (Candle candle : candles) {
            close = byClose.onClosedCandle(candle).bands().orElse(null);
            hl2 = byHl2.onClosedCandle(candle).bands().orElse(null);
        }
        assertThat(hl2).isNotNull();
        assertThat(hl2.close()).isEqualTo(close.close());
        assertThat(hl2.middle()).isNotEqualTo(close.middle());
    }

    @ParameterizedTest
    @EnumSource(
            value = PriceSource.class,
            names = {"CLOSE", "HLC3"})
    void smaCrossSignalsFollowTheirDefinitionExactly(PriceSource source) {
        // Small moves and many unchanged closes: the averages often tie, which is where the definition bites.
        List<Candle> candles = walk(KRW_BTC, 77, 20_000, "130000000", "1000", 1);
        StrategyConfig config = withSource(
                new StrategyConfig(
                        20, 2.0, 0, true, 0, PriceSource.CLOSE, Set.of(SignalRule.SMA_CROSS), new SmaConfig(3, 8)),
                source,
                Set.of(SignalRule.SMA_CROSS));
        StrategyEngine engine = engine(config);
        List<Signal> actual = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        // Sums of the exact prices, divided once: equal means round to equal decimals, unequal ones differ
        // far above the 34th digit.
        BigDecimal[] sums = new BigDecimal[candles.size()];
        int count = countOfPrices(source);
        Integer previousSign = null;
        int ties = 0;
        for (int i = 0; i < candles.size(); i++) {
            sums[i] = sumOfPrices(source, candles.get(i));
            actual.addAll(engine.onClosedCandle(candles.get(i)).signals());
            if (i + 1 < 8) {
                continue;
            }
            int sign = mean(sums, i + 1, 3, count).compareTo(mean(sums, i + 1, 8, count));
            ties += sign == 0 ? 1 : 0;
            long openTime = candles.get(i).openTime();
            if (previousSign != null && sign > 0 && previousSign <= 0) {
                expected.add(Signal.idOf("golden_cross", KRW_BTC, Interval.M1, openTime, Side.BUY));
            }
            if (previousSign != null && sign < 0 && previousSign >= 0) {
                expected.add(Signal.idOf("dead_cross", KRW_BTC, Interval.M1, openTime, Side.SELL));
            }
            previousSign = sign;
        }
        assertThat(ties).as("the walk must tie the averages often").isGreaterThan(100);
        assertThat(expected).hasSizeGreaterThan(500);
        assertThat(actual).extracting(Signal::id).containsExactlyElementsOf(expected);
    }

    private static BigDecimal mean(BigDecimal[] sums, int end, int n, int count) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = end - n; i < end; i++) {
            sum = sum.add(sums[i]);
        }
        return sum.divide(BigDecimal.valueOf((long) n * count), MathContext.DECIMAL128);
    }

    @Test
    void aFlatMarketAfterAFallIsNoGoldenCross() {
        StrategyEngine engine = engine(CONFIG.withRules(Set.of(SignalRule.SMA_CROSS)));
        MovingAverage fastInDoubles = MovingAverage.simple(5);
        MovingAverage slowInDoubles = MovingAverage.simple(20);
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String close = i < 25 ? Integer.toString(87100 - 4 * i) : "87000.13";
            signals.addAll(closed(engine, i, close).signals());
            fastInDoubles.add(Double.parseDouble(close));
            slowInDoubles.add(Double.parseDouble(close));
        }
        // Doubles would see the fast average above the slow one here, and call it a golden cross.
        assertThat(fastInDoubles.value()).isGreaterThan(slowInDoubles.value());
        assertThat(signals).isEmpty();
        assertThat(closed(engine, 60, "87000.14").signals())
                .extracting(Signal::rule)
                .containsExactly("golden_cross");
    }

    @Test
    void liveCandlesNeverDisturbClosedBandsOrSignals() {
        StrategyConfig config = withSource(
                new StrategyConfig(
                        20, 1.5, 1, true, 0, PriceSource.CLOSE, EnumSet.allOf(SignalRule.class), new SmaConfig(5, 20)),
                PriceSource.HLC3,
                EnumSet.allOf(SignalRule.class));
        StrategyEngine probed = engine(config);
        StrategyEngine untouched = engine(config);
        List<Candle> candles = walk(KRW_BTC, 3, 3_000, "130000000", "1000", 30);
        Random random = new Random(8);
        int signals = 0;
        for (Candle candle : candles) {
            for (int j = 0; j < 3; j++) {
                BigDecimal price = candle.close().add(BigDecimal.valueOf((random.nextInt(401) - 200) * 1000L));
                probed.onLiveCandle(
                        TestCandles.candle(KRW_BTC, Interval.M1, candle.openTime(), price, price, price, price, false));
            }
            StrategyEngine.Result expected = untouched.onClosedCandle(candle);
            assertThat(probed.onClosedCandle(candle)).isEqualTo(expected);
            signals += expected.signals().size();
        }
        assertThat(signals).as("every rule had a chance to fire").isGreaterThan(100);
    }

    @Test
    void liveBandsNeedPeriodMinusOneClosesAndLeaveClosedBandsAlone() {
        StrategyEngine engine = engine(CONFIG);
        String[] closes = {"87000", "87010", "86990", "87020"};
        for (int i = 0; i < 3; i++) {
            closed(engine, i, closes[i]);
        }
        assertThat(live(engine, 3, "87020")).as("3 of 5 closes known").isEmpty();
        closed(engine, 3, closes[3]);

        Bands liveBands = live(engine, 4, "86000").orElseThrow();
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
        Bands closedBands = closed(engine, 4, "87030").bands().orElseThrow();
        BandValue exact = ExactBands.over(new double[] {87000, 87010, 86990, 87020, 87030}, 0, 5, 2.0);
        assertThat(ExactBands.relativeError(closedBands.middle(), exact.middle()))
                .isLessThan(1e-12);
        assertThat(ExactBands.relativeError(closedBands.upper(), exact.upper())).isLessThan(1e-12);
    }

    @Test
    void ignoresLiveCandlesThatAreNotAfterTheLastClosedOne() {
        StrategyEngine engine = engine(CONFIG);
        for (int i = 0; i < 5; i++) {
            closed(engine, i, "8700" + i);
        }
        assertThat(live(engine, 4, "87000")).isEmpty();
        assertThat(live(engine, 5, "87000")).isPresent();
    }

    @Test
    void throttlesLiveBandsByTheClock() {
        ManualClock clock = new ManualClock();
        StrategyEngine engine =
                new StrategyEngine(new StrategyConfig(5, 2.0, 0, true, 500), KRW_BTC, Interval.M1, clock);
        for (int i = 0; i < 5; i++) {
            closed(engine, i, "8700" + i);
        }
        clock.millis = 10_000;
        assertThat(live(engine, 5, "87000")).isPresent();
        clock.millis = 10_499;
        assertThat(live(engine, 5, "87001")).isEmpty();
        clock.millis = 10_500;
        assertThat(live(engine, 5, "87002")).isPresent();
    }

    @Test
    void publishesNoLiveBandsWhenSwitchedOff() {
        StrategyEngine engine = engine(new StrategyConfig(5, 2.0, 0, false, 0));
        for (int i = 0; i < 5; i++) {
            closed(engine, i, "8700" + i);
        }
        assertThat(live(engine, 5, "87000")).isEmpty();
    }

    @Test
    void rejectsCandlesOfAnotherStreamAndClosedOnesInProgress() {
        StrategyEngine engine = engine(CONFIG);
        assertThat(engine.instrument()).isEqualTo(KRW_BTC);
        assertThat(engine.interval()).isEqualTo(Interval.M1);
        assertThatThrownBy(() -> engine.onClosedCandle(TestCandles.closed(BTCUSDT, Interval.M1, T0, "87000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a candle of bithumb:spot:KRW-BTC 1m, was binance:spot:BTCUSDT/1m/" + T0);
        assertThatThrownBy(() -> engine.onLiveCandle(TestCandles.live(KRW_BTC, Interval.M5, T0, "87000")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.onClosedCandle(TestCandles.live(KRW_BTC, Interval.M1, T0, "87000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a closed candle, was one in progress: bithumb:spot:KRW-BTC/1m/" + T0);
    }
}
