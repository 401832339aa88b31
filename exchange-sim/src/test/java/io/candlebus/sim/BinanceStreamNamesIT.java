package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Binance does with stream names it cannot serve, and with a pair that pushes only on change: a
 * malformed name gets the wrapped {@code invalid stream} error and the connection is closed (unless
 * configured off); a well-formed name of a stream that does not exist gets {@code result:null} and then
 * silence; a quiet pair's stream sends nothing for its minutes without trades, while REST has them all.
 */
@ExtendWith(VertxExtension.class)
class BinanceStreamNamesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Instrument QUIET = Instrument.parse("binance:spot:QUIETUSDT");

    private Vertx vertx;
    private ExchangeSimulator sim;

    @BeforeEach
    void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        List<SimInstrument> instruments = new ArrayList<>(SimConfig.demoInstruments());
        instruments.add(SimInstrument.of(QUIET.key(), "2.5000", "0.0001", "1", 4)
                .withEmptyMinuteProbability(0.8)
                .withQuiet(true));
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(600).withInstruments(instruments)));
    }

    @AfterEach
    void stop() {
        await(sim.close());
    }

    @Test
    void aMalformedStreamNameGetsTheWrappedErrorAndTheConnectionIsClosed() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/btcusdt@kline_1m"));
        probe.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@kline_1m\",\"btc$usdt@kline_1m\"],\"id\":7}");
        await().atMost(DEADLINE).until(() -> probe.closed);
        assertThat(probe.texts)
                .contains("{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":7}");
        assertThat(probe.closeCode).isEqualTo((short) 1008);
        assertThat(sim.connectionStats().closedForInvalidStreamCount(WsHost.binance(Market.SPOT)))
                .isEqualTo(1);
    }

    @Test
    void withClosingOffTheConnectionStaysAndKeepsItsStreams() {
        sim.connectionLimits(sim.connectionLimits().withCloseOnInvalidStream(false));
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/btcusdt@kline_1m"));
        probe.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"BTCUSDT@kline_1m\"],\"id\":8}");
        probe.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":9}");
        await().atMost(DEADLINE).until(() -> probe.texts.contains("{\"result\":[\"btcusdt@kline_1m\"],\"id\":9}"));
        assertThat(probe.texts)
                .contains("{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":8}");
        assertThat(probe.closed).isFalse();
        await(probe.close());
    }

    @Test
    void aWellFormedNameOfNoStreamIsAcceptedAndStaysSilent() {
        WsProbe probe =
                await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/stream?streams=btcusdt@kline_1m"));
        probe.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdx@kline_1m\"],\"id\":3}");
        long from = sim.clock().millis();
        await().atMost(DEADLINE).until(() -> sim.clock().millis() > from + 3 * 60_000L);
        assertThat(probe.texts).contains("{\"result\":null,\"id\":3}");
        assertThat(probe.textJson().stream().map(j -> j.getString("stream")).filter(s -> s != null))
                .isNotEmpty()
                .allMatch("btcusdt@kline_1m"::equals);
        assertThat(probe.closed).isFalse();
        await(probe.close());
    }

    @Test
    void aQuietPairPushesNothingForItsMinutesWithoutTrades() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/ws/quietusdt@kline_1m"));
        long from = sim.clock().millis();
        await().atMost(DEADLINE).until(() -> sim.clock().millis() > from + 20 * 60_000L);
        long to = sim.clock().millis() - 60_000L;
        await(probe.close());

        List<Candle> truth = sim.truth(QUIET).stream()
                .filter(c -> c.openTime() > from && c.closeTime() < to)
                .toList();
        Set<Long> empty = truth.stream()
                .filter(c -> c.tradeCount() == 0)
                .map(Candle::openTime)
                .collect(Collectors.toSet());
        Set<Long> busy = truth.stream()
                .filter(c -> c.tradeCount() > 0)
                .map(Candle::openTime)
                .collect(Collectors.toSet());
        assertThat(empty).as("minutes without trades in REST's truth").hasSizeGreaterThan(5);
        assertThat(busy).as("minutes with trades").isNotEmpty();
        Set<Long> pushed = new java.util.HashSet<>();
        Set<Long> closed = new java.util.HashSet<>();
        for (JsonObject event : probe.textJson()) {
            JsonObject k = event.getJsonObject("k");
            pushed.add(k.getLong("t"));
            if (k.getBoolean("x")) {
                closed.add(k.getLong("t"));
            }
        }
        assertThat(pushed).as("nothing pushed for a minute without trades").doesNotContainAnyElementsOf(empty);
        assertThat(closed).as("every minute with trades closes").containsAll(busy);
    }
}
