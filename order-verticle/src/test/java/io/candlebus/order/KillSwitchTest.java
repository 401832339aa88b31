package io.candlebus.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.KillSwitchState;
import org.junit.jupiter.api.Test;

class KillSwitchTest {

    @Test
    void startsArmedUnlessTheConfigTripsIt() {
        assertThat(new KillSwitch(false, 5).state()).isEqualTo(new KillSwitchState(false, "armed at start", 5));
        KillSwitch configured = new KillSwitch(true, 7);
        assertThat(configured.tripped()).isTrue();
        assertThat(configured.state()).isEqualTo(new KillSwitchState(true, KillSwitch.CONFIG_REASON, 7));
        assertThat(configured.refusal()).isEqualTo("kill switch tripped: config order.killSwitch: true");
    }

    @Test
    void tripKeepsTheFirstReasonUntilCleared() {
        KillSwitch kill = new KillSwitch(false, 0);
        assertThat(kill.trip("POST /orders/kill: desk halt", 10)).isTrue();
        assertThat(kill.trip("POST /orders/kill: again", 20)).isFalse();
        assertThat(kill.state()).isEqualTo(new KillSwitchState(true, "POST /orders/kill: desk halt", 10));
        assertThat(kill.refusal()).isEqualTo("kill switch tripped: POST /orders/kill: desk halt");
    }

    @Test
    void onlyClearReArmsIt() {
        KillSwitch kill = new KillSwitch(true, 0);
        assertThat(kill.clear("DELETE /orders/kill", 30)).isTrue();
        assertThat(kill.tripped()).isFalse();
        assertThat(kill.state()).isEqualTo(new KillSwitchState(false, "DELETE /orders/kill", 30));
        assertThat(kill.clear("DELETE /orders/kill", 40)).isFalse();
        assertThat(kill.state().since()).isEqualTo(30);
        assertThat(kill.trip("again", 50)).isTrue();
        assertThat(kill.tripped()).isTrue();
    }

    @Test
    void aKeptTrippedStateIsRestoredAndAnArmedOneIgnored() {
        KillSwitch kill = new KillSwitch(false, 100);
        kill.restore(new KillSwitchState(false, "whatever", 1));
        assertThat(kill.tripped()).isFalse();
        kill.restore(new KillSwitchState(true, "POST /orders/kill: before the restart", 50));
        assertThat(kill.state()).isEqualTo(new KillSwitchState(true, "POST /orders/kill: before the restart", 50));
    }
}
