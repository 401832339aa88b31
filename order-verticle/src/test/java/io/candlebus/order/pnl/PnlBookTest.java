package io.candlebus.order.pnl;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.PnlSnapshot;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PnlBookTest {
    private static final Instrument BTCUSDT = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument USDM = Instrument.parse("binance:usdm:BTCUSDT");
    private static final Instrument COINM = Instrument.parse("binance:coinm:BTCUSD_PERP");
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    /** 2026-01-01T00:00:00Z. */
    private static final long DAY = 1_767_225_600_000L;

    private final PnlBook book = new PnlBook(i -> new BigDecimal("100"));

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void realisesOnTheClosedPartAtTheAverageEntryNetOfFees() {
        book.fill(BTCUSDT, Side.BUY, d("0.002"), d("80000"), d("0.16"), DAY);
        book.fill(BTCUSDT, Side.BUY, d("0.002"), d("82000"), d("0.164"), DAY);
        assertThat(book.realised(BTCUSDT)).isEqualByComparingTo("-0.324");
        book.mark(BTCUSDT, d("85000"));
        // 0.004 at an average of 81000, marked at 85000
        assertThat(book.unrealised(BTCUSDT)).isEqualByComparingTo("16");

        book.fill(BTCUSDT, Side.SELL, d("0.001"), d("86000"), d("0.086"), DAY);
        assertThat(book.realised(BTCUSDT)).isEqualByComparingTo("4.59"); // 5 - fees 0.41
        assertThat(book.unrealised(BTCUSDT)).isEqualByComparingTo("12"); // 0.003 x (85000 - 81000)
    }

    @Test
    void aTradeThroughZeroOpensTheRestAtItsPriceAndShortsGainWhenPricesFall() {
        book.fill(USDM, Side.BUY, d("0.01"), d("87000"), BigDecimal.ZERO, DAY);
        book.fill(USDM, Side.SELL, d("0.03"), d("88000"), BigDecimal.ZERO, DAY);
        assertThat(book.realised(USDM)).isEqualByComparingTo("10");
        book.mark(USDM, d("86000"));
        assertThat(book.unrealised(USDM)).isEqualByComparingTo("40"); // short 0.02 from 88000
        PnlSnapshot.Line line = book.snapshot("n", DAY).instruments().get(0);
        assertThat(line.position()).isEqualByComparingTo("-0.02");
        assertThat(line.asset()).isEqualTo("USDT");
    }

    @Test
    void coinMarginedProfitIsInTheBaseCoin() {
        // 10 contracts of 100 USD: 1000 USD long from 50000 to 40000 loses 1000/40000 - 1000/50000 = 0.005 BTC.
        book.fill(COINM, Side.BUY, d("10"), d("50000"), BigDecimal.ZERO, DAY);
        book.mark(COINM, d("40000"));
        assertThat(book.unrealised(COINM)).isEqualByComparingTo("-0.005");
        book.fill(COINM, Side.SELL, d("10"), d("40000"), d("0.00001"), DAY);
        assertThat(book.realised(COINM).setScale(8, RoundingMode.HALF_EVEN)).isEqualByComparingTo("-0.00501");
        assertThat(book.snapshot("n", DAY).totals())
                .extracting(PnlSnapshot.Total::asset)
                .containsExactly("BTC");
    }

    @Test
    void totalsArePerSettlementAssetAndTodayRestartsAtMidnightUtc() {
        book.fill(BTCUSDT, Side.BUY, d("0.001"), d("80000"), BigDecimal.ZERO, DAY + 1_000);
        book.fill(BTCUSDT, Side.SELL, d("0.001"), d("79000"), BigDecimal.ZERO, DAY + 2_000);
        book.fill(KRW_BTC, Side.BUY, d("0.001"), d("130000000"), d("325"), DAY + 3_000);
        assertThat(book.realisedToday("USDT", DAY + 5_000)).isEqualByComparingTo("-1");
        assertThat(book.realisedToday("KRW", DAY + 5_000)).isEqualByComparingTo("-325");

        long tomorrow = DAY + 86_400_000L;
        assertThat(book.realisedToday("USDT", tomorrow)).isEqualByComparingTo("0");
        book.fill(BTCUSDT, Side.BUY, d("0.001"), d("80000"), BigDecimal.ZERO, tomorrow + 1);
        book.fill(BTCUSDT, Side.SELL, d("0.001"), d("80500"), BigDecimal.ZERO, tomorrow + 2);
        assertThat(book.realisedToday("USDT", tomorrow + 3)).isEqualByComparingTo("0.5");
        assertThat(book.realised(BTCUSDT)).isEqualByComparingTo("-0.5");

        PnlSnapshot snapshot = book.snapshot("node-1", tomorrow + 3);
        assertThat(snapshot.totals())
                .containsExactly(
                        new PnlSnapshot.Total("KRW", d("-325"), BigDecimal.ZERO, BigDecimal.ZERO),
                        new PnlSnapshot.Total("USDT", d("-0.5"), BigDecimal.ZERO, d("0.5")));
    }

    @Test
    void liveEventsAddTheGrowthOfTheirFilledQuantityAtTheirPriceAndPaperEventsAreSkipped() {
        book.onLiveEvent(event("l-1", Side.BUY, OrderStatus.ACCEPTED, "0.0004", "80000", false));
        book.onLiveEvent(event("l-1", Side.BUY, OrderStatus.FILLED, "0.001", "80000", false));
        book.onLiveEvent(event("l-2", Side.SELL, OrderStatus.FILLED, "0.001", "81000", false));
        book.onLiveEvent(event("p-1", Side.SELL, OrderStatus.FILLED, "0.001", "90000", true));
        assertThat(book.realised(BTCUSDT)).isEqualByComparingTo("1");
        assertThat(book.snapshot("n", DAY).instruments().get(0).position()).isEqualByComparingTo("0");
    }

    @Test
    void theDailyLossLimitTripsOnlyBelowMinusTheLimitOfItsAsset() {
        DailyLossLimit limit = new DailyLossLimit(Map.of("USDT", d("10")));
        book.fill(BTCUSDT, Side.BUY, d("0.01"), d("80000"), BigDecimal.ZERO, DAY);
        book.fill(BTCUSDT, Side.SELL, d("0.01"), d("79000"), BigDecimal.ZERO, DAY);
        assertThat(limit.breach(book, DAY)).isEqualTo(Optional.empty()); // exactly -10
        book.fill(KRW_BTC, Side.BUY, d("0.01"), d("130000000"), d("100000"), DAY);
        assertThat(limit.breach(book, DAY)).isEmpty();
        book.fill(BTCUSDT, Side.BUY, d("0.001"), d("80000"), d("0.08"), DAY);
        assertThat(limit.breach(book, DAY))
                .contains("daily loss limit order.risk.maxDailyLoss.USDT 10 exceeded: realised PnL on 2026-01-01 (UTC)"
                        + " is -10.08 USDT");
        assertThat(limit.breach(book, DAY + 86_400_000L)).isEmpty();
        assertThat(DailyLossLimit.OFF.breach(book, DAY)).isEmpty();
    }

    private static OrderEvent event(
            String id, Side side, OrderStatus status, String filled, String price, boolean paper) {
        return new OrderEvent(
                id,
                "x-" + id,
                BTCUSDT,
                side,
                status,
                d("0.001"),
                d(filled),
                d(price),
                BigDecimal.ZERO,
                "test",
                paper,
                DAY);
    }
}
