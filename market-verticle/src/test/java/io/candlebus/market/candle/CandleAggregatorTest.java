package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleAggregatorTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final Instrument KRW_ETH = Instrument.parse("bithumb:spot:KRW-ETH");
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    /** 2026-01-01T00:00:00Z, a multiple of every interval up to 1d. */
    private static final long T0 = 1_767_225_600_000L;

    private static final long MIN = 60_000L;
    private static final long GRACE = 2_000L;
    private static final long SILENCE = 30_000L;

    private final List<Candle> closed = new ArrayList<>();
    private final CandleAggregator aggregator =
            new CandleAggregator(List.of(Interval.M1, Interval.M5), GRACE, SILENCE, closed::add);
    private long nextId = 1;

    private Trade trade(Instrument i, long time, String price, String qty, Side side) {
        return new Trade(i, new BigDecimal(price), new BigDecimal(qty), time, side, nextId++);
    }

    private static Candle kline(
            Instrument i, long open, String o, String h, String l, String c, String v, boolean closed) {
        return new Candle(
                i,
                Interval.M1,
                open,
                new BigDecimal(o),
                new BigDecimal(h),
                new BigDecimal(l),
                new BigDecimal(c),
                new BigDecimal(v),
                new BigDecimal(v).multiply(new BigDecimal(c)),
                3,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                closed,
                closed ? CandleSource.WEBSOCKET : CandleSource.WEBSOCKET);
    }

    private static Candle flat(Instrument i, long open, String price) {
        return kline(i, open, price, price, price, price, "1", true);
    }

    private List<Candle> closedOf(Interval interval) {
        return closed.stream().filter(c -> c.interval() == interval).toList();
    }

    @Test
    void aggregatesTradesExactly() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 1_000, "100.10", "0.3", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 2_000, "100.50", "0.25", Side.SELL));
        aggregator.onTrade(trade(KRW_BTC, T0 + 3_000, "99.90", "1.125", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 59_999, "100.00", "0.1", Side.SELL));
        assertThat(closed).isEmpty();

        aggregator.onTrade(trade(KRW_BTC, T0 + MIN, "101", "1", Side.BUY));

        assertThat(closed).hasSize(1);
        Candle c = closed.get(0);
        assertThat(c.openTime()).isEqualTo(T0);
        assertThat(c.interval()).isEqualTo(Interval.M1);
        assertThat(c.open()).isEqualByComparingTo("100.10");
        assertThat(c.high()).isEqualByComparingTo("100.50");
        assertThat(c.low()).isEqualByComparingTo("99.90");
        assertThat(c.close()).isEqualByComparingTo("100.00");
        assertThat(c.volume()).isEqualByComparingTo("1.775");
        // 100.10*0.3 + 100.50*0.25 + 99.90*1.125 + 100.00*0.1, exactly.
        assertThat(c.quoteVolume())
                .isEqualTo(new BigDecimal("30.030")
                        .add(new BigDecimal("25.1250"))
                        .add(new BigDecimal("112.38750"))
                        .add(new BigDecimal("10.000")));
        assertThat(c.quoteVolume()).isEqualByComparingTo("177.5425");
        assertThat(c.tradeCount()).isEqualTo(4);
        assertThat(c.takerBuyBaseVolume()).isEqualByComparingTo("1.425");
        assertThat(c.takerBuyQuoteVolume()).isEqualByComparingTo("142.4175");
        assertThat(c.closed()).isTrue();
        assertThat(c.source()).isEqualTo(CandleSource.AGGREGATED);
    }

    @Test
    void closesCandleAtBoundaryInQuietMarket() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 30_000, "100", "1", Side.BUY));

        aggregator.onTick(T0 + MIN + GRACE - 1);
        assertThat(closed).isEmpty();

        aggregator.onTick(T0 + MIN + GRACE);
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
    }

    @Test
    void aSilentConnectionLetsTheClockCloseNothingItMayLackTradesFor() {
        aggregator.alive("bithumb:spot", T0 + 30_000);
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));

        aggregator.onTick(T0 + 10 * MIN);
        assertThat(closed).isEmpty();

        // Heard after the boundary, but not yet long enough to rule out a stall that lost trades.
        aggregator.alive("bithumb:spot", T0 + MIN + GRACE + SILENCE - 1);
        aggregator.onTick(T0 + 10 * MIN);
        assertThat(closed).isEmpty();

        aggregator.alive("bithumb:spot", T0 + MIN + GRACE + SILENCE);
        aggregator.onTick(T0 + 10 * MIN);
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
    }

    @Test
    void aTradeOfAnotherCodeOnTheSameConnectionClosesTheMinute() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 30_000, "100", "1", Side.BUY));

        aggregator.onTrade(trade(KRW_ETH, T0 + MIN + 5, "5", "1", Side.BUY));
        assertThat(closed)
                .extracting(Candle::instrument, Candle::openTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(KRW_BTC, T0));

        // A Binance kline stream is another feed: its time does not close Bithumb candles.
        aggregator.onTrade(trade(KRW_BTC, T0 + MIN + 10_000, "100", "1", Side.BUY));
        aggregator.onKline(flat(BTCUSDT, T0 + 5 * MIN, "7"));
        assertThat(closed).hasSize(2);
    }

    @Test
    void aTradeForTheMinuteArrivingWithinTheGraceAmendsIt() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 30_000, "100", "1", Side.BUY));
        aggregator.onTick(T0 + MIN + GRACE / 2);

        // Delivered after the boundary, but within the grace and before any later trade: it counts.
        aggregator.onTrade(trade(KRW_BTC, T0 + 59_999, "99", "2", Side.SELL));
        aggregator.onTick(T0 + MIN + GRACE);

        assertThat(closed).hasSize(1);
        assertThat(closed.get(0).low()).isEqualByComparingTo("99");
        assertThat(closed.get(0).close()).isEqualByComparingTo("99");
        assertThat(closed.get(0).volume()).isEqualByComparingTo("3");
        assertThat(closed.get(0).tradeCount()).isEqualTo(2);
        assertThat(aggregator.counters()).containsEntry("lateTrades", 0L);
    }

    @Test
    void lateTradesAreCountedAndDropped() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 30_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + MIN + 1, "101", "1", Side.BUY));

        aggregator.onTrade(trade(KRW_BTC, T0 + 59_000, "1", "1", Side.BUY));

        assertThat(aggregator.counters()).containsEntry("lateTrades", 1L);
        aggregator.onTrade(trade(KRW_BTC, T0 + 2 * MIN, "102", "1", Side.BUY));
        assertThat(closed).hasSize(2);
        assertThat(closed.get(0).low()).isEqualByComparingTo("100");
        assertThat(closed.get(1).openTime()).isEqualTo(T0 + MIN);
    }

    @Test
    void aTradeAfterTheQuietCloseIsLate() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 30_000, "100", "1", Side.BUY));
        aggregator.onTick(T0 + MIN + GRACE);

        aggregator.onTrade(trade(KRW_BTC, T0 + 59_000, "1", "1", Side.BUY));

        assertThat(aggregator.counters()).containsEntry("lateTrades", 1L);
        assertThat(closed).hasSize(1);
    }

    @Test
    void closedKlinesAreUpsertedFirstOneWins() {
        aggregator.onKline(kline(BTCUSDT, T0, "10", "12", "9", "11", "1", false));
        aggregator.onKline(kline(BTCUSDT, T0, "10", "12", "9", "11", "2", true));
        aggregator.onKline(kline(BTCUSDT, T0, "10", "13", "9", "11", "3", true));
        aggregator.onKline(kline(BTCUSDT, T0 + MIN, "11", "11", "11", "11", "1", true));
        aggregator.onKline(kline(BTCUSDT, T0, "10", "12", "9", "11", "4", true));
        aggregator.onKline(kline(BTCUSDT, T0, "10", "12", "9", "11", "4", false));

        assertThat(closedOf(Interval.M1)).extracting(Candle::openTime).containsExactly(T0, T0 + MIN);
        assertThat(closed.get(0).volume()).isEqualByComparingTo("2");
        assertThat(closed.get(0).source()).isEqualTo(CandleSource.WEBSOCKET);
        assertThat(aggregator.counters()).containsEntry("duplicates", 1L).containsEntry("staleKlines", 2L);
    }

    @Test
    void buildsLargerIntervalsFromClosedMinutes() {
        aggregator.cover(BTCUSDT, T0);
        aggregator.onKline(kline(BTCUSDT, T0, "10", "12", "9", "11", "1", true));
        aggregator.onKline(kline(BTCUSDT, T0 + MIN, "11", "15", "11", "14", "2", true));
        aggregator.onKline(kline(BTCUSDT, T0 + 2 * MIN, "14", "14", "8", "9", "3", true));
        aggregator.onKline(kline(BTCUSDT, T0 + 3 * MIN, "9", "10", "9", "10", "4", true));
        assertThat(closedOf(Interval.M5)).isEmpty();

        aggregator.onKline(kline(BTCUSDT, T0 + 4 * MIN, "10", "11", "10", "10.5", "5", true));

        List<Candle> five = closedOf(Interval.M5);
        assertThat(five).hasSize(1);
        Candle c = five.get(0);
        assertThat(c.openTime()).isEqualTo(T0);
        assertThat(c.open()).isEqualByComparingTo("10");
        assertThat(c.high()).isEqualByComparingTo("15");
        assertThat(c.low()).isEqualByComparingTo("8");
        assertThat(c.close()).isEqualByComparingTo("10.5");
        assertThat(c.volume()).isEqualByComparingTo("15");
        assertThat(c.quoteVolume())
                .isEqualByComparingTo(new BigDecimal("11")
                        .add(new BigDecimal("28"))
                        .add(new BigDecimal("27"))
                        .add(new BigDecimal("40"))
                        .add(new BigDecimal("52.5")));
        assertThat(c.tradeCount()).isEqualTo(15);
        assertThat(c.source()).isEqualTo(CandleSource.AGGREGATED);
        // The 5m candle follows the 1m candle that completed it.
        assertThat(closed.indexOf(c)).isEqualTo(5);
    }

    @Test
    void neverPublishesTheFirstPartialLargerCandle() {
        for (int m = 2; m < 10; m++) {
            aggregator.onKline(flat(BTCUSDT, T0 + m * MIN, "10"));
        }
        assertThat(closedOf(Interval.M5)).extracting(Candle::openTime).containsExactly(T0 + 5 * MIN);
        assertThat(aggregator.counters()).containsEntry("partialSkipped", 1L);
    }

    @Test
    void coverFromTheBucketStartMakesTheFirstBucketComplete() {
        aggregator.cover(KRW_BTC, T0);
        // A feed that knows its history complete from T0 (its first rows are later) makes the bucket whole.
        aggregator.onKline(flat(KRW_BTC, T0 + 2 * MIN, "10").asClosed(CandleSource.REST));
        aggregator.onKline(flat(KRW_BTC, T0 + 3 * MIN, "11").asClosed(CandleSource.REST));
        aggregator.resume(KRW_BTC, T0 + 4 * MIN);
        aggregator.onTick(T0 + 5 * MIN + GRACE);

        assertThat(closedOf(Interval.M5)).hasSize(1);
        assertThat(closedOf(Interval.M5).get(0).open()).isEqualByComparingTo("10");
        assertThat(closedOf(Interval.M5).get(0).close()).isEqualByComparingTo("11");
    }

    @Test
    void aQuietBucketClosesByTheClockAfterItsLastTradedMinute() {
        aggregator.cover(KRW_BTC, T0);
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.onTick(T0 + MIN + GRACE);
        assertThat(closed).hasSize(1);

        aggregator.onTick(T0 + 5 * MIN + GRACE - 1);
        assertThat(closedOf(Interval.M5)).isEmpty();
        aggregator.onTick(T0 + 5 * MIN + GRACE);
        assertThat(closedOf(Interval.M5)).extracting(Candle::openTime).containsExactly(T0);
    }

    @Test
    void suspendedStreamsCloseNothingByTimeAndRestReplacesTheCandleInDoubt() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.suspend(KRW_BTC);

        aggregator.onTick(T0 + 10 * MIN);
        aggregator.onTrade(trade(KRW_ETH, T0 + 10 * MIN, "5", "1", Side.BUY));
        assertThat(closed).noneMatch(c -> c.instrument().equals(KRW_BTC));

        // After the reconnect REST publishes the minute in doubt, then the feed resumes.
        Candle rest = kline(KRW_BTC, T0, "100", "104", "99", "103", "7", true).asClosed(CandleSource.REST);
        aggregator.onKline(rest);
        aggregator.resume(KRW_BTC, T0 + 11 * MIN);
        aggregator.onTrade(trade(KRW_BTC, T0 + 11 * MIN + 1, "103", "1", Side.BUY));
        aggregator.onTick(T0 + 12 * MIN + GRACE);

        assertThat(closedOf(Interval.M1).stream().filter(c -> c.instrument().equals(KRW_BTC)))
                .extracting(Candle::openTime, Candle::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, CandleSource.REST),
                        org.assertj.core.groups.Tuple.tuple(T0 + 11 * MIN, CandleSource.AGGREGATED));
        assertThat(aggregator.counters()).containsEntry("superseded", 1L);
    }

    @Test
    void resumeDropsACandleInDoubtThatRestDidNotReplace() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.suspend(KRW_BTC);

        aggregator.resume(KRW_BTC, T0 + 3 * MIN);
        aggregator.onTick(T0 + 4 * MIN);

        assertThat(closed).isEmpty();
        assertThat(aggregator.counters()).containsEntry("discardedInDoubt", 1L);
    }

    @Test
    void tradesReleasedAfterASeamBuildWholeMinutesEvenBehindTheWatermark() {
        // KRW-ETH is live and ahead; KRW-BTC joins later with trades held since its seam.
        aggregator.onTrade(trade(KRW_ETH, T0 + 3 * MIN + 10_000, "5", "1", Side.BUY));
        aggregator.suspend(KRW_BTC);
        aggregator.resume(KRW_BTC, T0 + MIN);
        aggregator.onTrade(trade(KRW_BTC, T0 + MIN + 1_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + MIN + 2_000, "101", "2", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 2 * MIN + 1_000, "102", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 2 * MIN + 2_000, "103", "1", Side.BUY));

        List<Candle> btc =
                closed.stream().filter(c -> c.instrument().equals(KRW_BTC)).toList();
        assertThat(btc).hasSize(1);
        assertThat(btc.get(0).volume()).isEqualByComparingTo("3");

        aggregator.onTrade(trade(KRW_ETH, T0 + 3 * MIN + 20_000, "5", "1", Side.BUY));
        btc = closed.stream().filter(c -> c.instrument().equals(KRW_BTC)).toList();
        assertThat(btc).extracting(Candle::openTime).containsExactly(T0 + MIN, T0 + 2 * MIN);
        assertThat(btc.get(1).volume()).isEqualByComparingTo("2");
    }

    @Test
    void publishesTheCandleInProgressWhenDue() {
        aggregator.cover(KRW_BTC, T0);
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 20_000, "101", "1", Side.BUY));

        assertThat(aggregator.drainLive(k -> false)).isEmpty();
        List<Candle> live = aggregator.drainLive(k -> true);

        assertThat(live).extracting(Candle::interval).containsExactly(Interval.M1, Interval.M5);
        assertThat(live).allMatch(c -> !c.closed() && c.close().compareTo(new BigDecimal("101")) == 0);
        assertThat(aggregator.drainLive(k -> true)).isEmpty();
    }

    @Test
    void liveStreamsHeldBackStayQueuedInTheOrderTheyFirstChanged() {
        aggregator.cover(KRW_BTC, T0);
        aggregator.cover(KRW_ETH, T0);
        aggregator.onTrade(trade(KRW_ETH, T0 + 10_000, "5", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 11_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_ETH, T0 + 12_000, "6", "1", Side.SELL));

        List<Candle> m1 = aggregator.drainLive(k -> k.interval() == Interval.M1);
        assertThat(m1).extracting(Candle::instrument).containsExactly(KRW_ETH, KRW_BTC);
        assertThat(m1.get(0).close()).isEqualByComparingTo("6");

        aggregator.onTrade(trade(KRW_BTC, T0 + 13_000, "102", "1", Side.SELL));
        List<Candle> rest = aggregator.drainLive(k -> true);
        // The 5m keys waited since the first trades; BTC's 1m came back after them.
        assertThat(rest)
                .extracting(c -> c.instrument().symbol() + "/" + c.interval().code())
                .containsExactly("KRW-ETH/5m", "KRW-BTC/5m", "KRW-BTC/1m");
        assertThat(rest.get(2).close()).isEqualByComparingTo("102");

        aggregator.onTrade(trade(KRW_ETH, T0 + 14_000, "7", "1", Side.BUY));
        aggregator.remove(KRW_ETH);
        assertThat(aggregator.drainLive(k -> true)).isEmpty();
    }

    @Test
    void removedInstrumentsAreIgnoredAndAReAddDoesNotRepeat() {
        aggregator.onKline(flat(BTCUSDT, T0, "10"));
        aggregator.remove(BTCUSDT);
        aggregator.onKline(flat(BTCUSDT, T0 + MIN, "10"));
        aggregator.add(BTCUSDT);
        aggregator.onKline(flat(BTCUSDT, T0, "10"));
        aggregator.onKline(flat(BTCUSDT, T0 + MIN, "10"));

        assertThat(closedOf(Interval.M1)).extracting(Candle::openTime).containsExactly(T0, T0 + MIN);
    }

    @Test
    void aMinuteWithoutTradesOnAHealthyConnectionClosesFlatAtBoundaryPlusGrace() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 20_000, "101.5", "2", Side.SELL));
        aggregator.onTick(T0 + MIN + GRACE);
        assertThat(closed).hasSize(1);

        aggregator.onTick(T0 + 2 * MIN + GRACE - 1);
        assertThat(closed).hasSize(1);
        aggregator.onTick(T0 + 2 * MIN + GRACE);

        assertThat(closed).hasSize(2);
        Candle flat = closed.get(1);
        assertThat(flat.openTime()).isEqualTo(T0 + MIN);
        assertThat(List.of(flat.open(), flat.high(), flat.low(), flat.close()))
                .allSatisfy(p -> assertThat(p).isEqualByComparingTo("101.5"));
        assertThat(List.of(flat.volume(), flat.quoteVolume(), flat.takerBuyBaseVolume(), flat.takerBuyQuoteVolume()))
                .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(flat.tradeCount()).isZero();
        assertThat(flat.closed()).isTrue();
        assertThat(flat.source()).isEqualTo(CandleSource.AGGREGATED);
        assertThat(aggregator.counters()).containsEntry("quietMinutes", 1L);
    }

    @Test
    void aSilentConnectionClosesNoMinuteFlat() {
        aggregator.alive("bithumb:spot", T0 + 30_000);
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.alive("bithumb:spot", T0 + MIN + GRACE + SILENCE);
        aggregator.onTick(T0 + 10 * MIN);
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);

        // Heard until just before the silence period after the next boundary + grace: still in doubt.
        aggregator.alive("bithumb:spot", T0 + 2 * MIN + GRACE + SILENCE - 1);
        aggregator.onTick(T0 + 10 * MIN);
        assertThat(closed).hasSize(1);

        aggregator.alive("bithumb:spot", T0 + 2 * MIN + GRACE + SILENCE);
        aggregator.onTick(T0 + 10 * MIN);
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0, T0 + MIN);
    }

    @Test
    void aLaterTradeOnTheConnectionClosesTheQuietMinutesBeforeItFlatInOrder() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_ETH, T0 + 20_000, "5", "1", Side.BUY));

        // Another code's trade three minutes later proves KRW-BTC's two minutes in between empty.
        aggregator.onTrade(trade(KRW_ETH, T0 + 3 * MIN + 1, "6", "1", Side.BUY));

        assertThat(closed.stream().filter(c -> c.instrument().equals(KRW_BTC)))
                .extracting(Candle::openTime, Candle::tradeCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, 1L),
                        org.assertj.core.groups.Tuple.tuple(T0 + MIN, 0L),
                        org.assertj.core.groups.Tuple.tuple(T0 + 2 * MIN, 0L));
        assertThat(closed.stream().filter(c -> c.instrument().equals(KRW_ETH)))
                .extracting(Candle::openTime)
                .containsExactly(T0, T0 + MIN, T0 + 2 * MIN);
        assertThat(closed.get(closed.size() - 1).close()).isEqualByComparingTo("5");
    }

    @Test
    void nothingIsInventedBeforeTheFirstCandleNorWhileSuspended() {
        aggregator.cover(KRW_BTC, T0);
        aggregator.suspend(KRW_BTC);
        aggregator.resume(KRW_BTC, T0 + 3 * MIN);
        aggregator.onTick(T0 + 6 * MIN + GRACE);
        assertThat(closed).isEmpty();

        aggregator.onTrade(trade(KRW_BTC, T0 + 6 * MIN + 10_000, "100", "1", Side.BUY));
        aggregator.onTick(T0 + 7 * MIN + GRACE);
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0 + 6 * MIN);

        aggregator.suspend(KRW_BTC);
        aggregator.onTick(T0 + 20 * MIN);
        aggregator.onTrade(trade(KRW_ETH, T0 + 20 * MIN, "5", "1", Side.BUY));
        assertThat(closed).filteredOn(c -> c.instrument().equals(KRW_BTC)).hasSize(1);
    }

    @Test
    void restMinutesBeforeAResumeAreNotClosedFlatAgain() {
        aggregator.suspend(KRW_BTC);
        aggregator.onKline(flat(KRW_BTC, T0, "10").asClosed(CandleSource.REST));
        // The feed fills REST's holes itself; the aggregator does not second-guess minutes before liveFrom.
        aggregator.resume(KRW_BTC, T0 + 3 * MIN);
        aggregator.onTick(T0 + 4 * MIN + GRACE);

        assertThat(closed).extracting(Candle::openTime).containsExactly(T0, T0 + 3 * MIN);
    }

    @Test
    void quietMinutesCompleteTheLargerInterval() {
        aggregator.cover(KRW_BTC, T0);
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 3 * MIN + 10_000, "103", "2", Side.BUY));
        aggregator.onTick(T0 + 5 * MIN + GRACE);

        assertThat(closedOf(Interval.M1))
                .extracting(Candle::openTime)
                .containsExactly(T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN);
        List<Candle> five = closedOf(Interval.M5);
        assertThat(five).hasSize(1);
        assertThat(five.get(0).open()).isEqualByComparingTo("100");
        assertThat(five.get(0).close()).isEqualByComparingTo("103");
        assertThat(five.get(0).volume()).isEqualByComparingTo("3");
        assertThat(five.get(0).tradeCount()).isEqualTo(2);
    }

    @Test
    void aReAddedStreamClosesNothingFlatUntilItsFeedResumesIt() {
        aggregator.onTrade(trade(KRW_BTC, T0 + 10_000, "100", "1", Side.BUY));
        aggregator.onTick(T0 + MIN + GRACE);
        aggregator.remove(KRW_BTC);
        aggregator.add(KRW_BTC);

        aggregator.onTick(T0 + 30 * MIN);
        assertThat(closed).extracting(Candle::openTime).containsExactly(T0);
    }

    @Test
    void tradesReleasedAfterASeamCloseTheirQuietMinutesFlatEvenBehindTheWatermark() {
        // KRW-ETH is live and ahead; KRW-BTC joins later, REST through T0, its held trades released after.
        aggregator.onTrade(trade(KRW_ETH, T0 + 5 * MIN + 10_000, "5", "1", Side.BUY));
        aggregator.suspend(KRW_BTC);
        aggregator.onKline(flat(KRW_BTC, T0, "99").asClosed(CandleSource.REST));
        aggregator.resume(KRW_BTC, T0 + MIN);
        aggregator.onTrade(trade(KRW_BTC, T0 + 2 * MIN + 1_000, "100", "1", Side.BUY));
        aggregator.onTrade(trade(KRW_BTC, T0 + 4 * MIN + 1_000, "101", "1", Side.BUY));

        assertThat(closed.stream().filter(c -> c.instrument().equals(KRW_BTC)))
                .extracting(Candle::openTime, Candle::tradeCount, c -> c.close().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, 3L, "99"),
                        org.assertj.core.groups.Tuple.tuple(T0 + MIN, 0L, "99"),
                        org.assertj.core.groups.Tuple.tuple(T0 + 2 * MIN, 1L, "100"),
                        org.assertj.core.groups.Tuple.tuple(T0 + 3 * MIN, 0L, "100"));
    }
}
