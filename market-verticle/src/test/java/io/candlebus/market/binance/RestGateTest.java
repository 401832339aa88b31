package io.candlebus.market.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestGateTest {
    private static final long T = 1_767_225_600_000L;

    @Test
    void aBanStopsEveryRequestUntilRetryAfter() {
        RestGate gate = new RestGate(1_200);

        gate.banned(T + 10_000, 120_000);

        assertThat(gate.isBanned(T + 10_000)).isTrue();
        assertThat(gate.bannedUntil(T + 10_000)).isEqualTo(T + 130_000);
        assertThat(gate.openAt(T + 20_000, 2)).isEqualTo(T + 130_000);
        assertThat(gate.isBanned(T + 130_000)).isFalse();
        assertThat(gate.bannedUntil(T + 130_000)).isZero();
        assertThat(gate.openAt(T + 130_000, 2)).isEqualTo(T + 130_000);
        assertThat(gate.bans()).isEqualTo(1);
    }

    @Test
    void aBanWithoutRetryAfterLastsTheShortestBinanceBan() {
        RestGate gate = new RestGate(1_200);
        gate.banned(T, 0);
        assertThat(gate.openAt(T, 2)).isEqualTo(T + RestGate.DEFAULT_BAN_MILLIS);
    }

    @Test
    void a429PausesWithoutBanning() {
        RestGate gate = new RestGate(1_200);

        gate.limited(T + 5_000, 55_000);

        assertThat(gate.isBanned(T + 5_000)).isFalse();
        assertThat(gate.isPaused(T + 5_000)).isTrue();
        assertThat(gate.openAt(T + 5_000, 2)).isEqualTo(T + 60_000);
        assertThat(gate.isPaused(T + 60_000)).isFalse();
        assertThat(gate.pauses()).isEqualTo(1);
    }

    @Test
    void keepsUnderTheBudgetUntilTheNextMinute() {
        RestGate gate = new RestGate(10);

        gate.sent(T + 1_000, 5);
        assertThat(gate.openAt(T + 1_000, 5)).isEqualTo(T + 1_000);
        gate.sent(T + 1_000, 5);

        assertThat(gate.openAt(T + 2_000, 5)).isEqualTo(T + 60_000);
        assertThat(gate.isPaused(T + 2_000)).isTrue();
        assertThat(gate.openAt(T + 60_000, 5)).isEqualTo(T + 60_000);
    }

    @Test
    void theVenuesCountWinsWhenHigher() {
        RestGate gate = new RestGate(100);

        gate.sent(T, 2);
        gate.reported(T + 100, 98);

        assertThat(gate.lastReported()).isEqualTo(98);
        assertThat(gate.openAt(T + 200, 2)).isEqualTo(T + 200);
        assertThat(gate.openAt(T + 200, 3)).isEqualTo(T + 60_000);
        // A lower report (an older answer arriving late) does not forget requests sent since.
        gate.sent(T + 300, 2);
        gate.reported(T + 400, 4);
        assertThat(gate.openAt(T + 500, 1)).isEqualTo(T + 60_000);
        assertThat(gate.lastReported()).isEqualTo(4);
        // A missing header leaves everything as it was.
        gate.reported(T + 600, -1);
        assertThat(gate.lastReported()).isEqualTo(4);
    }

    @Test
    void aBanEndingInALaterMinuteIsNotHeldBackByAnOldWindow() {
        RestGate gate = new RestGate(10);
        gate.sent(T, 10);
        gate.banned(T, 90_000);
        assertThat(gate.openAt(T + 1_000, 5)).isEqualTo(T + 90_000);
    }

    @ParameterizedTest
    @CsvSource({
        "SPOT, 1000, 2",
        "SPOT, 10, 2",
        "USDM, 99, 1",
        "USDM, 100, 2",
        "USDM, 500, 5",
        "COINM, 1000, 5",
        "COINM, 1500, 10"
    })
    void klinesWeightFollowsBinance(Market market, int limit, int weight) {
        assertThat(RestGate.klinesWeight(market, limit)).isEqualTo(weight);
    }
}
