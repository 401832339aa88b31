package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FdBudgetTest {

    @Test
    void theConfiguredMaximumStandsWhenItLeavesTheReserve() {
        assertThat(FdBudget.maxConnections(512, 1_048_576)).isEqualTo(512);
        assertThat(FdBudget.maxConnections(768, 1_024)).isEqualTo(768);
    }

    @Test
    void itIsLoweredToLeaveTheReserveButNeverBelowTheFloor() {
        assertThat(FdBudget.maxConnections(512, 512)).isEqualTo(512 - FdBudget.RESERVE);
        assertThat(FdBudget.maxConnections(512, 100)).isEqualTo(FdBudget.FLOOR);
        assertThat(FdBudget.maxConnections(8, 100)).isEqualTo(8);
    }

    @Test
    void anUnknownLimitLeavesTheMaximumAsConfigured() {
        assertThat(FdBudget.maxConnections(512, -1)).isEqualTo(512);
    }

    @Test
    void thisProcessHasALimit() {
        assertThat(FdBudget.processLimit()).isGreaterThan(FdBudget.RESERVE);
    }
}
