package io.candlebus.launcher.http;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.KillSwitchState;
import io.vertx.core.json.JsonObject;

/**
 * What {@code /status} knows of the order kill switch. The order heartbeat carries only whether it is tripped
 * (counter {@code killSwitch} 0/1); the reason and time come from {@code orders.kill} replies. A heartbeat
 * that disagrees with the known state (or the first one) asks for the state afresh.
 */
final class KillSwitchView {
    static final String COMPONENT = "order";
    static final String COUNTER = "killSwitch";

    /** Null until an order verticle was heard of. */
    private KillSwitchState state;

    /** Records a state from an {@code orders.kill} reply. */
    void onState(KillSwitchState latest) {
        state = latest;
    }

    /** Returns whether {@code hb} is an order heartbeat that says something else than the known state. */
    boolean outdatedBy(Heartbeat hb) {
        if (!COMPONENT.equals(hb.component())) {
            return false;
        }
        Long flag = hb.counters().get(COUNTER);
        return flag != null && (state == null || state.tripped() != (flag == 1L));
    }

    /** Returns {@code {tripped, reason, since}}, or null while nothing is known. */
    JsonObject json() {
        return state == null
                ? null
                : new JsonObject()
                        .put("tripped", state.tripped())
                        .put("reason", state.reason())
                        .put("since", state.since());
    }
}
