package io.candlebus.recorder;

import static io.candlebus.recorder.TestCandles.ARTICLE_OPEN_TIME;
import static io.candlebus.recorder.TestCandles.BTCUSDT;
import static io.candlebus.recorder.TestCandles.KRW_BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionGroupsTest {

    @Test
    void groupsByInstrumentIntervalAndDayInTheOrderPartitionsFirstAppear() {
        // ARTICLE_OPEN_TIME is 16:38 UTC: + 8 h is the next day.
        Candle krw = TestCandles.candle(KRW_BTC, Interval.M1, ARTICLE_OPEN_TIME, 0);
        Candle btc = TestCandles.candle(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME, 1);
        Candle btc5m = TestCandles.candle(BTCUSDT, Interval.M5, ARTICLE_OPEN_TIME - 180_000L, 2);
        Candle btcNextDay = TestCandles.candle(BTCUSDT, Interval.M1, ARTICLE_OPEN_TIME + 8 * 3_600_000L, 3);
        // Equal to BTCUSDT but another object, as candles decoded from the clustered bus are.
        Instrument btcAgain = Instrument.parse(BTCUSDT.key());
        Candle btcLater = TestCandles.candle(btcAgain, Interval.M1, ARTICLE_OPEN_TIME + 60_000L, 4);

        Map<PartitionPath, List<Candle>> groups = PartitionGroups.of(List.of(krw, btc, btc5m, btcNextDay, btcLater));

        assertThat(groups.keySet())
                .containsExactly(
                        PartitionPath.of(krw),
                        PartitionPath.of(btc),
                        PartitionPath.of(btc5m),
                        PartitionPath.of(btcNextDay));
        assertThat(groups.get(PartitionPath.of(btc))).containsExactly(btc, btcLater);
        assertThat(groups.get(PartitionPath.of(btcNextDay))).containsExactly(btcNextDay);
        assertThat(PartitionPath.of(btcNextDay).date().toEpochDay()
                        - PartitionPath.of(btc).date().toEpochDay())
                .isEqualTo(1);
        assertThat(groups.get(PartitionPath.of(krw))).containsExactly(krw);
    }

    @Test
    void aCandleBeforeTheEpochGoesToItsOwnUtcDay() {
        Candle before = TestCandles.candle(BTCUSDT, Interval.M1, -60_000L, 0);
        Candle after = TestCandles.candle(BTCUSDT, Interval.M1, 0L, 1);

        Map<PartitionPath, List<Candle>> groups = PartitionGroups.of(List.of(before, after));

        assertThat(groups.keySet()).containsExactly(PartitionPath.of(before), PartitionPath.of(after));
        assertThat(PartitionPath.of(before).date().toEpochDay()).isEqualTo(-1);
    }
}
