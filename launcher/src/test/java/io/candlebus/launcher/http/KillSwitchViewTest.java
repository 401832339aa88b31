package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.KillSwitchState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KillSwitchViewTest {

    @Test
    void theViewAsksForTheStateWhenAnOrderHeartbeatDisagrees() {
        KillSwitchView view = new KillSwitchView();
        Heartbeat armed = new Heartbeat("n", "order", "live", Map.of("killSwitch", 0L), 0, 1);
        Heartbeat killed = new Heartbeat("n", "order", "killed", Map.of("killSwitch", 1L), 0, 1);
        assertThat(view.json()).isNull();
        assertThat(view.outdatedBy(new Heartbeat("n", "recorder", "live", Map.of(), 0, 1)))
                .isFalse();
        assertThat(view.outdatedBy(armed)).isTrue();
        view.onState(new KillSwitchState(false, "armed at start", 5));
        assertThat(view.outdatedBy(armed)).isFalse();
        assertThat(view.outdatedBy(killed)).isTrue();
        view.onState(new KillSwitchState(true, "POST /orders/kill", 9));
        assertThat(view.outdatedBy(killed)).isFalse();
        assertThat(view.json().encode()).isEqualTo("{\"tripped\":true,\"reason\":\"POST /orders/kill\",\"since\":9}");
    }
}
