package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.NodeInfo;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact summary of {@code GET /status}, the nodes it lists and the per-instrument detail. */
class StatusSummaryTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final long GONE_AFTER = 30_000;
    private static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    private static final Instrument ETH = Instrument.parse("binance:spot:ETHUSDT");

    private static StatusView view() {
        return new StatusView(new ReadinessLimits(120_000, 60_000, 1_000, GONE_AFTER));
    }

    private static NodeInfo info(String node, long startTime, long time, String... roles) {
        return new NodeInfo(node, List.of(roles), "0.1.0-SNAPSHOT", 4242, startTime, time);
    }

    private static Heartbeat feed(String node, List<StreamStatus> streams) {
        return new Heartbeat(
                node, "market.binance.spot", "live", Map.of("streams", (long) streams.size()), NOW, NOW, streams);
    }

    private static StreamStatus stream(Instrument i, StreamState state, long ago) {
        return new StreamStatus(i, state, NOW - ago, 3, 2, 1, 40, 0);
    }

    private static Candle candle(Instrument i, long openTime) {
        BigDecimal p = new BigDecimal("100");
        return new Candle(
                i,
                Interval.M1,
                openTime,
                p,
                p,
                p,
                p,
                BigDecimal.ONE,
                p,
                7,
                BigDecimal.ONE,
                p,
                true,
                CandleSource.WEBSOCKET);
    }

    private static Signal signal(Instrument i, long openTime) {
        return new Signal(
                Signal.idOf("band_cross", i, Interval.M1, openTime, Side.BUY),
                "band_cross",
                i,
                Interval.M1,
                openTime,
                Side.BUY,
                new BigDecimal("87200.5"),
                "crossed",
                openTime + 60_001);
    }

    private static OrderEvent filled(Instrument i, String position) {
        return new OrderEvent(
                "c-" + position,
                "p-" + position,
                i,
                Side.BUY,
                OrderStatus.FILLED,
                new BigDecimal("0.001"),
                new BigDecimal("0.001"),
                new BigDecimal("87200.5"),
                new BigDecimal(position),
                "paper fill",
                true,
                NOW);
    }

    @Test
    void everyNodeIsListedWithRolesUptimeAndComponentStates() {
        StatusView view = view();
        view.onNodeInfo(info("http-1", NOW - 60_000, NOW - 100, "http"), NOW);
        view.onNodeInfo(info("market-1", NOW - 5_000, NOW - 200, "market", "strategy"), NOW);
        view.onHeartbeat(feed("market-1", List.of()), NOW);
        // A node heard only through heartbeats (no announcement) is listed too, roles unknown.
        view.onHeartbeat(new Heartbeat("old-1", "recorder", "live", Map.of(), 0, NOW), NOW);

        JsonArray nodes = view.summary("http-1", NOW + 1_000).getJsonArray("nodes");

        assertThat(nodes.stream().map(n -> ((JsonObject) n).getString("node")))
                .containsExactly("http-1", "market-1", "old-1");
        JsonObject market = nodes.getJsonObject(1);
        assertThat(market.getString("state")).isEqualTo("live");
        assertThat(market.getJsonArray("roles"))
                .isEqualTo(new JsonArray().add("market").add("strategy"));
        assertThat(market.getLong("uptimeMillis")).isEqualTo(4_800);
        assertThat(market.getLong("startTime")).isEqualTo(NOW - 5_000);
        assertThat(market.getLong("pid")).isEqualTo(4242);
        assertThat(market.getString("version")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(market.getLong("silentMillis")).isEqualTo(1_000);
        assertThat(market.getJsonObject("components")).isEqualTo(new JsonObject().put("market.binance.spot", "live"));
        assertThat(nodes.getJsonObject(0).getJsonObject("components")).isEqualTo(new JsonObject());
        assertThat(nodes.getJsonObject(2).getValue("roles")).isNull();
        assertThat(nodes.getJsonObject(2).getJsonObject("components"))
                .isEqualTo(new JsonObject().put("recorder", "live"));
    }

    @Test
    void aSilentNodeIsStaleAfterFiveSecondsThenGoneAndAReportedDepartureIsGoneAtOnce() {
        StatusView view = view();
        view.onNodeInfo(info("a", NOW - 1_000, NOW, "http"), NOW);
        view.onNodeInfo(info("b", NOW - 1_000, NOW, "recorder"), NOW);

        assertThat(states(view, NOW + ReadinessLimits.STALE_AFTER_MILLIS)).containsExactly("live", "live");
        view.onNodeInfo(info("a", NOW - 1_000, NOW + 5_000, "http"), NOW + 5_000);
        assertThat(states(view, NOW + ReadinessLimits.STALE_AFTER_MILLIS + 1)).containsExactly("live", "stale");
        assertThat(states(view, NOW + GONE_AFTER + 1)).containsExactly("stale", "gone");

        view.onNodeLeft("a", NOW + GONE_AFTER + 2);
        assertThat(states(view, NOW + GONE_AFTER + 3)).containsExactly("gone", "gone");
        // Heard from again after the departure: back.
        view.onNodeInfo(info("a", NOW - 1_000, NOW + GONE_AFTER + 4, "http"), NOW + GONE_AFTER + 4);
        assertThat(states(view, NOW + GONE_AFTER + 5)).containsExactly("live", "gone");
        // Forgotten once gone for as long as gone nodes are shown.
        long forgotten = NOW + GONE_AFTER + ReadinessLimits.GONE_SHOWN_MILLIS + 1;
        view.onNodeInfo(info("a", NOW - 1_000, forgotten, "http"), forgotten);
        assertThat(states(view, forgotten)).containsExactly("live");
    }

    private static List<String> states(StatusView view, long now) {
        List<String> out = new ArrayList<>();
        view.summary("a", now).getJsonArray("nodes").forEach(n -> out.add(((JsonObject) n).getString("state")));
        return out;
    }

    @Test
    void theSummaryHasOneCompactRowPerStreamCountsAndNoCandles() {
        StatusView view = view();
        view.onHeartbeat(
                feed("m", List.of(stream(BTC, StreamState.LIVE, 1_500), stream(ETH, StreamState.BACKING_OFF, 130_000))),
                NOW);
        view.onClosedCandle(candle(BTC, NOW - 120_000));
        for (int i = 0; i < 40; i++) {
            view.onSignal(signal(BTC, NOW - 60_000L * (40 - i)));
        }
        view.onOrderEvent(filled(ETH, "0.002"));

        JsonObject summary = view.summary("h", NOW);

        assertThat(summary.getString("detail")).isEqualTo("summary");
        JsonObject streams = summary.getJsonObject("streams");
        assertThat(streams.getInteger("count")).isEqualTo(2);
        assertThat(streams.getInteger("stale")).isEqualTo(1);
        assertThat(streams.getJsonObject("byState"))
                .isEqualTo(new JsonObject().put("live", 1).put("backing-off", 1));
        assertThat(streams.getJsonArray("fields")).isEqualTo(new JsonArray(StreamRow.COMPACT_FIELDS));
        assertThat(streams.getJsonArray("rows"))
                .isEqualTo(new JsonArray()
                        .add(new JsonArray()
                                .add(BTC.key())
                                .add("live")
                                .add(1_500L)
                                .add(false)
                                .add(3L)
                                .add(2L)
                                .add(1L)
                                .addNull())
                        .add(new JsonArray()
                                .add(ETH.key())
                                .add("backing-off")
                                .add(130_000L)
                                .add(true)
                                .add(3L)
                                .add(2L)
                                .add(1L)
                                .addNull()));
        assertThat(summary.containsKey("instruments")).isFalse();
        assertThat(summary.getInteger("instrumentCount")).isEqualTo(1);
        assertThat(summary.getLong("signalCount")).isEqualTo(40);
        assertThat(summary.getJsonArray("signals")).hasSize(StatusView.SUMMARY_RECENT);
        assertThat(summary.getJsonArray("signals").getJsonObject(0).getLong("openTime"))
                .isEqualTo(NOW - 60_000);
        assertThat(summary.getLong("orderCount")).isEqualTo(1);
        assertThat(summary.getJsonObject("positions")).isEqualTo(new JsonObject().put(ETH.key(), "0.002"));
        assertThat(summary.getJsonObject("readiness").getString("status")).isEqualTo("DOWN");
        assertThat(summary.getJsonObject("readiness").getString("reason")).contains(ETH.key());
        assertThat(summary.getJsonArray("components").getJsonObject(0).containsKey("counters"))
                .isFalse();
        // The full body keeps everything the summary leaves out.
        JsonObject full = view.toJson("h", NOW);
        assertThat(full.getString("detail")).isEqualTo("full");
        assertThat(full.getJsonObject("streams").getJsonObject(BTC.key()).getLong("restWeightUsed"))
                .isEqualTo(40);
        assertThat(full.getJsonObject("instruments").getJsonObject(BTC.key()).getJsonObject("1m"))
                .isNotNull();
        assertThat(full.getJsonArray("signals")).hasSize(40);
        assertThat(full.getJsonArray("nodes")).hasSize(1);
    }

    @Test
    void theSummaryGrowsByAShortRowPerStream() {
        StatusView view = view();
        List<StreamStatus> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(stream(Instrument.parse("binance:spot:SYM" + i + "USDT"), StreamState.LIVE, 100));
        }
        view.onHeartbeat(feed("m", many), NOW);
        for (StreamStatus s : many) {
            view.onClosedCandle(candle(s.instrument(), NOW - 120_000));
        }
        int summary = view.summary("h", NOW).toBuffer().length();
        int full = view.toJson("h", NOW).toBuffer().length();
        assertThat(summary).isLessThan(100 * 120);
        assertThat(full).isGreaterThan(3 * summary);
    }

    @Test
    void oneInstrumentsDetailHasItsStreamCandlesSignalsOrdersAndPosition() {
        StatusView view = view();
        view.onHeartbeat(
                feed("m", List.of(stream(BTC, StreamState.LIVE, 1_500), stream(ETH, StreamState.LIVE, 10))), NOW);
        view.onClosedCandle(candle(BTC, NOW - 120_000));
        view.onSignal(signal(BTC, NOW - 120_000));
        view.onSignal(signal(ETH, NOW - 120_000));
        view.onOrderEvent(filled(BTC, "0.001"));

        JsonObject btc = view.instrument(BTC.key(), NOW);

        assertThat(btc.getString("instrument")).isEqualTo(BTC.key());
        assertThat(btc.getJsonObject("stream").getString("state")).isEqualTo("live");
        assertThat(btc.getJsonObject("stream").getLong("lastMessageAgeMillis")).isEqualTo(1_500);
        assertThat(btc.getJsonObject("intervals").getJsonObject("1m").getJsonObject("lastClosedCandle"))
                .isNotNull();
        assertThat(btc.getJsonArray("signals")).hasSize(1);
        assertThat(btc.getJsonArray("orders")).hasSize(1);
        assertThat(btc.getString("position")).isEqualTo("0.001");
        assertThat(view.instrument(ETH.key(), NOW).getValue("position")).isNull();
        assertThat(view.instrument("binance:spot:NOPEUSDT", NOW)).isNull();
    }
}
