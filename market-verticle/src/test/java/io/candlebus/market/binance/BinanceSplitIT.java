package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamStatus;
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
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
    private static final Instrument ADA = Instrument.parse("binance:spot:ADAUSDT");

    private ExchangeSimulator sim;
    private SimFeed feed;

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        List<SimInstrument> instruments = new ArrayList<>(SimConfig.demoInstruments());
        for (String symbol : List.of("BNBUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT")) {
            instruments.add(SimInstrument.of("binance:spot:" + symbol, "100.00", "0.01", "0.001", 60));
        }
        SimConfig simConfig = SimFeed.simConfig(13, 120, 120)
                .withInstruments(instruments)
                // The venue refuses a third stream on a connection, so a feed that overfills one fails here.
                .withConnectionLimits(ConnectionLimits.venues().withStreamsPerConnection(2));
        sim = SimFeed.startSim(vertx, simConfig);
        feed = new SimFeed(vertx, sim);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        SimFeed.stopSim(sim);
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
        feed.awaitLive(five);

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
        feed.awaitLive(after);
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
        return SimFeed.done(sim.faults().openConnections())[0];
    }
}
