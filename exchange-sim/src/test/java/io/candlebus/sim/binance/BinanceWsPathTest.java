package io.candlebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Market;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinanceWsPathTest {
    @Test
    void parsesRawAndCombinedFormsOfEveryMarket() {
        BinanceWsPath raw = BinanceWsPath.parse("/binance/spot/ws/btcusdt@kline_1m", null);
        assertThat(raw.rules().market()).isEqualTo(Market.SPOT);
        assertThat(raw.combined()).isFalse();
        assertThat(raw.streams()).containsExactly("btcusdt@kline_1m");
        BinanceWsPath combined =
                BinanceWsPath.parse("/binance/coinm/stream", "streams=btcusd_perp@kline_1m%2Fbtcusd_perp@kline_5m");
        assertThat(combined.combined()).isTrue();
        assertThat(combined.streams()).containsExactly("btcusd_perp@kline_1m", "btcusd_perp@kline_5m");
        assertThat(BinanceWsPath.parse("/binance/usdm/market/ws/btcusdt@kline_1m", null)
                        .silent())
                .isFalse();
    }

    @Test
    void bareUsdmPathsConnectSilently() {
        for (String path :
                List.of("/binance/usdm/ws/btcusdt@kline_1m", "/binance/usdm/public/ws", "/binance/usdm/stream")) {
            assertThat(BinanceWsPath.parse(path, "streams=btcusdt@kline_1m").silent())
                    .as(path)
                    .isTrue();
        }
    }

    @Test
    void otherPathsAreNotStreams() {
        for (String path :
                List.of("/binance/spot", "/binance/spot/api/v3/klines", "/binance/nope/ws", "/bithumb/websocket/v1")) {
            assertThat(BinanceWsPath.parse(path, null)).as(path).isNull();
        }
    }

    @Test
    void klineStreamNamesParse() {
        assertThat(KlineStream.parse("btcusd_perp@kline_5m"))
                .isEqualTo(new KlineStream("BTCUSD_PERP", io.candlebus.contract.Interval.M5));
        assertThat(KlineStream.parse("btcusdt@trade")).isNull();
        assertThat(KlineStream.parse("btcusdt@kline_1s")).isNull();
        assertThat(KlineStream.parse("BTCUSDT@kline_1m")).isNull();
    }
}
