package io.candlebus.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeWatchTest {
    private static Heartbeat hb(String node, String component) {
        return new Heartbeat(node, component, "live", Map.of(), 0, 0);
    }

    @Test
    void nodesAlreadyThereWhenTheWatchStartsAreTheBaselineNotNews() {
        NodeWatch w = new NodeWatch(5000, "self", 1000);
        assertThat(w.onHeartbeat(hb("rec-1", "recorder"), 1000)).isEmpty();
        assertThat(w.onHeartbeat(hb("rec-2", "recorder"), 5999)).isEmpty();
        assertThat(w.present()).isEqualTo(2);
        assertThat(w.onHeartbeat(hb("rec-3", "recorder"), 6000))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.NODE_JOINED);
        // A baseline node that goes silent has still left.
        w.onHeartbeat(hb("rec-2", "recorder"), 9000);
        w.onHeartbeat(hb("rec-3", "recorder"), 9000);
        List<String> left = new ArrayList<>();
        assertThat(w.expire(9000, left)).extracting(Alert::subject).containsExactly("rec-1");
    }

    @Test
    void joinsOnceLeavesAfterSilenceAndJoinsAgain() {
        NodeWatch w = new NodeWatch(5000, "self", -5000);
        assertThat(w.onHeartbeat(hb("self", "alerts"), 0)).isEmpty();
        assertThat(w.onHeartbeat(hb("rec-1", "recorder"), 0)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.NODE_JOINED);
            assertThat(a.subject()).isEqualTo("rec-1");
        });
        assertThat(w.onHeartbeat(hb("rec-1", "recorder"), 1000)).isEmpty();
        assertThat(w.onHeartbeat(hb("self", "alerts"), 7000)).isEmpty();

        List<String> left = new ArrayList<>();
        assertThat(w.expire(6000, left)).isEmpty();
        List<Alert> gone = w.expire(6001, left);
        assertThat(gone).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.NODE_LEFT);
            assertThat(a.subject()).isEqualTo("rec-1");
            assertThat(a.detail()).contains("it ran recorder");
        });
        assertThat(left).containsExactly("rec-1");
        assertThat(w.present()).isEqualTo(1);

        assertThat(w.onHeartbeat(hb("rec-1", "recorder"), 8000))
                .extracting(Alert::kind)
                .containsExactly(AlertKind.NODE_JOINED);
    }
}
