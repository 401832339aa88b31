package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamMetersTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument ETH = Instrument.parse("binance:spot:ETHUSDT");

    private static Heartbeat feed(StreamStatus... streams) {
        return new Heartbeat("n1", "market.binance.spot", "live", Map.of(), NOW, NOW, List.of(streams));
    }

    @Test
    void exportsEachStreamsAgeStateAndCountersAndDropsAStreamNoLongerFollowed() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamMeters meters = new StreamMeters(registry);

        meters.onHeartbeat(feed(
                new StreamStatus(BTC, StreamState.RECOVERING, NOW - 2_500, 4, 3, 1, 120, 0),
                new StreamStatus(ETH, StreamState.CONNECTING, 0, 0, 0, 0, 0, 0)));
        String scrape = registry.scrape();

        String btc = "instrument=\"binance:spot:BTCUSDT\",node=\"n1\"";
        assertThat(scrape)
                .contains("candlebus_stream_age_seconds{" + btc + "} 2.5")
                .contains("candlebus_stream_state{" + btc + ",state=\"recovering\"} 1")
                .contains("candlebus_stream_state{" + btc + ",state=\"live\"} 0")
                .contains("candlebus_stream_reconnects_total{" + btc + "} 4")
                .contains("candlebus_stream_gaps_filled_total{" + btc + "} 3")
                .contains("candlebus_stream_open_gaps{" + btc + "} 1")
                .contains("candlebus_stream_rest_weight_used{" + btc + "} 120")
                .contains("candlebus_stream_age_seconds{instrument=\"binance:spot:ETHUSDT\",node=\"n1\"} NaN");

        meters.onHeartbeat(feed(new StreamStatus(BTC, StreamState.LIVE, NOW, 5, 3, 0, 130, 0)));
        scrape = registry.scrape();

        assertThat(scrape)
                .contains("candlebus_stream_state{" + btc + ",state=\"live\"} 1")
                .contains("candlebus_stream_reconnects_total{" + btc + "} 5")
                .doesNotContain("ETHUSDT");
    }
}
