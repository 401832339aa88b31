package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.BTC;
import static io.candlebus.market.binance.SimFeed.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import io.candlebus.sim.WsHost;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quiet streams are not dead connections. A pair that pushes only on change stays silent for minutes
 * while it has no trades: next to a busy sibling on the same connection it shows as stale in its own
 * status only, nothing reconnects, and its closed candles still come (confirmed from REST) exactly as the
 * simulator's truth. A connection carrying only such a pair is kept alive by the pongs to the feed's pings.
 */
@ExtendWith(VertxExtension.class)
class BinanceQuietStreamIT {
    private static final Instrument QUIET = Instrument.parse("binance:spot:QUIETUSDT");
    private static final Instrument QUIET_USDM = Instrument.parse("binance:usdm:QUIETUSDT");

    private ExchangeSimulator sim;
    private SimFeed feed;

    private void start(Vertx vertx, double speed) throws Exception {
        List<SimInstrument> instruments = new ArrayList<>(SimConfig.demoInstruments());
        instruments.add(quiet(QUIET));
        instruments.add(quiet(QUIET_USDM));
        sim = SimFeed.startSim(vertx, SimFeed.simConfig(23, speed, 60).withInstruments(instruments));
        feed = new SimFeed(vertx, sim);
    }

    /** A pair with a trade in about one minute of ten, whose klines are pushed only on change. */
    private static SimInstrument quiet(Instrument instrument) {
        return SimInstrument.of(instrument.key(), "2.5000", "0.0001", "1", 4)
                .withEmptyMinuteProbability(0.9)
                .withQuiet(true);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        if (sim != null) {
            SimFeed.stopSim(sim);
        }
    }

    @Test
    void aQuietStreamIsStaleOnlyInItsOwnStatusAndItsSiblingKeepsFlowing(Vertx vertx) throws Exception {
        start(vertx, 20);
        // One sim minute without any message on the connection would be a stall: the quiet stream is
        // silent longer than that, its busy sibling is not.
        feed.start(
                feed.config(
                        List.of(BTC, QUIET),
                        new JsonObject().put("stallTimeoutMillis", 60_000).put("binanceRotateAfterMillis", 0)),
                Market.SPOT);
        awaitClosed(List.of(BTC, QUIET));
        long liveFrom = sim.clock().millis();

        long[] staleSeenAt = {Long.MIN_VALUE};
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    long now = sim.clock().millis();
                    Map<Instrument, StreamStatus> streams = feed.streams();
                    StreamStatus quiet = streams.get(QUIET);
                    StreamStatus busy = streams.get(BTC);
                    if (staleSeenAt[0] == Long.MIN_VALUE
                            && now - quiet.lastMessageTime() > 3 * MIN
                            && now - busy.lastMessageTime() < 20_000) {
                        staleSeenAt[0] = now;
                        // Stale by its age only: the stream itself is live, and its minutes kept closing.
                        assertThat(quiet.state()).isEqualTo(StreamState.LIVE);
                        assertThat(busy.state()).isEqualTo(StreamState.LIVE);
                        assertThat(feed.lastClosed(QUIET))
                                .as("closed minutes of the silent stream are confirmed from REST")
                                .isGreaterThanOrEqualTo(now - 3 * MIN);
                    }
                    return now >= liveFrom + 14 * MIN && staleSeenAt[0] != Long.MIN_VALUE;
                });

        assertThat(feed.counter("reconnects")).as("reconnects").isZero();
        assertThat(feed.counter("stalls")).as("stalls").isZero();
        assertThat(feed.counter("gapsFilled")).as("gaps filled").isZero();
        assertThat(feed.counter("quietConfirms"))
                .as("minutes confirmed from REST")
                .isPositive();
        assertThat(sim.connectionStats().openedCount(WsHost.binance(Market.SPOT)))
                .as("handshakes the venue saw")
                .isEqualTo(1);
        assertThat(feed.streams().values())
                .allSatisfy(s -> assertThat(s.reconnects()).isZero());
        assertThat(emptyMinutes(QUIET, liveFrom, liveFrom + 12 * MIN))
                .as("the quiet pair really had minutes without trades")
                .isGreaterThanOrEqualTo(5);
        feed.assertExact(BTC, 12);
        feed.assertExact(QUIET, 12);
        assertThat(feed.lastClosed(QUIET))
                .as("the quiet series reaches the end")
                .isGreaterThanOrEqualTo(liveFrom + 12 * MIN);
    }

    @Test
    void aConnectionOfOnlyAQuietFuturesStreamIsKeptAliveByPongs(Vertx vertx) throws Exception {
        start(vertx, 15);
        // USDT-M pushes only on change and pings only every 3 minutes: 40 s without a message must not
        // be taken for a stall while the venue answers the feed's pings.
        feed.start(
                feed.config(
                        List.of(QUIET_USDM),
                        new JsonObject()
                                .put("stallTimeoutMillis", 40_000)
                                .put("pingMillis", 10_000)
                                .put("binanceRotateAfterMillis", 0)),
                Market.USDM);
        awaitClosed(List.of(QUIET_USDM));
        long liveFrom = sim.clock().millis();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> sim.clock().millis() >= liveFrom + 8 * MIN);

        assertThat(feed.counter("reconnects")).as("reconnects").isZero();
        assertThat(feed.counter("stalls")).as("stalls").isZero();
        assertThat(feed.counter("pings")).as("keepalive pings sent").isPositive();
        assertThat(sim.connectionStats().openedCount(WsHost.binance(Market.USDM)))
                .as("handshakes the venue saw")
                .isEqualTo(1);
        feed.assertExact(QUIET_USDM, 6);
        assertThat(feed.lastClosed(QUIET_USDM)).isGreaterThanOrEqualTo(liveFrom + 6 * MIN);
    }

    private void awaitClosed(List<Instrument> instruments) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> instruments.stream().allMatch(i -> feed.lastClosed(i) != Long.MIN_VALUE));
    }

    private long emptyMinutes(Instrument instrument, long from, long to) {
        return sim.truth(instrument).stream()
                .filter(c -> c.openTime() >= from && c.openTime() < to)
                .filter(c -> c.tradeCount() == 0)
                .map(Candle::openTime)
                .count();
    }
}
