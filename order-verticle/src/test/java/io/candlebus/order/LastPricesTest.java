package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static io.candlebus.order.TestOrders.KRW_XRP;
import static io.candlebus.order.TestOrders.candle;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastPricesTest {
    private static final long T = 1_700_006_400_000L;

    @Test
    void theNewestCandlesCloseIsTheLastPriceAndAnOlderCandleDoesNotMoveIt() {
        LastPrices prices = new LastPrices();
        prices.observe(candle(BTCUSDT, T, "87000"), T);
        prices.observe(candle(BTCUSDT, T + 60_000, "87100"), T + 1);
        // A gap fill of an earlier minute arrives late.
        prices.observe(candle(BTCUSDT, T, "80000"), T + 2);

        assertThat(prices.last(BTCUSDT, T + 3))
                .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("87100"));
        assertThat(prices.last(KRW_XRP, T + 3)).isEmpty();
        assertThat(prices.followed(KRW_XRP, T + 3)).isFalse();
    }

    @Test
    void anInstrumentWithoutACandleForThreeMinutesIsNoLongerFollowed() {
        LastPrices prices = new LastPrices();
        prices.observe(candle(BTCUSDT, T, "87000"), T);

        assertThat(prices.followed(BTCUSDT, T + LastPrices.FOLLOWED_WITHIN_MILLIS))
                .isTrue();
        assertThat(prices.followed(BTCUSDT, T + LastPrices.FOLLOWED_WITHIN_MILLIS + 1))
                .isFalse();
        assertThat(prices.last(BTCUSDT, T + LastPrices.FOLLOWED_WITHIN_MILLIS + 1))
                .isEmpty();
        // Any candle, even a late one of an earlier minute, says the stream still flows.
        prices.observe(candle(BTCUSDT, T - 60_000, "1"), T + 200_000);
        assertThat(prices.last(BTCUSDT, T + 200_000))
                .hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("87000"));
    }
}
