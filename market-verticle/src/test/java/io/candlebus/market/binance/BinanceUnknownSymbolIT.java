package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.BTC;
import static io.candlebus.market.binance.SimFeed.ETH;
import static io.candlebus.market.binance.SimFeed.MIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.WsHost;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A misspelt symbol among good ones on one Binance connection: the venue's exchangeInfo does not list it,
 * so it is never subscribed, is reported by name (status {@code unknown}, counter, one log line), and the
 * good streams on the same connection lose nothing and never reconnect.
 */
@ExtendWith(VertxExtension.class)
class BinanceUnknownSymbolIT {
    private static final Instrument MISSPELT = Instrument.parse("binance:spot:BTCUSDX");

    private ExchangeSimulator sim;
    private SimFeed feed;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger feedLogger = (Logger) LoggerFactory.getLogger(BinanceFeed.class);

    @BeforeEach
    void startSimulator(Vertx vertx) throws Exception {
        sim = SimFeed.startSim(vertx, 17, 120, 120);
        feed = new SimFeed(vertx, sim);
        log.start();
        feedLogger.addAppender(log);
    }

    @AfterEach
    void stopSimulator() throws Exception {
        feedLogger.detachAppender(log);
        SimFeed.stopSim(sim);
    }

    @Test
    void aMisspeltSymbolIsNeverSubscribedAndTheGoodStreamsOnItsConnectionLoseNothing() throws Exception {
        List<Instrument> all = List.of(BTC, MISSPELT, ETH);
        feed.start(feed.config(all, new JsonObject().put("binanceRotateAfterMillis", 0)), Market.SPOT);
        awaitGoodStreams(List.of(BTC, ETH));
        long liveFrom = sim.clock().millis();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> feed.lastClosed(BTC) >= liveFrom + 4 * MIN && feed.lastClosed(ETH) >= liveFrom + 4 * MIN);

        Map<Instrument, StreamStatus> streams = feed.streams();
        assertThat(streams.get(MISSPELT).state()).isEqualTo(StreamState.UNKNOWN);
        assertThat(streams.get(MISSPELT).lastMessageTime()).isZero();
        assertThat(streams.get(BTC).state()).isEqualTo(StreamState.LIVE);
        assertThat(streams.get(ETH).state()).isEqualTo(StreamState.LIVE);
        assertThat(feed.onFeed(BinanceFeed::state))
                .as("an unknown symbol says nothing about the others")
                .isEqualTo("live");
        assertThat(feed.<Set<Instrument>>onFeed(BinanceFeed::instruments))
                .as("still followed, by name")
                .contains(MISSPELT);
        assertThat(feed.counter("unknownSymbols")).isEqualTo(1);
        assertThat(feed.counter("reconnects")).as("reconnects").isZero();
        assertThat(feed.counter("stalls")).as("stalls").isZero();
        assertThat(feed.counter("gapsFilled")).as("gaps filled").isZero();
        assertThat(feed.counter("controlErrors")).as("refused control requests").isZero();
        assertThat(feed.counter("connections")).isEqualTo(1);
        assertThat(sim.connectionStats().openedCount(WsHost.binance(Market.SPOT)))
                .as("handshakes the venue saw")
                .isEqualTo(1);
        assertThat(streams.values()).allSatisfy(s -> assertThat(s.reconnects()).isZero());
        assertThat(log.list.stream()
                        .filter(e -> e.getFormattedMessage().contains("BTCUSDX is unknown to the venue"))
                        .count())
                .as("the misspelt symbol is logged once by name")
                .isEqualTo(1);
        feed.assertExact(BTC, 6);
        feed.assertExact(ETH, 6);
    }

    @Test
    void aSymbolSubscribedUncheckedWhileTheListWasUnavailableIsDroppedWithoutReconnecting() throws Exception {
        // Every REST endpoint answers 503 for the first 6 sim minutes: the feed follows everything
        // unchecked, then the list's next load names the misspelt symbol.
        sim.faults().restOutage(6 * MIN);
        List<Instrument> all = List.of(BTC, MISSPELT, ETH);
        feed.start(feed.config(all, new JsonObject().put("binanceRotateAfterMillis", 0)), Market.SPOT);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> feed.streams().get(MISSPELT).state() == StreamState.UNKNOWN);
        awaitGoodStreams(List.of(BTC, ETH));
        long from = sim.clock().millis();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> feed.lastClosed(BTC) >= from + 3 * MIN && feed.lastClosed(ETH) >= from + 3 * MIN);

        assertThat(feed.counter("symbolListFailures"))
                .as("the first load failed")
                .isPositive();
        assertThat(feed.counter("unknownSymbols")).isEqualTo(1);
        assertThat(feed.counter("reconnects")).as("reconnects").isZero();
        assertThat(sim.connectionStats().openedCount(WsHost.binance(Market.SPOT)))
                .as("handshakes the venue saw")
                .isEqualTo(1);
        feed.assertExact(BTC, 4);
        feed.assertExact(ETH, 4);
    }

    private void awaitGoodStreams(List<Instrument> good) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Map<Instrument, StreamStatus> streams = feed.streams();
                    return good.stream()
                            .allMatch(i -> streams.containsKey(i)
                                    && streams.get(i).state() == StreamState.LIVE
                                    && feed.lastClosed(i) != Long.MIN_VALUE);
                });
    }
}
