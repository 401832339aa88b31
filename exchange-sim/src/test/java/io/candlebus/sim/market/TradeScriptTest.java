package io.candlebus.sim.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeScriptTest {
    private static final long ORIGIN = 1_767_225_600_000L;
    private static final long MINUTE = TradeScript.MINUTE;

    private static SimInstrument instrument(String key) {
        return SimConfig.demoInstruments().stream()
                .filter(i -> i.instrument().key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static TradeScript script(SimInstrument i, long seed) {
        return new TradeScript(new InstrumentSpec(i), seed, ORIGIN, 24 * 60 * MINUTE);
    }

    @Test
    void sameSeedGivesTheSameTradesWhateverTheSteps() {
        SimInstrument btc = instrument("binance:spot:BTCUSDT");
        TradeScript oneStep = script(btc, 11);
        TradeScript manySteps = script(btc, 11);
        long end = ORIGIN + 90 * MINUTE + 1234;
        oneStep.advanceTo(end);
        for (long t = ORIGIN; t <= end; t += 7_919) {
            manySteps.advanceTo(t);
        }
        manySteps.advanceTo(end);
        assertThat(manySteps.closedMinutes(end)).isEqualTo(oneStep.closedMinutes(end));
        assertThat(manySteps.trades(ORIGIN - 1, end)).isEqualTo(oneStep.trades(ORIGIN - 1, end));
        assertThat(manySteps.bar(ORIGIN + 90 * MINUTE, MINUTE, end))
                .isEqualTo(oneStep.bar(ORIGIN + 90 * MINUTE, MINUTE, end));
    }

    @Test
    void otherSeedsAndInstrumentsGiveOtherTrades() {
        long end = ORIGIN + 30 * MINUTE;
        SimInstrument btc = instrument("binance:spot:BTCUSDT");
        assertThat(script(btc, 11).closedMinutes(end))
                .isNotEqualTo(script(btc, 12).closedMinutes(end));
        SimInstrument usdm = instrument("binance:usdm:BTCUSDT");
        assertThat(script(usdm, 11).trades(ORIGIN - 1, end).get(0).time())
                .isNotEqualTo(script(btc, 11).trades(ORIGIN - 1, end).get(0).time());
    }

    @Test
    void everyMinuteBarEqualsAnExactAggregationOfItsTrades() {
        SimInstrument krw = instrument("bithumb:spot:KRW-BTC");
        TradeScript s = script(krw, 3);
        long end = ORIGIN + 120 * MINUTE;
        InstrumentSpec spec = s.spec();
        List<Bar> bars = s.closedMinutes(end);
        assertThat(bars).hasSize(120);
        for (Bar bar : bars) {
            List<SimTrade> trades = s.trades(bar.openTime() - 1, bar.openTime() + MINUTE - 1);
            assertThat(bar.count()).isEqualTo(trades.size());
            if (trades.isEmpty()) {
                continue;
            }
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            BigDecimal high = BigDecimal.ZERO;
            BigDecimal low = null;
            for (SimTrade t : trades) {
                BigDecimal price = spec.price(t.price());
                BigDecimal quantity = spec.quantity(t.quantity());
                volume = volume.add(quantity);
                quote = quote.add(price.multiply(quantity));
                high = high.max(price);
                low = low == null ? price : low.min(price);
                assertThat(price.remainder(krw.tickSize())).isZero();
                assertThat(quantity.remainder(krw.lotSize())).isZero();
                assertThat(t.time()).isBetween(bar.openTime(), bar.openTime() + MINUTE - 1);
            }
            assertThat(spec.quantity(bar.volume())).isEqualByComparingTo(volume);
            assertThat(spec.quote(bar.quote())).isEqualByComparingTo(quote);
            assertThat(spec.price(bar.high())).isEqualByComparingTo(high);
            assertThat(spec.price(bar.low())).isEqualByComparingTo(low);
            assertThat(bar.open()).isEqualTo(trades.get(0).price());
            assertThat(bar.close()).isEqualTo(trades.get(trades.size() - 1).price());
            assertThat(bar.lastTradeTime())
                    .isEqualTo(trades.get(trades.size() - 1).time());
        }
    }

    @Test
    void bithumbIdsEncodeTheTradeTimeAndBinanceIdsAreSequential() {
        long end = ORIGIN + 10 * MINUTE;
        for (SimTrade t : script(instrument("bithumb:spot:KRW-ETH"), 5).trades(ORIGIN - 1, end)) {
            assertThat(t.id() / 10_000L).isEqualTo(t.time());
            assertThat(t.id() % 10_000L).isPositive();
        }
        List<SimTrade> binance = script(instrument("binance:spot:ETHUSDT"), 5).trades(ORIGIN - 1, end);
        for (int i = 0; i < binance.size(); i++) {
            assertThat(binance.get(i).id()).isEqualTo(TradeScript.FIRST_TRADE_ID + i);
        }
    }

    @Test
    void emptyMinutesHaveNoTradesAndStayAtThePreviousClose() {
        TradeScript s = script(instrument("binance:spot:ETHUSDT").withEmptyMinuteProbability(0.3), 9);
        List<Bar> bars = s.closedMinutes(ORIGIN + 200 * MINUTE);
        long empty = bars.stream().filter(Bar::isEmpty).count();
        assertThat(empty).isBetween(30L, 100L);
        for (int i = 1; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            if (bar.isEmpty()) {
                long previous = bars.get(i - 1).close();
                assertThat(List.of(bar.open(), bar.high(), bar.low(), bar.close()))
                        .containsOnly(previous);
                assertThat(bar.volume()).isZero();
                assertThat(bar.firstId()).isEqualTo(-1);
            }
        }
    }

    @Test
    void coinmQuoteIsTheBaseAmountRoundedPerTrade() {
        SimInstrument perp = instrument("binance:coinm:BTCUSD_PERP");
        TradeScript s = script(perp, 21);
        long end = ORIGIN + 5 * MINUTE;
        Bar bar = s.closedMinutes(end).get(2);
        BigDecimal base = BigDecimal.ZERO;
        BigDecimal takerBase = BigDecimal.ZERO;
        for (SimTrade t : s.trades(bar.openTime() - 1, bar.openTime() + MINUTE - 1)) {
            BigDecimal term = s.spec()
                    .quantity(t.quantity())
                    .multiply(perp.contractSize())
                    .divide(s.spec().price(t.price()), 8, RoundingMode.HALF_EVEN);
            base = base.add(term);
            if (t.buyerTaker()) {
                takerBase = takerBase.add(term);
            }
        }
        assertThat(s.spec().quote(bar.quote())).isEqualByComparingTo(base);
        assertThat(s.spec().quote(bar.takerBuyQuote())).isEqualByComparingTo(takerBase);
        assertThat(s.spec().quote(bar.quote()).scale()).isEqualTo(8);
    }

    @Test
    void aDayStaysRealisticAndCrossesItsOwnAverage() {
        TradeScript s = script(instrument("binance:spot:BTCUSDT"), 42);
        List<Bar> bars = s.closedMinutes(ORIGIN + 1440 * MINUTE);
        double start = 87_000;
        double max = bars.stream().mapToLong(Bar::high).max().orElseThrow() / 100.0;
        double min = bars.stream().mapToLong(Bar::low).min().orElseThrow() / 100.0;
        assertThat(max / start).isBetween(1.0, 1.15);
        assertThat(min / start).isBetween(0.85, 1.0);
        assertThat(max - min).isGreaterThan(start * 0.003);
    }

    @Test
    void partialBarsHideTradesAfterNow() {
        TradeScript s = script(instrument("binance:usdm:BTCUSDT"), 4);
        long minute = ORIGIN + 10 * MINUTE;
        long now = minute + 30_000;
        Bar partial = s.bar(minute, MINUTE, now);
        List<SimTrade> visible = s.trades(minute - 1, now);
        assertThat(partial.count()).isEqualTo(visible.size());
        Bar full = s.bar(minute, MINUTE, minute + MINUTE);
        assertThat(full.count()).isGreaterThanOrEqualTo(partial.count());
        assertThat(s.bar(minute, MINUTE, now)).isEqualTo(partial);
    }

    @Test
    void barsAggregateMinutesAndClipAtTheOrigin() {
        TradeScript s = script(instrument("binance:spot:BTCUSDT"), 4);
        long end = ORIGIN + 60 * MINUTE;
        Bar hour = s.bar(ORIGIN - 30 * MINUTE, 3_600_000L, end);
        List<Bar> firstHalf = s.closedMinutes(end).subList(0, 30);
        assertThat(hour.count())
                .isEqualTo(firstHalf.stream().mapToLong(Bar::count).sum());
        assertThat(hour.openTime()).isEqualTo(ORIGIN - 30 * MINUTE);
        assertThat(s.bar(ORIGIN - 2 * MINUTE, MINUTE, end)).isNull();
    }

    @Test
    void generatesADayOfSixInstrumentsQuickly() {
        long started = System.nanoTime();
        for (SimInstrument i : SimConfig.demoInstruments()) {
            new TradeScript(new InstrumentSpec(i), 1, ORIGIN, 30 * MINUTE).advanceTo(ORIGIN + 1440 * MINUTE);
        }
        assertThat((System.nanoTime() - started) / 1_000_000L).isLessThan(3_000L);
    }
}
