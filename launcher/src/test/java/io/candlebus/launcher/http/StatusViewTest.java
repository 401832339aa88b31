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
        JsonObject starting = view.readiness(NOW);
        assertThat(starting.getJsonArray("staleStreams"))
                .as("at the threshold, and never heard from, are not stale")
                .isEmpty();
        assertThat(starting.getString("status"))
                .as("a stream that has delivered nothing makes the node not ready")
                .isEqualTo("DOWN");
        assertThat(starting.getString("reason")).isEqualTo("waiting for the first data on [n1/" + ETH.key() + "]");

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
    void aStreamTheVenueDoesNotListIsNamedButDoesNotHoldTheNodeBackPastTheGrace() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.LIVE, 100),
                        new StreamStatus(ETH, StreamState.UNKNOWN, 0, 0, 0, 0, 0, 0)),
                NOW);
        // Past the grace, still reporting; the feed's clock stands still, so BTC's data stays fresh.
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.LIVE, 100),
                        new StreamStatus(ETH, StreamState.UNKNOWN, 0, 0, 0, 0, 0, 0)),
                NOW + 60_001);

        JsonObject ready = view.readiness(NOW + 60_001);

        assertThat(ready.getString("status")).as(ready.encode()).isEqualTo("UP");
        assertThat(ready.getJsonArray("neverDelivered")).isEmpty();
        assertThat(ready.getJsonArray("unknownStreams").getJsonObject(0).getString("instrument"))
                .isEqualTo(ETH.key());
    }

    @Test
    void aStreamTheFeedNoLongerReportsLeavesTheStatus() {
        StatusView view = new StatusView(THRESHOLD);
        view.onHeartbeat(
                feed("market.binance.spot", stream(BTC, StreamState.LIVE, 0), stream(ETH, StreamState.LIVE, 0)), NOW);
        view.onHeartbeat(feed("market.binance.spot", stream(BTC, StreamState.LIVE, 0)), NOW);

        assertThat(view.toJson("n1", NOW).getJsonObject("streams").fieldNames()).containsExactly(BTC.key());
    }

    private static final ReadinessLimits LIMITS = new ReadinessLimits(THRESHOLD, 60_000, 1_000, 30_000);

    @Test
    void aStreamThatNeverDeliveredIsAwaitedDuringTheGraceAndNamedAfterIt() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.BACKING_OFF, -1),
                        stream(ETH, StreamState.LIVE, 1_000)),
                NOW);
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.BACKING_OFF, -1),
                        stream(ETH, StreamState.LIVE, 1_000)),
                NOW + 60_000);

        JsonObject starting = view.readiness(NOW + 60_000);
        assertThat(starting.getString("status")).isEqualTo("DOWN");
        assertThat(starting.getJsonArray("neverDelivered")).isEmpty();
        assertThat(starting.getJsonArray("awaitingFirstData").getJsonObject(0).getString("instrument"))
                .isEqualTo(BTC.key());

        // Still reporting, still nothing: past the grace it is named as never delivered.
        view.onHeartbeat(
                feed(
                        "market.binance.spot",
                        stream(BTC, StreamState.BACKING_OFF, -1),
                        stream(ETH, StreamState.LIVE, 1_000)),
                NOW + 60_001);
        JsonObject down = view.readiness(NOW + 60_001);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getJsonArray("awaitingFirstData")).isEmpty();
        assertThat(down.getJsonArray("neverDelivered"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("node", "n1")
                                .put("component", "market.binance.spot")
                                .put("instrument", BTC.key())
                                .put("waitingMillis", 60_001L)));
        assertThat(down.getString("reason"))
                .isEqualTo("no data ever within the start-up grace of 60000 ms on [n1/" + BTC.key() + "]");

        view.onHeartbeat(
                feed("market.binance.spot", stream(BTC, StreamState.LIVE, 5), stream(ETH, StreamState.LIVE, 5)),
                NOW + 60_002);
        assertThat(view.readiness(NOW + 60_002).getString("status")).isEqualTo("UP");
    }

    @Test
    void aStreamAddedLaterGetsItsOwnGrace() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(feed("market.binance.spot", stream(BTC, StreamState.LIVE, 5)), NOW);
        view.onHeartbeat(
                feed("market.binance.spot", stream(BTC, StreamState.LIVE, 5), stream(ETH, StreamState.CONNECTING, -1)),
                NOW + 100_000);

        JsonObject ready = view.readiness(NOW + 100_000);
        assertThat(ready.getJsonArray("awaitingFirstData").getJsonObject(0).getLong("waitingMillis"))
                .isZero();
        assertThat(ready.getJsonArray("neverDelivered")).isEmpty();
    }

    @Test
    void aRecorderThatCannotWriteMakesTheNodeNotReadyUntilAWriteSucceeds() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(
                new Heartbeat("n2", "recorder", "failing", Map.of("failingWrites", 7L, "written", 0L), 0, NOW), NOW);

        JsonObject down = view.readiness(NOW);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getString("reason"))
                .isEqualTo("a recorder cannot write: [n2/recorder (7 failed writes in a row)]");
        assertThat(down.getJsonArray("failingRecorders"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("node", "n2")
                                .put("component", "recorder")
                                .put("failingWrites", 7L)));
        assertThat(view.toJson("n1", NOW)
                        .getJsonArray("components")
                        .getJsonObject(0)
                        .getString("state"))
                .isEqualTo("failing");

        view.onHeartbeat(
                new Heartbeat("n2", "recorder", "live", Map.of("failingWrites", 0L, "written", 9L), NOW, NOW), NOW);
        assertThat(view.readiness(NOW).getString("status")).isEqualTo("UP");
    }

    @Test
    void moreUnacknowledgedCandlesThanTheLimitMakeTheNodeNotReady() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(
                new Heartbeat("n1", "market.aggregator", "live", Map.of("recorderPending", 1_000L), NOW, NOW), NOW);
        assertThat(view.readiness(NOW).getString("status")).isEqualTo("UP");

        view.onHeartbeat(
                new Heartbeat("n1", "market.aggregator", "live", Map.of("recorderPending", 1_001L), NOW, NOW), NOW);
        JsonObject down = view.readiness(NOW);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getString("reason"))
                .isEqualTo(
                        "more than 1000 closed candles unacknowledged by a recorder on [n1/market.aggregator (1001)]");
        assertThat(down.getJsonArray("recorderBacklog").getJsonObject(0).getLong("unacknowledged"))
                .isEqualTo(1_001L);
    }

    @Test
    void aComponentSilentPastTheBoundIsGoneAndFailsReadinessOnlyIfNoneOfItsKindIsLeft() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(new Heartbeat("r1", "recorder", "live", Map.of(), NOW, NOW), NOW);
        view.onHeartbeat(new Heartbeat("r2", "recorder", "live", Map.of(), NOW, NOW), NOW);
        long later = NOW + 30_001;
        view.onHeartbeat(new Heartbeat("r2", "recorder", "live", Map.of(), later, later), later);

        assertThat(view.readiness(NOW + 10_000).getJsonArray("staleHeartbeats"))
                .as("silent, not yet gone")
                .isEqualTo(new JsonArray().add("r1/recorder"));
        JsonObject ready = view.readiness(later);
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonArray("staleHeartbeats")).isEmpty();
        assertThat(ready.getJsonArray("goneComponents"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("node", "r1")
                                .put("component", "recorder")
                                .put("silentMillis", 30_001L)
                                .put("leftCluster", false)));
        JsonObject status = view.toJson("h", later);
        assertThat(status.getJsonArray("goneNodes")).isEqualTo(new JsonArray().add("r1"));
        assertThat(status.getJsonArray("components").getJsonObject(0).getString("state"))
                .isEqualTo("gone");

        // The last recorder goes too: a role nobody holds any more fails readiness, also once both are forgotten.
        long allGone = later + 30_001;
        JsonObject down = view.readiness(allGone);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getJsonArray("missingRoles")).isEqualTo(new JsonArray().add("recorder"));
        assertThat(down.getString("reason")).isEqualTo("no component left of [recorder] (every one is gone)");
        long forgotten = allGone + ReadinessLimits.GONE_SHOWN_MILLIS + 1;
        JsonObject stillDown = view.readiness(forgotten);
        assertThat(stillDown.getJsonArray("goneComponents")).isEmpty();
        assertThat(stillDown.getJsonArray("missingRoles")).isEqualTo(new JsonArray().add("recorder"));
        assertThat(view.toJson("h", forgotten).getJsonArray("components")).isEmpty();

        view.onHeartbeat(new Heartbeat("r3", "recorder", "live", Map.of(), forgotten, forgotten), forgotten);
        assertThat(view.readiness(forgotten).getString("status")).isEqualTo("UP");
    }

    @Test
    void aGoneMarketNodesStreamsNoLongerCountButItsRoleDoes() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(feed("market.binance.spot", stream(BTC, StreamState.BACKING_OFF, -1)), NOW);
        long later = NOW + 30_001;
        JsonObject down = view.readiness(later);
        assertThat(down.getJsonArray("neverDelivered")).isEmpty();
        assertThat(down.getJsonArray("missingRoles")).isEqualTo(new JsonArray().add("market.binance.spot"));
        assertThat(view.toJson("h", later).getJsonObject("streams").fieldNames())
                .isEmpty();
    }

    @Test
    void aNodeTheClusterReportsGoneIsGoneAtOnceUntilHeardFromAgain() {
        StatusView view = new StatusView(LIMITS);
        view.onHeartbeat(new Heartbeat("r1", "recorder", "live", Map.of(), NOW, NOW), NOW);
        view.onHeartbeat(new Heartbeat("r2", "recorder", "live", Map.of(), NOW, NOW), NOW);
        view.onNodeLeft("r1", NOW + 1_000);
        view.onHeartbeat(new Heartbeat("r2", "recorder", "live", Map.of(), NOW, NOW), NOW + 1_000);

        JsonObject ready = view.readiness(NOW + 1_000);
        assertThat(ready.getString("status")).isEqualTo("UP");
        assertThat(ready.getJsonArray("goneComponents"))
                .isEqualTo(new JsonArray()
                        .add(new JsonObject()
                                .put("node", "r1")
                                .put("component", "recorder")
                                .put("silentMillis", 1_000L)
                                .put("leftCluster", true)));
        assertThat(view.toJson("h", NOW + 1_000).getJsonArray("goneNodes")).isEqualTo(new JsonArray().add("r1"));

        view.onHeartbeat(new Heartbeat("r1", "recorder", "live", Map.of(), NOW, NOW), NOW + 2_000);
        assertThat(view.readiness(NOW + 2_000).getJsonArray("goneComponents")).isEmpty();
        assertThat(view.toJson("h", NOW + 2_000).getJsonArray("goneNodes")).isEmpty();
    }
}
