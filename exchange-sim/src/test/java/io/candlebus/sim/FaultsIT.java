package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.faults.Faults;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FaultsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private Vertx vertx;
    private ExchangeSimulator sim;

    @BeforeEach
    void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(600).withHistoryMinutes(30)));
    }

    @AfterEach
    void stop() {
        await(sim.close());
    }

    private WsProbe bithumb() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.bithumbWsUrl()));
        probe.send("[{\"ticket\":\"f\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]}]");
        vertx.setPeriodic(50, id -> {
            if (probe.closed) {
                vertx.cancelTimer(id);
            } else {
                probe.send("PING");
            }
        });
        return probe;
    }

    @Test
    void dropConnectionsClosesEveryWebsocket() {
        WsProbe binance = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/btcusdt@kline_1m"));
        WsProbe bithumb = bithumb();
        await().atMost(DEADLINE).until(() -> await(sim.faults().openConnections())[1] == 1);
        assertThat(await(sim.faults().openConnections())).containsExactly(1, 1);
        await(sim.faults().dropConnections());
        await().atMost(DEADLINE).until(() -> binance.closed && bithumb.closed);
        assertThat(await(sim.faults().openConnections())).containsExactly(0, 0);
    }

    @Test
    void garbageFramesReachBothVenues() {
        WsProbe binance = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.COINM) + "/ws"));
        WsProbe bithumb = bithumb();
        await().atMost(DEADLINE).until(() -> await(sim.faults().openConnections())[1] == 1);
        await(sim.faults().sendGarbageFrame());
        await().atMost(DEADLINE)
                .until(() -> binance.texts.contains(Faults.GARBAGE) && bithumb.binaries.contains(Faults.GARBAGE));
    }

    @Test
    void aStallSendsNothingAndReplaysNothing() {
        WsProbe binance = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/btcusdt@kline_1m"));
        await().atMost(DEADLINE).until(() -> !binance.texts.isEmpty());
        long stallStart = sim.clock().millis();
        await(sim.faults().stallStreams(180_000L));
        long stallBegun = sim.clock().millis();
        long stallEnd = stallStart + 180_000L;
        await().atMost(DEADLINE).until(() -> binance.texts.stream()
                .map(Json::parse)
                .anyMatch(e -> e.get("k").get("x").asBoolean() && e.get("E").asLong() > stallEnd));
        List<JsonNode> events = binance.texts.stream().map(Json::parse).toList();
        long sentDuringStall = events.stream()
                .filter(e -> e.get("E").asLong() > stallBegun && e.get("E").asLong() < stallEnd)
                .count();
        assertThat(sentDuringStall).isZero();
        List<Long> finals = events.stream()
                .filter(e -> e.get("k").get("x").asBoolean())
                .map(e -> e.get("k").get("t").asLong())
                .toList();
        assertThat(finals).doesNotContain((stallStart / 60_000L + 1) * 60_000L);
    }

    @Test
    void aStalledLinkWithholdsGarbageFramesAndSnapshotsToo() {
        WsProbe binance = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.COINM) + "/ws"));
        WsProbe bithumb = bithumb();
        await().atMost(DEADLINE).until(() -> await(sim.faults().openConnections())[1] == 1);
        long stallEnd = sim.clock().millis() + 1_200_000L;
        await(sim.faults().stallStreams(1_200_000L));
        await(sim.faults().sendGarbageFrame());
        // Subscribing during the stall: Bithumb's snapshot of the last trade is withheld as well.
        WsProbe late = bithumb();

        await().atMost(DEADLINE)
                .until(() -> sim.clock().millis() > stallEnd
                        && late.binaryJson().stream().anyMatch(m -> "REALTIME".equals(m.getString("stream_type"))));
        assertThat(binance.texts).doesNotContain(Faults.GARBAGE);
        assertThat(bithumb.binaries).doesNotContain(Faults.GARBAGE);
        assertThat(late.binaryJson()).noneMatch(m -> "SNAPSHOT".equals(m.getString("stream_type")));
    }

    @Test
    void serverShutdownWarnsSpotClientsThenCloses() {
        WsProbe spot =
                await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/stream?streams=btcusdt@kline_1m"));
        await().atMost(DEADLINE).until(() -> await(sim.faults().openConnections())[0] == 1);
        await(sim.faults().serverShutdown(5_000L));
        await().atMost(DEADLINE).until(() -> spot.closed);
        assertThat(spot.texts)
                .anyMatch(t -> t.startsWith("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\""));
    }
}
