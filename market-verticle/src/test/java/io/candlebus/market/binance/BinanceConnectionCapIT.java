package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.BTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.sim.ConnectionLimits;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.WsHost;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The venue refuses new connections over its per-IP attempt cap (HTTP 429 on the handshake): the feed
 * backs off instead of hammering, gets back in once the window allows, and fills what it missed.
 */
@ExtendWith(VertxExtension.class)
class BinanceConnectionCapIT {
    /** Real time: the sim counts connection attempts in real time, as the venue does. */
    private static final long WINDOW_MILLIS = 4_000;

    private ExchangeSimulator sim;
    private SimFeed feed;

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        sim = SimFeed.startSim(vertx, 13, 120, 60);
        sim.connectionLimits(ConnectionLimits.venues().withBinanceConnections(2, WINDOW_MILLIS));
        feed = new SimFeed(vertx, sim);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        SimFeed.stopSim(sim);
    }

    @Test
    void refusedHandshakesAreBackedOffAndNothingIsLost() throws Exception {
        feed.start(
                feed.config(
                        List.of(BTC),
                        new JsonObject().put("reconnectMinMillis", 50).put("reconnectMaxMillis", 2_000)),
                Market.SPOT);
        feed.awaitLive(List.of(BTC));

        // The first connection used one attempt of the window; the first reconnect uses the second.
        drop();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> sim.connectionStats().openedCount(WsHost.BINANCE_SPOT) >= 2
                        && feed.counter("reconnects") >= 1
                        && feed.streams().get(BTC).state() != StreamState.CONNECTING);
        long openedBefore = sim.connectionStats().openedCount(WsHost.BINANCE_SPOT);
        assertThat(openedBefore).as("connections admitted so far").isEqualTo(2);
        long lastBefore = feed.lastClosed(BTC);

        // The next attempts fall into the same window and are refused until it slides.
        drop();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sim.connectionStats().openedCount(WsHost.BINANCE_SPOT) > openedBefore
                        && feed.streams().get(BTC).state() == StreamState.LIVE
                        && feed.lastClosed(BTC) >= lastBefore + 5 * SimFeed.MIN);

        long refused = sim.connectionStats().refusedForAttemptsCount(WsHost.BINANCE_SPOT);
        assertThat(refused).as("handshakes refused with 429").isPositive();
        // Backing off from 50 ms doubling to 2 s, a window of 4 s sees a handful of attempts, not hundreds.
        assertThat(refused).as("attempts refused while the window was full").isLessThan(20);
        feed.assertExact(BTC, 10);
    }

    private void drop() throws Exception {
        SimFeed.done(sim.faults().dropBinanceConnections());
    }
}
