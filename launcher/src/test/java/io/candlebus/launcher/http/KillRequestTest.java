package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.KillSwitchCommand;
import io.candlebus.contract.KillSwitchCommand.Action;
import org.junit.jupiter.api.Test;

class KillRequestTest {

    @Test
    void postTripsAndDeleteClearsNamingTheCallAndTheCallersReason() {
        assertThat(KillRequest.of("POST", null)).isEqualTo(new KillSwitchCommand(Action.TRIP, "POST /orders/kill"));
        assertThat(KillRequest.of("POST", " ")).isEqualTo(new KillSwitchCommand(Action.TRIP, "POST /orders/kill"));
        assertThat(KillRequest.of("POST", "{\"reason\":\" desk halt \"}"))
                .isEqualTo(new KillSwitchCommand(Action.TRIP, "POST /orders/kill: desk halt"));
        assertThat(KillRequest.of("DELETE", "{}"))
                .isEqualTo(new KillSwitchCommand(Action.CLEAR, "DELETE /orders/kill"));
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> KillRequest.of("POST", "{"))
                .hasMessageStartingWith("body: expected JSON {\"reason\":\"...\"} or nothing");
        assertThatThrownBy(() -> KillRequest.of("POST", "{\"reason\":\"x\",\"token\":\"t\"}"))
                .hasMessage("body.token: unknown field, expected only reason");
        assertThatThrownBy(() -> KillRequest.of("POST", "{\"reason\":5}"))
                .hasMessage("reason: expected non-blank text, was 5");
        assertThatThrownBy(() -> KillRequest.of("POST", "{\"reason\":\"" + "x".repeat(151) + "\"}"))
                .hasMessage("reason: expected at most 150 characters, was 151");
        assertThatThrownBy(() -> KillRequest.of("POST", "{\"reason\":\"a\\nb\"}"))
                .hasMessageContaining("control characters");
    }
}
