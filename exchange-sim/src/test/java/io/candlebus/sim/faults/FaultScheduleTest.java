package io.candlebus.sim.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Market;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
    private static final long MIN = 60_000L;
    private static final long DAY = 24 * 60 * MIN;
    private static final long STALL = 4 * MIN;

    @Test
    void plansTheCountInOrderWithinTheWindow() {
        List<PlannedFault> plan = FaultSchedule.plan(7, 1000, 5 * MIN, DAY - 20 * MIN, STALL);

        assertThat(plan).hasSize(1000);
        assertThat(plan).allSatisfy(f -> assertThat(f.atMillis()).isBetween(5 * MIN, DAY - 20 * MIN - 1));
        assertThat(plan).extracting(PlannedFault::atMillis).isSorted();
        // Spread over the window, not bunched: every sim hour gets some.
        Set<Long> hours = plan.stream().map(f -> f.atMillis() / (60 * MIN)).collect(Collectors.toSet());
        assertThat(hours).hasSize(24);
    }

    @Test
    void coversEveryKindOnceThereAreAsManyFaultsAsKinds() {
        int kinds = FaultKind.values().length;
        for (long seed = 0; seed < 50; seed++) {
            List<PlannedFault> plan = FaultSchedule.plan(seed, kinds, 0, 60 * MIN, STALL);
            assertThat(plan.stream()
                            .map(PlannedFault::kind)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(FaultKind.class))))
                    .as("seed %d", seed)
                    .containsExactlyInAnyOrder(FaultKind.values());
        }
    }

    @Test
    void theSoakPlanCoversEveryBadInputKind() {
        List<PlannedFault> plan = FaultSchedule.plan(7, 1000, 5 * MIN, DAY - 20 * MIN, STALL);

        Set<BadInput> sent = plan.stream()
                .map(PlannedFault::badInput)
                .filter(b -> b != null)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BadInput.class)));
        assertThat(sent).containsExactlyInAnyOrderElementsOf(FaultSchedule.BAD_INPUTS);
        assertThat(sent).doesNotContain(BadInput.MALFORMED_JSON, BadInput.OVERSIZED);
        assertThat(plan).anyMatch(f -> f.kind() == FaultKind.GARBAGE);
        assertThat(plan).anyMatch(f -> f.kind() == FaultKind.OVERSIZED);
    }

    @Test
    void isDeterministicForASeedAndDiffersAcrossSeeds() {
        List<PlannedFault> a = FaultSchedule.plan(7, 200, 0, DAY, STALL);
        List<PlannedFault> b = FaultSchedule.plan(7, 200, 0, DAY, STALL);
        List<PlannedFault> c = FaultSchedule.plan(8, 200, 0, DAY, STALL);

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void boundsDurationsAndPicksABinanceMarketForRestFaults() {
        List<PlannedFault> plan = FaultSchedule.plan(3, 2000, 0, DAY, STALL);

        for (PlannedFault f : plan) {
            switch (f.kind()) {
                case DROP, GARBAGE, BAD_INPUT, OVERSIZED -> assertThat(f.durationMillis())
                        .isZero();
                case STALL -> assertThat(f.durationMillis())
                        .isBetween(STALL, STALL + FaultSchedule.STALL_SPREAD_MILLIS);
                default -> assertThat(f.durationMillis())
                        .as("%s", f)
                        .isBetween(f.kind().minMillis(), f.kind().maxMillis());
            }
            if (f.kind() == FaultKind.WEIGHT_LIMIT || f.kind() == FaultKind.BAN) {
                assertThat(f.market()).isIn(Market.SPOT, Market.USDM, Market.COINM);
            } else {
                assertThat(f.market()).isNull();
            }
            assertThat(f.badInput() != null).as("%s", f).isEqualTo(f.kind() == FaultKind.BAD_INPUT);
        }
        assertThat(plan.stream()
                        .filter(f -> f.kind() == FaultKind.BAN)
                        .map(PlannedFault::market)
                        .distinct())
                .hasSize(3);
    }

    @Test
    void plansNothingForZeroFaultsAndRefusesAnEmptyWindow() {
        assertThat(FaultSchedule.plan(7, 0, 0, MIN, STALL)).isEmpty();
        assertThatThrownBy(() -> FaultSchedule.plan(7, 3, MIN, MIN, STALL))
                .hasMessageContaining("fault window: expected from < to");
    }

    @Test
    void plansOrderFaultsOfEveryKindDeterministicallyWithinTheWindow() {
        int kinds = OrderFaultKind.values().length;
        for (long seed = 0; seed < 50; seed++) {
            List<PlannedOrderFault> plan = FaultSchedule.planOrders(seed, kinds, 5 * MIN, 60 * MIN);
            assertThat(plan.stream()
                            .map(PlannedOrderFault::kind)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderFaultKind.class))))
                    .as("seed %d", seed)
                    .containsExactlyInAnyOrder(OrderFaultKind.values());
        }
        List<PlannedOrderFault> plan = FaultSchedule.planOrders(7, 500, 5 * MIN, DAY - 20 * MIN);
        assertThat(plan).hasSize(500);
        assertThat(plan).extracting(PlannedOrderFault::atMillis).isSorted();
        assertThat(plan).allSatisfy(f -> {
            assertThat(f.atMillis()).isBetween(5 * MIN, DAY - 20 * MIN - 1);
            assertThat(f.durationMillis())
                    .isBetween(f.kind().minMillis(), f.kind().maxMillis());
        });
        assertThat(plan).anyMatch(f -> f.kind() == OrderFaultKind.NOT_FOUND && f.durationMillis() > 0);
        assertThat(FaultSchedule.planOrders(7, 500, 5 * MIN, DAY - 20 * MIN)).isEqualTo(plan);
        assertThat(FaultSchedule.planOrders(8, 500, 5 * MIN, DAY - 20 * MIN)).isNotEqualTo(plan);
        // The market-data plan of a seed stays what it was.
        assertThat(FaultSchedule.plan(7, 200, 0, DAY, STALL)).isEqualTo(FaultSchedule.plan(7, 200, 0, DAY, STALL));
        assertThatThrownBy(() -> FaultSchedule.planOrders(7, 3, MIN, MIN))
                .hasMessageContaining("order fault window: expected from < to");
    }
}
