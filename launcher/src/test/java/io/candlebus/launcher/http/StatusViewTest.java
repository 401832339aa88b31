package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final long THRESHOLD = StatusView.DEFAULT_STALE_STREAM_MILLIS;
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument ETH = Instrument.parse("binance:spot:ETHUSDT");
    private static final Instrument KRW = Instrument.parse("bithumb:spot:KRW-BTC");

    private static Heartbeat hb(String component, long streams, long lastEventAgo) {
        return new Heartbeat(
                "n1", component, "live", Map.of("streams", streams), lastEventAgo < 0 ? 0 : NOW - lastEventAgo, NOW);
    }

    private static Heartbeat feed(String component, StreamStatus... streams) {
        return new Heartbeat(
                "n1", component, "live", Map.of("streams", (long) streams.length), NOW, NOW, List.of(streams));
    }

    /** A stream whose last message is {@code ago} ms old by the feed's clock, never if negative. */
    private static StreamStatus stream(Instrument i, StreamState state, long ago) {
        return new StreamStatus(i, state, ago < 0 ? 0 : NOW - ago, 3, 2, 1, 40, 0);
    }

    @Test
    void aFeedThatReportsNoStreamsIsJudgedByItsLastEvent() {
        StatusView view = new StatusView(THRESHOLD);
        view.onHeartbeat(hb("market.bithumb", 2, THRESHOLD + 1), NOW);
        view.onHeartbeat(hb("market.binance.spot", 2, THRESHOLD), NOW);
        view.onHeartbeat(hb("market.binance.coinm", 0, 10 * THRESHOLD), NOW);
        view.onHeartbeat(hb("market.binance.usdm", 1, -1), NOW);
        view.onHeartbeat(hb("strategy", 5, 10 * THRESHOLD), NOW);

        assertThat(view.staleStreams()).containsExactly(new StaleStream("n1", "market.bithumb", null, THRESHOLD + 1));
        assertThat(view.staleHeartbeats(NOW)).isEmpty();
        assertThat(view.toJson("n1", NOW)
                        .getJsonArray("components")
                        .getJsonObject(1)
                        .getLong("dataAgeMillis"))
                .isEqualTo(THRESHOLD);
    }

    @Test
    void aComponentWhoseHeartbeatStoppedMakesTheNodeNotReady() {
        StatusView view = new StatusView(THRESHOLD);
        view.onHeartbeat(hb("recorder", 0, 0), NOW);

        assertThat(view.readiness(NOW + StatusView.STALE_AFTER_MILLIS).getString("status"))
                .isEqualTo("UP");
        JsonObject down = view.readiness(NOW + StatusView.STALE_AFTER_MILLIS + 1);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getJsonArray("staleHeartbeats")).isEqualTo(new JsonArray().add("n1/recorder"));
        assertThat(view.toJson("n1", NOW + StatusView.STALE_AFTER_MILLIS + 1)
                        .getJsonArray("components")
                        .getJsonObject(0)
                        .getString("state"))
                .isEqualTo("stale");
    }

    @Test
    void statusShowsEveryStreamWithItsStateAgeAndCounters() {
        StatusView view = new StatusView(THRESHOLD);
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.LIVE, 1_500),
                        new StreamStatus(ETH, StreamState.BACKING_OFF, 0, 0, 0, 0, 1_200, NOW + 60_000)),
                NOW);
        view.onHeartbeat(feed("market.bithumb", stream(KRW, StreamState.RECOVERING, THRESHOLD + 5)), NOW);

        JsonObject streams = view.toJson("n1", NOW).getJsonObject("streams");

        assertThat(streams.fieldNames()).containsExactlyInAnyOrder(BTC.key(), ETH.key(), KRW.key());
        assertThat(streams.getJsonObject(BTC.key()))
                .isEqualTo(new JsonObject()
                        .put("node", "n1")
                        .put("component", "market.binance.spot")
                        .put("state", "live")
                        .put("lastMessageAgeMillis", 1_500L)
                        .put("stale", false)
                        .put("reconnects", 3L)
                        .put("gapsFilled", 2L)
                        .put("openGaps", 1L)
                        .put("restWeightUsed", 40L)
                        .put("bannedUntil", null));
        JsonObject eth = streams.getJsonObject(ETH.key());
        assertThat(eth.getString("state")).isEqualTo("backing-off");
        assertThat(eth.getValue("lastMessageAgeMillis")).isNull();
        assertThat(eth.getString("bannedUntil")).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(streams.getJsonObject(KRW.key()).getBoolean("stale")).isTrue();
    }

    @Test
    void aStreamOlderThanTheThresholdMakesTheNodeNotReadyAndIsNamed() {
        StatusView view = new StatusView(30_000);
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.LIVE, 30_000),
                        stream(ETH, StreamState.CONNECTING, -1)),
                NOW);
        assertThat(view.readiness(NOW).getString("status"))
                .as("at the threshold, and never heard from, are not stale")
                .isEqualTo("UP");

        view.onHeartbeat(
                feed("market.binance.spot", stream(BTC, StreamState.LIVE, 30_001), stream(ETH, StreamState.LIVE, 10)),
                NOW);
        JsonObject down = view.readiness(NOW);

        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getString("reason"))
                .isEqualTo("no market data for over 30000 ms on [binance:spot:BTCUSDT (30001 ms)]");
        assertThat(down.getJsonArray("staleStreams"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("node", "n1")
                                .put("component", "market.binance.spot")
                                .put("instrument", BTC.key())
                                .put("ageMillis", 30_001L)));

        view.onHeartbeat(feed("market.binance.spot", stream(BTC, StreamState.LIVE, 0)), NOW);
        assertThat(view.readiness(NOW).getString("status")).isEqualTo("UP");
    }

    @Test
    void aBannedStreamWithFreshDataIsListedButTheNodeStaysReady() {
        StatusView view = new StatusView(THRESHOLD);
        view.onHeartbeat(
                feed("market.binance.spot", new StreamStatus(BTC, StreamState.BANNED, NOW - 100, 0, 0, 0, 0, NOW + 1)),
                NOW);

        JsonObject ready = view.readiness(NOW);

        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonArray("bannedStreams").getJsonObject(0))
                .isEqualTo(
                        new JsonObject().put("instrument", BTC.key()).put("bannedUntil", "2026-01-01T00:00:00.001Z"));
    }

    @Test
    void aStreamTheFeedNoLongerReportsLeavesTheStatus() {
        StatusView view = new StatusView(THRESHOLD);
        view.onHeartbeat(
                feed("market.binance.spot", stream(BTC, StreamState.LIVE, 0), stream(ETH, StreamState.LIVE, 0)), NOW);
        view.onHeartbeat(feed("market.binance.spot", stream(BTC, StreamState.LIVE, 0)), NOW);

        assertThat(view.toJson("n1", NOW).getJsonObject("streams").fieldNames()).containsExactly(BTC.key());
    }
}
