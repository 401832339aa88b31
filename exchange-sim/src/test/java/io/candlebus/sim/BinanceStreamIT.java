package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BinanceStreamIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static Vertx vertx;
    private static ExchangeSimulator sim;

    @BeforeAll
    static void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(600)));
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static List<JsonNode> events(WsProbe probe) {
        return probe.texts.stream().map(Json::parse).toList();
    }

    private static Optional<JsonNode> firstFinal(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("k").path("x").asBoolean()).findFirst();
    }

    private static void assertKlineEqualsTruth(JsonNode event, Instrument instrument) {
        JsonNode k = event.get("k");
        Candle truth = SimTesting.truthAt(sim, instrument, k.get("t").asLong());
        assertThat(truth).as("truth candle at %s", k.get("t")).isNotNull();
        assertThat(event.get("e").asText()).isEqualTo("kline");
        assertThat(event.get("E").asLong()).isGreaterThan(k.get("T").asLong());
        assertThat(event.get("s").asText()).isEqualTo(instrument.symbol());
        assertThat(k.get("T").asLong()).isEqualTo(truth.closeTime());
        assertThat(k.get("i").asText()).isEqualTo("1m");
        assertThat(Json.decimal(k.get("o"))).isEqualByComparingTo(truth.open());
        assertThat(Json.decimal(k.get("h"))).isEqualByComparingTo(truth.high());
        assertThat(Json.decimal(k.get("l"))).isEqualByComparingTo(truth.low());
        assertThat(Json.decimal(k.get("c"))).isEqualByComparingTo(truth.close());
        assertThat(Json.decimal(k.get("v"))).isEqualByComparingTo(truth.volume());
        assertThat(Json.decimal(k.get("q"))).isEqualByComparingTo(truth.quoteVolume());
        assertThat(Json.decimal(k.get("V"))).isEqualByComparingTo(truth.takerBuyBaseVolume());
        assertThat(Json.decimal(k.get("Q"))).isEqualByComparingTo(truth.takerBuyQuoteVolume());
        assertThat(k.get("n").asLong()).isEqualTo(truth.tradeCount());
        if (truth.tradeCount() > 0) {
            assertThat(k.get("L").asLong() - k.get("f").asLong() + 1).isEqualTo(truth.tradeCount());
        }
    }

    @Test
    void rawSpotStreamEndsEachKlineWithAFinalUpdateEqualToTruth() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/btcusdt@kline_1m"));
        await().atMost(DEADLINE).until(() -> firstFinal(events(probe)).isPresent());
        List<JsonNode> events = events(probe);
        JsonNode fin = firstFinal(events).orElseThrow();
        assertKlineEqualsTruth(fin, SimTesting.SPOT_BTC);
        int index = events.indexOf(fin);
        long openTime = fin.get("k").get("t").asLong();
        for (JsonNode e : events.subList(0, index)) {
            assertThat(e.get("k").get("t").asLong()).isEqualTo(openTime);
            assertThat(e.get("k").get("x").asBoolean()).isFalse();
        }
        await().atMost(DEADLINE).until(() -> probe.texts.size() > index + 1);
        assertThat(Json.parse(probe.texts.get(index + 1)).get("k").get("t").asLong())
                .isEqualTo(openTime + 60_000L);
        await(probe.close());
    }

    @Test
    void combinedStreamWrapsEventsWithTheStreamName() {
        WsProbe probe = await(WsProbe.connect(
                vertx, sim.binanceWsUrl(Market.SPOT) + "/stream?streams=btcusdt@kline_1m/ethusdt@kline_1m"));
        await().atMost(DEADLINE)
                .until(() -> events(probe).stream()
                                .filter(e -> e.path("data").path("k").path("x").asBoolean())
                                .map(e -> e.get("stream").asText())
                                .distinct()
                                .count()
                        == 2);
        JsonNode eth = events(probe).stream()
                .filter(e -> e.get("stream").asText().equals("ethusdt@kline_1m"))
                .filter(e -> e.get("data").get("k").get("x").asBoolean())
                .findFirst()
                .orElseThrow();
        assertKlineEqualsTruth(eth.get("data"), SimTesting.SPOT_ETH);
        await(probe.close());
    }

    @Test
    void coinmFinalKlineCarriesContractsAndBaseVolume() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.COINM) + "/ws/btcusd_perp@kline_1m"));
        await().atMost(DEADLINE).until(() -> firstFinal(events(probe)).isPresent());
        assertKlineEqualsTruth(firstFinal(events(probe)).orElseThrow(), SimTesting.COINM_BTC);
        await(probe.close());
    }

    @Test
    void usdmDeliversUnderMarketButTheBarePathStaysSilent() {
        WsProbe market = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.USDM) + "/ws/btcusdt@kline_1m"));
        WsProbe bare = await(WsProbe.connect(vertx, "ws://127.0.0.1:" + sim.port() + "/binance/usdm/ws"));
        bare.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_1m\"],\"id\":7}");
        await().atMost(DEADLINE)
                .until(() -> events(market).stream()
                                .filter(e -> e.get("k").get("x").asBoolean())
                                .count()
                        >= 2);
        assertKlineEqualsTruth(firstFinal(events(market)).orElseThrow(), SimTesting.USDM_BTC);
        assertThat(bare.texts).containsExactly("{\"result\":null,\"id\":7}");
        await(market.close());
        await(bare.close());
    }

    @Test
    void controlMessagesGetBinanceReplies() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws"));
        probe.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@kline_1m\",\"ethusdt@kline_1m\"],\"id\":1}");
        probe.send("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\"],\"id\":\"abc2\"}");
        probe.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
        probe.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"nope\",true],\"id\":4}");
        probe.send("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":5}");
        await().atMost(DEADLINE)
                .until(() -> probe.textJson().stream()
                                .filter(j -> j.containsKey("id"))
                                .count()
                        == 5);
        List<String> replies =
                probe.texts.stream().filter(t -> t.contains("\"id\"")).toList();
        assertThat(replies)
                .containsExactly(
                        "{\"result\":null,\"id\":1}",
                        "{\"result\":null,\"id\":\"abc2\"}",
                        "{\"result\":[\"btcusdt@kline_1m\"],\"id\":3}",
                        "{\"error\":{\"code\":0,\"msg\":\"Unknown property\"},\"id\":4}",
                        "{\"result\":false,\"id\":5}");
        await().atMost(DEADLINE).until(() -> probe.texts.stream().anyMatch(t -> t.contains("\"e\":\"kline\"")));
        assertThat(probe.texts.stream().filter(t -> t.contains("\"e\":\"kline\"")))
                .allMatch(t -> t.contains("\"s\":\"BTCUSDT\""));
        await(probe.close());
    }

    @Test
    void invalidJsonAndFuturesStringIdsAreRefused() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.USDM) + "/ws"));
        probe.send("{not json");
        probe.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"x1\"}");
        await().atMost(DEADLINE).until(() -> probe.texts.size() == 2);
        assertThat(Json.parse(probe.texts.get(0)).path("error").get("code").asInt())
                .isEqualTo(3);
        assertThat(Json.parse(probe.texts.get(1)).path("error").get("code").asInt())
                .isEqualTo(2);
        await(probe.close());
    }

    @Test
    void tooManyMessagesCloseTheConnection() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws"));
        // The cap is counted over at least 100 ms of real time: a burst of 400 arrives well within it.
        for (int i = 0; i < 400; i++) {
            probe.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        await().atMost(DEADLINE).until(() -> probe.closed);
        assertThat(probe.texts.size()).isLessThan(400);
    }

    @Test
    void serverPingsAreAnsweredAndKeepTheConnectionOpen() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/ethusdt@kline_1m"));
        long openedAt = sim.clock().millis();
        await().atMost(DEADLINE).until(() -> sim.clock().millis() > openedAt + 150_000L);
        assertThat(probe.pings.get()).isGreaterThanOrEqualTo(5);
        assertThat(probe.closed)
                .as("closed with %s %s", probe.closeCode, probe.closeReason)
                .isFalse();
        await(probe.close());
    }

    @Test
    void unknownPathsAreRejected() {
        assertThat(WsProbe.connect(vertx, "ws://127.0.0.1:" + sim.port() + "/binance/spot/nope")
                        .toCompletionStage()
                        .toCompletableFuture())
                .failsWithin(DEADLINE);
    }
}
