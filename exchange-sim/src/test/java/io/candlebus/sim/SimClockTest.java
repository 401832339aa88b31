package io.candlebus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class SimClockTest {
    @Test
    void runsFasterThanRealTimeFromItsStart() {
        SimClock clock = new SimClock(1_000_000L, 1_000);
        long first = clock.millis();
        assertThat(first).isGreaterThanOrEqualTo(1_000_000L);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> clock.millis() >= first + 60_000L);
        assertThat(clock.instant().toEpochMilli()).isGreaterThanOrEqualTo(first + 60_000L);
    }

    @Test
    void convertsSimDurationsToRealTimerPeriods() {
        SimClock clock = new SimClock(0L, 300);
        assertThat(clock.toRealMillis(60_000L)).isEqualTo(200L);
        assertThat(clock.toRealMillis(250L)).isEqualTo(1L);
        assertThat(clock.toSimMillis(10L)).isEqualTo(3_000L);
    }

    @Test
    void isUtcAndKeepsItsTimeUnderAnotherZone() {
        SimClock clock = new SimClock(5_000L, 1);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        var seoul = clock.withZone(ZoneId.of("Asia/Seoul"));
        assertThat(seoul.getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(Math.abs(seoul.millis() - clock.millis())).isLessThan(1_000L);
    }

    @Test
    void refusesANonPositiveSpeed() {
        assertThatThrownBy(() -> new SimClock(0L, 0)).hasMessageContaining("speed");
    }
}
