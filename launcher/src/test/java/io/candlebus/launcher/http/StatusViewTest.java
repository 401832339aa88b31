package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static final long NOW = 1_767_225_600_000L;

    private static Heartbeat hb(String component, long streams, long lastEventAgo) {
        return new Heartbeat(
                "n1", component, "live", Map.of("streams", streams), lastEventAgo < 0 ? 0 : NOW - lastEventAgo, NOW);
    }

    @Test
    void aFeedWithoutMarketDataForTwoMinutesIsStaleAndOthersAreNot() {
        StatusView view = new StatusView();
        view.onHeartbeat(hb("market.bithumb", 2, StatusView.STALE_DATA_MILLIS + 1), NOW);
        view.onHeartbeat(hb("market.binance.spot", 2, StatusView.STALE_DATA_MILLIS), NOW);
        view.onHeartbeat(hb("market.binance.coinm", 0, 10 * StatusView.STALE_DATA_MILLIS), NOW);
        view.onHeartbeat(hb("market.binance.usdm", 1, -1), NOW);
        view.onHeartbeat(hb("strategy", 5, 10 * StatusView.STALE_DATA_MILLIS), NOW);

        assertThat(view.staleData()).containsExactly("n1/market.bithumb");
        assertThat(view.allFresh(NOW)).isTrue();
        assertThat(view.toJson("n1", NOW)
                        .getJsonArray("components")
                        .getJsonObject(1)
                        .getLong("dataAgeMillis"))
                .isEqualTo(StatusView.STALE_DATA_MILLIS);
    }

    @Test
    void aComponentWhoseHeartbeatStoppedMakesTheNodeNotFresh() {
        StatusView view = new StatusView();
        view.onHeartbeat(hb("recorder", 0, 0), NOW);

        assertThat(view.allFresh(NOW + StatusView.STALE_AFTER_MILLIS)).isTrue();
        assertThat(view.allFresh(NOW + StatusView.STALE_AFTER_MILLIS + 1)).isFalse();
        assertThat(view.toJson("n1", NOW + StatusView.STALE_AFTER_MILLIS + 1)
                        .getJsonArray("components")
                        .getJsonObject(0)
                        .getString("state"))
                .isEqualTo("stale");
    }
}
