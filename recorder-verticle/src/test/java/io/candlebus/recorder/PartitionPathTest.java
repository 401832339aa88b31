package io.candlebus.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Interval;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PartitionPathTest {

    @Test
    void placesACandleByItsUtcOpenDate() {
        Candle c = TestCandles.articleCandle();

        PartitionPath p = PartitionPath.of(c);

        assertThat(p.relativeDir())
                .isEqualTo(Path.of("candles/exchange=binance/market=usdm/symbol=BTCUSDT/interval=1m/date=2024-06-30"));
        assertThat(p).hasToString("candles/exchange=binance/market=usdm/symbol=BTCUSDT/interval=1m/date=2024-06-30");
        assertThat(p.holds(c)).isTrue();
    }

    @Test
    void usesTheOpenTimeNotTheCloseTimeAtMidnight() {
        long lastMinute = LocalDate.of(2024, 6, 30).plusDays(1).toEpochDay() * 86_400_000L - 60_000L;
        Candle last = TestCandles.candle(TestCandles.KRW_BTC, Interval.M1, lastMinute, 0);
        Candle next = TestCandles.candle(TestCandles.KRW_BTC, Interval.M1, lastMinute + 60_000L, 0);

        assertThat(PartitionPath.of(last).date()).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(PartitionPath.of(next).date()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(PartitionPath.of(last).relativeDir().toString())
                .isEqualTo("candles/exchange=bithumb/market=spot/symbol=KRW-BTC/interval=1m/date=2024-06-30");
        assertThat(PartitionPath.of(last).holds(next)).isFalse();
    }
}
