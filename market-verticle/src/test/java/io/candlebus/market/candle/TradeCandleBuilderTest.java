package io.candlebus.market.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TradeCandleBuilderTest {
    private static final Instrument KRW_BTC = Instrument.parse("bithumb:spot:KRW-BTC");
    private static final long T0 = 1_767_225_600_000L;

    /** The candle summed in BigDecimal, trade by trade: what the builder must equal, scale included. */
    private static Candle reference(List<Trade> trades, boolean closed) {
        BigDecimal high = trades.get(0).price();
        BigDecimal low = high;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal takerBase = BigDecimal.ZERO;
        BigDecimal takerQuote = BigDecimal.ZERO;
        for (Trade t : trades) {
            high = high.max(t.price());
            low = low.min(t.price());
            BigDecimal notional = t.price().multiply(t.quantity());
            volume = volume.add(t.quantity());
            quote = quote.add(notional);
            if (t.aggressor() == Side.BUY) {
                takerBase = takerBase.add(t.quantity());
                takerQuote = takerQuote.add(notional);
            }
        }
        return new Candle(
                KRW_BTC,
                io.candlebus.contract.Interval.M1,
                T0,
                trades.get(0).price(),
                high,
                low,
                trades.get(trades.size() - 1).price(),
                volume,
                quote,
                trades.size(),
                takerBase,
                takerQuote,
                closed,
                io.candlebus.contract.CandleSource.AGGREGATED);
    }

    private static void assertBuildsReference(List<Trade> trades) {
        TradeCandleBuilder builder = new TradeCandleBuilder(T0);
        List<Trade> sofar = new ArrayList<>();
        for (Trade t : trades) {
            builder.add(t);
            sofar.add(t);
            assertThat(builder.toCandle(KRW_BTC, false)).isEqualTo(reference(sofar, false));
        }
        assertThat(builder.toCandle(KRW_BTC, true)).isEqualTo(reference(trades, true));
    }

    private static Trade trade(String price, String quantity, Side side) {
        return new Trade(KRW_BTC, new BigDecimal(price), new BigDecimal(quantity), T0, side, 1);
    }

    @Test
    void mixedScalesEqualBigDecimalSums() {
        assertBuildsReference(List.of(
                trade("130000000", "0.0001", Side.BUY),
                trade("130001000.5", "0.12", Side.SELL),
                trade("129999000", "1", Side.BUY),
                trade("1.3E+8", "0.00000001", Side.BUY),
                trade("130000000.00", "2.50", Side.SELL)));
    }

    @Test
    void productsAndSumsBeyondALongFallBackExactly() {
        assertBuildsReference(List.of(
                trade("130000000", "0.5", Side.BUY),
                // 13 digits x 10 digits: the product does not fit a long.
                trade("1300000000000.123", "9999999.999", Side.BUY),
                trade("130000000", "0.25", Side.SELL),
                // 20 digits: the price itself does not fit a long.
                trade("12345678901234567890", "0.1", Side.BUY),
                trade("130000000", "0.75", Side.BUY)));
    }

    @Test
    void randomTradesEqualBigDecimalSums() {
        Random random = new Random(11);
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(200_000_000), random.nextInt(6));
            long digits = random.nextInt(10) == 0 ? Long.MAX_VALUE / 3 : 1 + random.nextInt(100_000);
            BigDecimal quantity = BigDecimal.valueOf(digits, random.nextInt(12));
            trades.add(
                    new Trade(KRW_BTC, price, quantity, T0 + i, random.nextBoolean() ? Side.BUY : Side.SELL, i + 1L));
        }
        assertBuildsReference(trades);
    }
}
