package io.candlebus.order.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.order.AssetBalance;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VenueBalancesTest {
    @Test
    void theSummaryNamesHeldAssetsPerMarketAndTheMarketsNotRead() {
        VenueBalances balances = new VenueBalances(
                new TreeMap<>(Map.of(
                        "bithumb:spot",
                        List.of(
                                new AssetBalance("KRW", new BigDecimal("1000.5"), new BigDecimal("10")),
                                new AssetBalance("ETH", BigDecimal.ZERO, BigDecimal.ZERO)),
                        "binance:spot",
                        List.of(new AssetBalance("USDT", new BigDecimal("5"), BigDecimal.ZERO)))),
                new TreeMap<>(Map.of("binance:usdm", "binance usdm GET /fapi/v2/balance: HTTP 401 -2015: Invalid")));

        assertThat(balances.summary())
                .isEqualTo("binance:spot [USDT 5/0] bithumb:spot [KRW 1000.5/10]; not read: binance:usdm");
    }
}
