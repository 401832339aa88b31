package io.candlebus.sim.bithumb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KstTimeTest {
    private static final long UTC_MIDNIGHT = 1_767_225_600_000L;

    @Test
    void toAcceptsBothNaiveKstForms() {
        assertThat(KstTime.parseTo("2026-01-01 09:02:00")).isEqualTo(UTC_MIDNIGHT + 120_000L);
        assertThat(KstTime.parseTo("2026-01-01T09:02:00")).isEqualTo(UTC_MIDNIGHT + 120_000L);
    }

    @Test
    void toRefusesOffsetsAndOtherForms() {
        for (String bad : new String[] {
            "2026-01-01T09:02:00Z", "2026-01-01T09:02:00+09:00", "2026-01-01 09:02", "2026-13-01 09:02:00", ""
        }) {
            assertThatThrownBy(() -> KstTime.parseTo(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("to: expected");
        }
    }

    @Test
    void formatsBucketTimesInUtcAndKst() {
        assertThat(KstTime.utcIso(UTC_MIDNIGHT + 60_000L)).isEqualTo("2026-01-01T00:01:00");
        assertThat(KstTime.kstIso(UTC_MIDNIGHT + 60_000L)).isEqualTo("2026-01-01T09:01:00");
        assertThat(KstTime.kstDashedDate(UTC_MIDNIGHT + 123)).isEqualTo("2026-01-01");
        assertThat(KstTime.kstColonTime(UTC_MIDNIGHT + 123)).isEqualTo("09:00:00");
    }

    @Test
    void bucketsAndDaysAlignToKst() {
        assertThat(KstTime.kstDayStart(UTC_MIDNIGHT + 3_600_000L)).isEqualTo(UTC_MIDNIGHT - 9 * 3_600_000L);
        long fourHours = 4 * 3_600_000L;
        assertThat(KstTime.bucketStart(UTC_MIDNIGHT + 3_600_000L, fourHours))
                .isEqualTo(UTC_MIDNIGHT - fourHours + 3 * 3_600_000L);
        assertThat(KstTime.bucketStart(UTC_MIDNIGHT + 61_000L, 60_000L)).isEqualTo(UTC_MIDNIGHT + 60_000L);
    }
}
