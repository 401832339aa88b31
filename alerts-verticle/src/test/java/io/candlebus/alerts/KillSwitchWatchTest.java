package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KillSwitchWatchTest {
    private final KillSwitchWatch watch = new KillSwitchWatch();

    private static Heartbeat order(String node, String state, long killSwitch) {
        return new Heartbeat(node, "order", state, Map.of("killSwitch", killSwitch, "orders", 3L), 0, 42);
    }

    @Test
    void trippedThenClearedAlertOnceEach() {
        assertThat(watch.onHeartbeat(order("n1", "live", 0))).isEmpty();
        assertThat(watch.onHeartbeat(order("n1", "killed", 1))).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.KILL_SWITCH_TRIPPED);
            assertThat(a.kind().wireName()).isEqualTo("kill-switch-tripped");
            assertThat(a.subject()).isEqualTo("n1/order");
            assertThat(a.detail()).contains("state killed").contains("DELETE /orders/kill");
            assertThat(a.time()).isEqualTo(42);
        });
        assertThat(watch.onHeartbeat(order("n1", "killed", 1))).isEmpty();
        assertThat(watch.onHeartbeat(order("n1", "live", 0)))
                .extracting(a -> a.kind().wireName())
                .containsExactly("kill-switch-cleared");
        assertThat(watch.onHeartbeat(order("n1", "live", 0))).isEmpty();
    }

    @Test
    void aSwitchTrippedAtFirstSightIsReported() {
        assertThat(watch.onHeartbeat(order("n2", "killed", 1)))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.KILL_SWITCH_TRIPPED);
    }

    @Test
    void otherComponentsAndOrderHeartbeatsWithoutTheCounterAreIgnored() {
        assertThat(watch.onHeartbeat(new Heartbeat("n3", "recorder", "live", Map.of("killSwitch", 1L), 0, 1)))
                .isEmpty();
        assertThat(watch.onHeartbeat(new Heartbeat("n3", "order", "stopped", Map.of(), 0, 1)))
                .isEmpty();
    }

    @Test
    void aNodeThatLeftStartsAfresh() {
        watch.onHeartbeat(order("n4", "killed", 1));
        watch.forgetNode("n4");
        assertThat(watch.onHeartbeat(order("n4", "live", 0))).isEmpty();
    }
}
