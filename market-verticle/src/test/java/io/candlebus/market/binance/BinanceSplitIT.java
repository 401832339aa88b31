package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ConnectionLimits;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Follows five spot instruments with at most two streams per connection: three connections, every
 * closed kline exact; adding and removing instruments at runtime uses SUBSCRIBE / UNSUBSCRIBE on a
 * connection with room and never reconnects anything.
 */
@ExtendWith(VertxExtension.class)
class BinanceSplitIT {
    private static final long START = 1_767_225_617_000L;
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
    private static final Instrument ADA = Instrument.parse("binance:spot:ADAUSDT");

    private ExchangeSimulator sim;
    private SimFeed feed;

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        Codecs.registerAll(vertx.eventBus());
        List<SimInstrument> instruments = new ArrayList<>(SimConfig.demoInstruments());
        for (String symbol : List.of("BNBUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT")) {
            instruments.add(SimInstrument.of("binance:spot:" + symbol, "100.00", "0.01", "0.001", 60));
        }
        SimConfig simConfig = SimConfig.defaults()
                .withSeed(13)
                .withSpeed(120)
                .withStartTime(START)
                .withHistoryMinutes(120)
                .withInstruments(instruments)
                // The venue refuses a third stream on a connection, so a feed that overfills one fails here.
                .withConnectionLimits(ConnectionLimits.venues().withStreamsPerConnection(2));
        sim = ExchangeSimulator.start(vertx, simConfig)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        feed = new SimFeed(vertx, sim);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        sim.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void splitsStreamsAndChangesSubscriptionsWithoutReconnecting() throws Exception {
        List<Instrument> five =
                SYMBOLS.stream().map(s -> Instrument.parse("binance:spot:" + s)).toList();
        feed.start(
                feed.config(
                        five,
                        new JsonObject().put("binanceStreamsPerConnection", 2).put("binanceRotateAfterMillis", 0)),
                Market.SPOT);
        awaitLive(five);

        assertThat(feed.counter("connections")).as("connections").isEqualTo(3);
        assertThat(openBinanceConnections()).as("connections the venue sees").isEqualTo(3);
        long liveFrom = sim.clock().millis();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> five.stream().allMatch(i -> feed.lastClosed(i) >= liveFrom + 3 * MIN));

        Instrument removed = five.get(0);
        feed.onFeed(f -> {
            f.add(ADA);
            f.remove(removed);
            return null;
        });
        List<Instrument> after = new ArrayList<>(five.subList(1, 5));
        after.add(ADA);
        awaitLive(after);
        long changedAt = sim.clock().millis();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> after.stream().allMatch(i -> feed.lastClosed(i) >= changedAt + 4 * MIN));

        // ADA went to the connection with room, BTC's connection kept ETH: still three connections.
        assertThat(feed.counter("connections")).as("connections").isEqualTo(3);
        assertThat(openBinanceConnections()).as("connections the venue sees").isEqualTo(3);
        assertThat(feed.counter("reconnects")).as("reconnects").isZero();
        assertThat(feed.counter("gapsFilled")).as("gaps filled").isZero();
        assertThat(feed.counter("controlErrors")).as("refused control requests").isZero();
        assertThat(feed.counter("controlReplies"))
                .as("SUBSCRIBE and UNSUBSCRIBE answered")
                .isEqualTo(2);
        // Klines of the removed stream that were under way when it was unsubscribed are not bad input.
        Set<String> counterNames = feed.onFeed(f -> f.counters().keySet());
        assertThat(counterNames).noneMatch(k -> k.startsWith("badInput."));
        Map<Instrument, StreamStatus> streams = feed.streams();
        assertThat(streams.keySet()).containsExactlyInAnyOrderElementsOf(after);
        assertThat(streams.values()).allSatisfy(s -> assertThat(s.reconnects()).isZero());
        long removedLast = feed.lastClosed(removed);
        assertThat(removedLast).as("%s after removal", removed).isLessThan(changedAt + MIN);
        for (Instrument i : five) {
            feed.assertExact(i, 5);
        }
        feed.assertExact(ADA, 4);
    }

    private int openBinanceConnections() throws Exception {
        return sim.faults()
                .openConnections()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)[0];
    }

    private void awaitLive(List<Instrument> instruments) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Map<Instrument, StreamStatus> streams = feed.streams();
                    return streams.keySet().containsAll(instruments)
                            && streams.values().stream().allMatch(s -> s.state() == StreamState.LIVE)
                            && instruments.stream().allMatch(i -> feed.lastClosed(i) != Long.MIN_VALUE);
                });
    }
}
