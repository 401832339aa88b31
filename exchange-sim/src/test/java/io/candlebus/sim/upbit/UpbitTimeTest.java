package io.candlebus.sim.upbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpbitTimeTest {
    private static final long MIDNIGHT_UTC = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @Test
    void toWithoutAZoneIsUtcAndZonesAreHonoured() {
        assertThat(UpbitTime.parseTo("2026-01-01 00:00:00")).isEqualTo(MIDNIGHT_UTC);
        assertThat(UpbitTime.parseTo("2026-01-01T00:00:00")).isEqualTo(MIDNIGHT_UTC);
        assertThat(UpbitTime.parseTo("2026-01-01T00:00:00Z")).isEqualTo(MIDNIGHT_UTC);
        assertThat(UpbitTime.parseTo("2026-01-01T09:00:00+09:00")).isEqualTo(MIDNIGHT_UTC);
    }

    @Test
    void anUnencodedPlusIsExplained() {
        assertThatThrownBy(() -> UpbitTime.parseTo("2026-01-01T09:00:00 09:00"))
                .hasMessageStartingWith("to: expected ISO 8601")
                .hasMessageContaining("%2B");
        assertThatThrownBy(() -> UpbitTime.parseTo("2026-13-01T00:00:00Z")).hasMessageContaining("valid date");
        assertThatThrownBy(() -> UpbitTime.parseTo(null)).hasMessageContaining("was 'null'");
    }

    @Test
    void bucketsAndDaysAreAlignedToUtc() {
        long t = MIDNIGHT_UTC + 5 * 3_600_000L + 17 * 60_000L;
        assertThat(UpbitTime.bucketStart(t, 240 * 60_000L)).isEqualTo(MIDNIGHT_UTC + 4 * 3_600_000L);
        assertThat(UpbitTime.utcDayStart(t)).isEqualTo(MIDNIGHT_UTC);
        assertThat(UpbitTime.utcIso(MIDNIGHT_UTC)).isEqualTo("2026-01-01T00:00:00");
        assertThat(UpbitTime.kstIso(MIDNIGHT_UTC)).isEqualTo("2026-01-01T09:00:00");
        assertThat(UpbitTime.utcDate(t)).isEqualTo("2026-01-01");
        assertThat(UpbitTime.utcTime(t)).isEqualTo("05:17:00");
    }
}
