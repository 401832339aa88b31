package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.BTC;
import static io.candlebus.market.binance.SimFeed.ETH;
import static io.candlebus.market.binance.SimFeed.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Market;
import io.candlebus.sim.ExchangeSimulator;
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
 * Runs the spot feed against a simulator that cuts every connection after a short lifetime: rotated
 * make-before-break, the cut never happens and nothing needs REST; without rotation the cut is survived
 * by a reconnect and a gap fill. Either way every closed kline equals the truth, once, contiguous.
 */
@ExtendWith(VertxExtension.class)
class BinanceRotationIT {
    private static final long LIFETIME = 8 * MIN;

    private ExchangeSimulator sim;
    private SimFeed feed;

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        sim = SimFeed.startSim(vertx, 5, 60, 120);
        SimFeed.done(sim.faults().binanceConnectionLifetime(LIFETIME));
        feed = new SimFeed(vertx, sim);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        SimFeed.stopSim(sim);
    }

    @Test
    void rotatesBeforeTheCutWithoutReconnectOrGapFill() throws Exception {
        feed.start(
                feed.config(List.of(BTC, ETH), new JsonObject().put("binanceRotateAfterMillis", 3 * MIN)), Market.SPOT);
        feed.awaitLive(List.of(BTC, ETH));
        long restAfterWarmup = feed.counter("restRequests");
        long liveFrom = sim.clock().millis();

        // Three lifetimes: without rotation every connection would have been cut twice.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sim.clock().millis() >= liveFrom + 3 * LIFETIME
                        && feed.lastClosed(BTC) >= liveFrom + 3 * LIFETIME - 2 * MIN
                        && feed.lastClosed(ETH) >= liveFrom + 3 * LIFETIME - 2 * MIN);

        assertThat(feed.counter("rotations")).as("rotations").isGreaterThanOrEqualTo(3);
        assertThat(feed.counter("reconnects")).as("reconnects").isZero();
        assertThat(feed.counter("gapsFilled")).as("gaps filled").isZero();
        assertThat(feed.counter("restRequests"))
                .as("REST requests after warm-up")
                .isEqualTo(restAfterWarmup);
        // One connection, or two while a rotation is under way.
        assertThat(feed.counter("connections")).as("connections").isBetween(1L, 2L);
        assertThat(feed.streams().values()).allSatisfy(s -> {
            assertThat(s.reconnects()).isZero();
            assertThat(s.gapsFilled()).isZero();
        });
        feed.assertExact(BTC, 30);
        feed.assertExact(ETH, 30);
    }

    @Test
    void withoutRotationTheCutIsSurvivedByReconnectAndGapFill() throws Exception {
        // A reconnect slower than a minute of sim time always misses at least one closed kline.
        feed.start(
                feed.config(
                        List.of(BTC, ETH),
                        new JsonObject()
                                .put("binanceRotateAfterMillis", 0)
                                .put("reconnectMinMillis", 1_000)
                                .put("reconnectMaxMillis", 1_000)),
                Market.SPOT);
        feed.awaitLive(List.of(BTC, ETH));
        long liveFrom = sim.clock().millis();

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sim.clock().millis() >= liveFrom + 2 * LIFETIME + 2 * MIN
                        && feed.counter("reconnects") >= 2
                        && feed.lastClosed(BTC) >= liveFrom + 2 * LIFETIME
                        && feed.lastClosed(ETH) >= liveFrom + 2 * LIFETIME);

        assertThat(feed.counter("rotations")).as("rotations").isZero();
        assertThat(feed.counter("gapsFilled")).as("gaps filled").isGreaterThanOrEqualTo(2);
        assertThat(feed.streams().get(BTC).reconnects()).isGreaterThanOrEqualTo(2);
        assertThat(feed.streams().get(BTC).gapsFilled()).isGreaterThanOrEqualTo(1);
        feed.assertExact(BTC, 20);
        feed.assertExact(ETH, 20);
    }
}
