package io.candlebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KlineSelectionTest {
    private static final long M = 60_000L;
    private static final long FIRST = 1_000 * M;
    private static final long NOW = 2_000 * M + 12_345;

    private static KlineSelection.Range forward(Long start, Long end, int limit) {
        return KlineSelection.select(true, FIRST, NOW, M, start, end, limit);
    }

    private static KlineSelection.Range coinm(Long start, Long end, int limit) {
        return KlineSelection.select(false, FIRST, NOW, M, start, end, limit);
    }

    @Test
    void withoutBoundsTheNewestRowsEndWithTheOpenKline() {
        assertThat(forward(null, null, 3)).isEqualTo(new KlineSelection.Range(1_998 * M, 2_000 * M));
        assertThat(coinm(null, null, 3)).isEqualTo(new KlineSelection.Range(1_998 * M, 2_000 * M));
    }

    @Test
    void spotPagesForwardFromStartTimeRoundedUpToAnOpenTime() {
        assertThat(forward(1_500 * M + 1, null, 10)).isEqualTo(new KlineSelection.Range(1_501 * M, 1_510 * M));
        assertThat(forward(0L, null, 10)).isEqualTo(new KlineSelection.Range(FIRST, 1_009 * M));
        assertThat(forward(1_500 * M, 1_503 * M, 10)).isEqualTo(new KlineSelection.Range(1_500 * M, 1_503 * M));
    }

    @Test
    void spotWithOnlyEndTimeGivesTheNewestRowsUpToIt() {
        assertThat(forward(null, 1_500 * M + 5, 10)).isEqualTo(new KlineSelection.Range(1_491 * M, 1_500 * M));
    }

    @Test
    void coinmWithBothBoundsGivesTheNewestRowsBeforeEndTime() {
        assertThat(coinm(1_000 * M, 1_500 * M, 10)).isEqualTo(new KlineSelection.Range(1_491 * M, 1_500 * M));
        assertThat(forward(1_000 * M, 1_500 * M, 10)).isEqualTo(new KlineSelection.Range(1_000 * M, 1_009 * M));
    }

    @Test
    void coinmWithOnlyStartTimeLooksAtMostTwoHundredDaysAheadCappedAtNow() {
        assertThat(coinm(1_500 * M, null, 10)).isEqualTo(new KlineSelection.Range(1_991 * M, 2_000 * M));
    }

    @Test
    void rangesOutsideTheHistoryAreEmpty() {
        assertThat(forward(null, FIRST - 1, 10).isEmpty()).isTrue();
        assertThat(forward(NOW + M, null, 10).isEmpty()).isTrue();
        assertThat(coinm(null, FIRST - M, 10).isEmpty()).isTrue();
    }
}
