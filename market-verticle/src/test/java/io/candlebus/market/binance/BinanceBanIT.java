package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.BTC;
import static io.candlebus.market.binance.SimFeed.ETH;
import static io.candlebus.market.binance.SimFeed.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bans the feed from spot REST (HTTP 418) while a reconnect needs a gap fill: the streams show BANNED
 * with the ban's end, no REST request goes out until then, live klines are held, and after the ban
 * the fill completes with nothing lost.
 */
@ExtendWith(VertxExtension.class)
class BinanceBanIT {
    private static final long BAN = 6 * MIN;

    private ExchangeSimulator sim;
    private SimFeed feed;

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        sim = SimFeed.startSim(vertx, 9, 120, 120);
        feed = new SimFeed(vertx, sim);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        SimFeed.stopSim(sim);
    }

    @Test
    void aBanDuringAGapHoldsRestUntilItEndsAndLosesNothing() throws Exception {
        // A reconnect slower than a minute of sim time always leaves a gap for REST to fill.
        feed.start(
                feed.config(
                        List.of(BTC, ETH),
                        new JsonObject().put("reconnectMinMillis", 1_000).put("reconnectMaxMillis", 1_000)),
                Market.SPOT);
        feed.awaitLive(List.of(BTC, ETH));

        sim.faults().restBan(Market.SPOT, BAN);
        long bannedAt = sim.clock().millis();
        SimFeed.done(sim.faults().dropBinanceConnections());

        AtomicReference<StreamStatus> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(25))
                .until(() -> {
                    StreamStatus s = feed.streams().get(BTC);
                    if (s.state() == StreamState.BANNED) {
                        seen.set(s);
                    }
                    return seen.get() != null;
                });
        long requestsWhileBanned = feed.counter("restRequests");
        assertThat(seen.get().bannedUntil()).as("bannedUntil").isBetween(bannedAt + BAN, bannedAt + BAN + MIN);
        assertThat(seen.get().openGaps()).as("open gaps").isEqualTo(1);
        // Both streams' fills may have been on their way when the first 418 came back.
        assertThat(feed.counter("restBans")).as("418s").isBetween(1L, 2L);
        long bansSeen = feed.counter("restBans");
        // Nothing after the gap is published while banned.
        long lastBeforeBan = Math.max(feed.lastClosed(BTC), feed.lastClosed(ETH));
        assertThat(lastBeforeBan).isLessThan(bannedAt + MIN);

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> feed.lastClosed(BTC) >= bannedAt + BAN + 2 * MIN
                        && feed.lastClosed(ETH) >= bannedAt + BAN + 2 * MIN);

        // The ban was honoured: no request met another 418, and each stream's fill took one request (plus
        // at most three retries for a minute the venue did not have yet).
        assertThat(feed.counter("restBans")).as("418s").isEqualTo(bansSeen);
        assertThat(feed.counter("restRequests") - requestsWhileBanned)
                .as("REST requests after the ban")
                .isBetween(2L, 8L);
        assertThat(feed.streams().get(BTC).gapsFilled()).isGreaterThanOrEqualTo(1);
        assertThat(feed.streams().get(BTC).bannedUntil()).isZero();
        assertThat(feed.streams().get(BTC).restWeightUsed()).isPositive();
        feed.assertExact(BTC, 10);
        feed.assertExact(ETH, 10);
    }
}
