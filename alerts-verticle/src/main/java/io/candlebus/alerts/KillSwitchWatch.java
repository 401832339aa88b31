package io.candlebus.alerts;

import io.candlebus.contract.Heartbeat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows the order kill switch in order heartbeats (component {@code order}, counter {@code killSwitch} 0/1)
 * and raises an alert on each change. A node's first heartbeat is the baseline, except that a switch already
 * tripped (by the config, or before this role started) is reported: it stops all trading.
 */
final class KillSwitchWatch {
    static final String ORDER = "order";
    static final String COUNTER = "killSwitch";

    private final Map<String, Boolean> tripped = new HashMap<>();

    List<Alert> onHeartbeat(Heartbeat hb) {
        Long flag = hb.counters().get(COUNTER);
        if (!hb.component().equals(ORDER) || flag == null) {
            return List.of();
        }
        String subject = hb.node() + "/" + hb.component();
        boolean now = flag == 1L;
        Boolean before = tripped.put(subject, now);
        if (before == null ? !now : before == now) {
            return List.of();
        }
        return List.of(
                now
                        ? new Alert(
                                AlertKind.KILL_SWITCH_TRIPPED,
                                subject,
                                "state " + hb.state() + ": no new order is placed and open orders are cancelled;"
                                        + " the reason is in /status, DELETE /orders/kill (token) clears it",
                                null,
                                hb.time())
                        : new Alert(
                                AlertKind.KILL_SWITCH_CLEARED,
                                subject,
                                "state " + hb.state() + ": orders flow again",
                                null,
                                hb.time()));
    }

    /** Forgets a node that left. */
    void forgetNode(String node) {
        tripped.keySet().removeIf(k -> k.startsWith(node + "/"));
    }
}
