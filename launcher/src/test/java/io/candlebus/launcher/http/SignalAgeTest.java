package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SignalAgeTest {
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final long OPEN = 1_767_225_600_000L;

    static Signal signal(Interval interval, long openTime, long raisedAt) {
        return new Signal(
                Signal.idOf("band_lower", BTC, interval, openTime, Side.BUY),
                "band_lower",
                BTC,
                interval,
                openTime,
                Side.BUY,
                new BigDecimal("87000.5"),
                "close crossed below lower band",
                raisedAt);
    }

    @Test
    void aSignalRaisedAtMostMaxAgeAfterItsCandleClosedIsLive() {
        long closeOf5m = OPEN + 300_000;
        assertThat(SignalAge.closedAgo(signal(Interval.M5, OPEN, closeOf5m + 10)))
                .isEqualTo(10);
        assertThat(SignalAge.historical(signal(Interval.M5, OPEN, closeOf5m + 60_000), 60_000))
                .isFalse();
        assertThat(SignalAge.historical(signal(Interval.M5, OPEN, closeOf5m + 60_001), 60_000))
                .isTrue();
    }

    @Test
    void theIntervalCountsSoA1mAndA5mSignalOfOneMomentDiffer() {
        // Raised at the same time for candles opened at the same time: the 1m candle closed 4 min earlier.
        long raisedAt = OPEN + 300_000 + 1_000;
        assertThat(SignalAge.historical(signal(Interval.M5, OPEN, raisedAt), 60_000))
                .isFalse();
        assertThat(SignalAge.historical(signal(Interval.M1, OPEN, raisedAt), 60_000))
                .isTrue();
    }
}
