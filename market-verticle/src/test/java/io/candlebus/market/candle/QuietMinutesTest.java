package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class QuietMinutesTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    /** 2026-01-01T00:00:00Z. */
    private static final long T0 = 1_767_225_600_000L;

    private static final long MIN = 60_000L;

    private static Candle row(long open, String o, String h, String l, String c) {
        return new Candle(
                KRW_BTC,
                Interval.M1,
                open,
                new BigDecimal(o),
                new BigDecimal(h),
                new BigDecimal(l),
                new BigDecimal(c),
                new BigDecimal("0.5"),
                new BigDecimal("50"),
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.REST);
    }

    private static TreeMap<Long, Candle> rows(Candle... candles) {
        TreeMap<Long, Candle> out = new TreeMap<>();
        for (Candle c : candles) {
            out.put(c.openTime(), c);
        }
        return out;
    }

    private static String describe(Candle c) {
        return (c.openTime() - T0) / MIN + ":" + c.source() + ":" + c.close().toPlainString() + ":"
                + c.volume().toPlainString();
    }

    @Test
    void aFlatCandleIsWhatBinanceSendsForAMinuteWithoutTrades() {
        Candle flat = QuietMinutes.flat(KRW_BTC, T0, new BigDecimal("131050000"));

        assertThat(flat.interval()).isEqualTo(Interval.M1);
        assertThat(flat.openTime()).isEqualTo(T0);
        assertThat(List.of(flat.open(), flat.high(), flat.low(), flat.close()))
                .allSatisfy(p -> assertThat(p).isEqualByComparingTo("131050000"));
        assertThat(List.of(flat.volume(), flat.quoteVolume(), flat.takerBuyBaseVolume(), flat.takerBuyQuoteVolume()))
                .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(flat.tradeCount()).isZero();
        assertThat(flat.closed()).isTrue();
        assertThat(flat.source()).isEqualTo(CandleSource.AGGREGATED);
    }

    @Test
    void fillsTheHolesBetweenRowsAtTheCloseBeforeThem() {
        TreeMap<Long, Candle> rows = rows(
                row(T0, "10", "12", "9", "11"),
                row(T0 + 3 * MIN, "11", "14", "11", "13"),
                row(T0 + 4 * MIN, "13", "13", "12", "12"));

        List<Candle> out = QuietMinutes.fill(KRW_BTC, rows, T0, T0 + 7 * MIN, null);

        assertThat(out)
                .extracting(QuietMinutesTest::describe)
                .containsExactly(
                        "0:REST:11:0.5",
                        "1:AGGREGATED:11:0",
                        "2:AGGREGATED:11:0",
                        "3:REST:13:0.5",
                        "4:REST:12:0.5",
                        "5:AGGREGATED:12:0",
                        "6:AGGREGATED:12:0");
    }

    @Test
    void fillsFromThePreviousCandleJustBeforeTheRange() {
        TreeMap<Long, Candle> rows = rows(row(T0 + 2 * MIN, "11", "14", "11", "13"));

        List<Candle> out = QuietMinutes.fill(
                KRW_BTC, rows, T0, T0 + 3 * MIN, new QuietMinutes.Previous(T0 - MIN, new BigDecimal("9")));

        assertThat(out)
                .extracting(QuietMinutesTest::describe)
                .containsExactly("0:AGGREGATED:9:0", "1:AGGREGATED:9:0", "2:REST:13:0.5");
    }

    @Test
    void aRangeWithoutRowsAfterAKnownPreviousIsAllFlat() {
        List<Candle> out = QuietMinutes.fill(
                KRW_BTC, rows(), T0, T0 + 2 * MIN, new QuietMinutes.Previous(T0 - MIN, new BigDecimal("9")));

        assertThat(out).extracting(QuietMinutesTest::describe).containsExactly("0:AGGREGATED:9:0", "1:AGGREGATED:9:0");
    }

    @Test
    void inventsNothingBeforeTheFirstKnownCandle() {
        TreeMap<Long, Candle> rows = rows(row(T0 + 2 * MIN, "11", "14", "11", "13"));

        assertThat(QuietMinutes.fill(KRW_BTC, rows, T0, T0 + 4 * MIN, null))
                .extracting(QuietMinutesTest::describe)
                .containsExactly("2:REST:13:0.5", "3:AGGREGATED:13:0");
        // A previous candle further back: the minutes between it and the range are unknown, so is its close.
        assertThat(QuietMinutes.fill(
                        KRW_BTC, rows, T0, T0 + 4 * MIN, new QuietMinutes.Previous(T0 - 2 * MIN, new BigDecimal("9"))))
                .extracting(QuietMinutesTest::describe)
                .containsExactly("2:REST:13:0.5", "3:AGGREGATED:13:0");
    }

    @Test
    void aPreviousInsideTheRangeCoversOnlyTheMinutesAfterIt() {
        // The range is complete: no row up to the previous candle (a flat one) means no trade since before
        // the range, so its close holds after it; before it, the close is not known.
        TreeMap<Long, Candle> rows = rows(row(T0 + 4 * MIN, "11", "14", "11", "13"));

        List<Candle> out = QuietMinutes.fill(
                KRW_BTC, rows, T0, T0 + 5 * MIN, new QuietMinutes.Previous(T0 + MIN, new BigDecimal("9")));

        assertThat(out)
                .extracting(QuietMinutesTest::describe)
                .containsExactly("2:AGGREGATED:9:0", "3:AGGREGATED:9:0", "4:REST:13:0.5");
    }
}
