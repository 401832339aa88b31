package io.candlebus.order.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BinanceServerTimeTest {
    private static final long T = 1_767_225_600_000L;

    @Test
    void aNewOffsetNeverPutsTheCorrectedClockAheadOfTheServerAndAConsistentOneIsKept() {
        // Sent at T, answered 40 ms later with the server 2 s ahead of the local clock at the midpoint: the
        // server read its clock somewhere in the round trip, so a new offset assumes the latest moment.
        assertThat(BinanceServerTime.offset(0, T, T + 20 + 2_000, T + 40)).isEqualTo(1_980);
        assertThat(BinanceServerTime.offset(0, T, T - 7_000, T)).isEqualTo(-7_000);
        // The offset in force lies within what the round trip allows: kept, however slow the round trip.
        assertThat(BinanceServerTime.offset(2_010, T, T + 20 + 2_000, T + 40)).isEqualTo(2_010);
        assertThat(BinanceServerTime.offset(0, T, T + 30_000, T + 60_000)).isZero();
        // Outside it: moved to the lowest the measurement allows.
        assertThat(BinanceServerTime.offset(2_100, T, T + 20 + 2_000, T + 40)).isEqualTo(1_980);
        assertThatThrownBy(() -> BinanceServerTime.offset(0, T, T, T - 1)).hasMessageContaining("receivedAt");
    }

    @Test
    void stampsWithTheLocalClockUntilMeasuredThenWithTheCorrectedOne() {
        BinanceServerTime time = new BinanceServerTime(Clock.fixed(Instant.ofEpochMilli(T), ZoneOffset.UTC));
        assertThat(time.millis()).isEqualTo(T);
        assertThat(time.roundTripMillis()).isEqualTo(-1);

        time.measured(T - 100, T + 30_000, T);
        assertThat(time.offsetMillis()).isEqualTo(30_000);
        assertThat(time.roundTripMillis()).isEqualTo(100);
        assertThat(time.millis()).isEqualTo(T + 30_000);
        assertThat(time.instant()).isEqualTo(Instant.ofEpochMilli(T + 30_000));
    }
}
