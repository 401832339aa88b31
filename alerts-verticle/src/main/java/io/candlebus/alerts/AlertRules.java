package io.candlebus.alerts;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.Signal;
import java.util.ArrayList;
import java.util.List;

/** Every rule that turns what crosses the bus into alerts, before filtering and throttling. */
final class AlertRules {
    private final EventAlerts events;
    private final StreamWatch streams;
    private final RecorderWatch recorders;
    private final KillSwitchWatch killSwitch = new KillSwitchWatch();
    private final NodeWatch nodes;

    /** Rules for the node {@code self}, started at {@code startedAt} (wall clock). */
    AlertRules(AlertsConfig config, String self, long startedAt) {
        this.events = new EventAlerts(config.maxSignalAgeMillis());
        this.streams = new StreamWatch(config.staleStreamMillis());
        this.recorders = new RecorderWatch(config.recorderBacklogCandles());
        this.nodes = new NodeWatch(config.nodeSilentMillis(), self, startedAt);
    }

    /** A signal, judged for age by {@code marketNow} (the market clock). */
    List<Alert> onSignal(Signal s, long marketNow) {
        return events.signal(s, marketNow).map(List::of).orElse(List.of());
    }

    List<Alert> onOrder(OrderEvent e) {
        return events.order(e).map(List::of).orElse(List.of());
    }

    /** A heartbeat that arrived at {@code wallNow}. */
    List<Alert> onHeartbeat(Heartbeat hb, long wallNow) {
        List<Alert> alerts = new ArrayList<>(nodes.onHeartbeat(hb, wallNow));
        alerts.addAll(streams.onHeartbeat(hb));
        alerts.addAll(recorders.onHeartbeat(hb));
        alerts.addAll(killSwitch.onHeartbeat(hb));
        return alerts;
    }

    /** The passage of time: nodes that went silent. */
    List<Alert> tick(long wallNow) {
        List<String> left = new ArrayList<>();
        List<Alert> alerts = nodes.expire(wallNow, left);
        for (String node : left) {
            streams.forgetNode(node);
            recorders.forgetNode(node);
            killSwitch.forgetNode(node);
        }
        return alerts;
    }

    int nodesPresent() {
        return nodes.present();
    }
}
