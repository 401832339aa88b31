package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoakStartTest {
    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void startsHalfAnHourBeforeTheNextMidnightNeverInThePast() {
        assertThat(SoakRun.startTime(at("2026-12-06T13:00:00Z"))).isEqualTo(at("2026-12-06T23:30:00Z"));
        assertThat(SoakRun.startTime(at("2026-12-06T23:30:00Z"))).isEqualTo(at("2026-12-06T23:30:00Z"));
        assertThat(SoakRun.startTime(at("2026-12-06T23:45:00Z"))).isEqualTo(at("2026-12-07T23:30:00Z"));
    }
}
