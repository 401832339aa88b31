package io.candlebus.market.upbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.market.RestException;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class UpbitRestGateTest {
    private static MultiMap remaining(String value) {
        return MultiMap.caseInsensitiveMultiMap().add("Remaining-Req", value);
    }

    @Test
    void readsTheSecondsLeftOfRemainingReq() {
        assertThat(UpbitRestGate.secondsLeft("group=candles; min=1800; sec=29")).isEqualTo(29);
        assertThat(UpbitRestGate.secondsLeft("group=default;min=600;sec=0")).isZero();
        assertThat(UpbitRestGate.secondsLeft("group=candles; min=1800")).isEqualTo(-1);
        assertThat(UpbitRestGate.secondsLeft("sec=x")).isEqualTo(-1);
        assertThat(UpbitRestGate.secondsLeft(null)).isEqualTo(-1);
    }

    @Test
    void staysWithinTenRequestsPerSecond() {
        UpbitRestGate gate = new UpbitRestGate();
        long now = 1_000_000;
        for (int i = 0; i < UpbitRestGate.REQUESTS_PER_SECOND; i++) {
            assertThat(gate.nextAllowed(now)).isEqualTo(now);
            gate.sent(now);
        }
        assertThat(gate.nextAllowed(now)).isEqualTo(now + 1_000);
        assertThat(gate.used(now)).isEqualTo(10);
    }

    @Test
    void noneLeftThisSecondOrA429WaitsForTheNextSecond() {
        UpbitRestGate gate = new UpbitRestGate();
        gate.answered(200, remaining("group=candles; min=1800; sec=0"), 5_250);
        assertThat(gate.remaining()).isZero();
        assertThat(gate.nextAllowed(5_300)).isEqualTo(6_000);
        assertThat(gate.nextAllowed(6_000)).isEqualTo(6_000);

        gate.answered(429, MultiMap.caseInsensitiveMultiMap(), 7_100);
        Throwable refused = gate.refused(new RestException(429, 0, "HTTP 429 Too many API requests."), 7_100);
        assertThat(gate.nextAllowed(7_100)).isEqualTo(8_000);
        assertThat(((RestException) refused).retryAfterMillis()).isEqualTo(900);
        assertThat(gate.pauses()).isEqualTo(1);
    }

    @Test
    void a418BlocksEveryRequestForTheTimeItNames() {
        UpbitRestGate gate = new UpbitRestGate();
        Throwable refused = gate.refused(
                new RestException(
                        418,
                        0,
                        "HTTP 418 {\"error\":{\"name\":\"too_many_requests\",\"message\":\"Blocked for 30 seconds\"}}"),
                10_000);

        assertThat(((RestException) refused).retryAfterMillis()).isEqualTo(30_000);
        assertThat(gate.nextAllowed(10_000)).isEqualTo(40_000);
        assertThat(gate.bannedUntil(20_000)).isEqualTo(40_000);
        assertThat(gate.bannedUntil(40_000)).isZero();
        assertThat(gate.bans()).isEqualTo(1);
        assertThat(UpbitRestGate.banMillis("HTTP 418")).isEqualTo(UpbitRestGate.DEFAULT_BAN_MILLIS);
        assertThat(gate.refused(new RestException(418, 5_000, "HTTP 418"), 50_000))
                .satisfies(
                        e -> assertThat(((RestException) e).retryAfterMillis()).isEqualTo(5_000));
    }

    @Test
    void theCandleBoundIsSentInUtc() {
        assertThat(UpbitVenue.toParameter(1767225720000L)).isEqualTo("2026-01-01T00:02:00Z");
        assertThat(UpbitVenue.toParameter(1767225720999L)).isEqualTo("2026-01-01T00:02:00Z");
    }
}
