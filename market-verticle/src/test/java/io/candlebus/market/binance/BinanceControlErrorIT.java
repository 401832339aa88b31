package io.candlebus.market.binance;

import static io.candlebus.market.binance.SimFeed.BTC;
import static io.candlebus.market.binance.SimFeed.ETH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Market;
import io.candlebus.sim.ConnectionLimits;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.WireForms;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A SUBSCRIBE the venue refuses (here: more streams than the simulator lets a connection carry) is
 * answered with an error, wrapped next to the request id as Binance's websocket sends it, or flat in
 * the alternate wire forms. Either way the feed counts it as a refused control request, logs it, and
 * counts nothing as malformed input; the stream already carried keeps flowing.
 */
@ExtendWith(VertxExtension.class)
class BinanceControlErrorIT {

    @Test
    void aWrappedErrorIsARefusedRequestNotBadInput(Vertx vertx) throws Exception {
        refusedSubscribe(vertx, WireForms.real());
    }

    @Test
    void aFlatErrorIsARefusedRequestNotBadInput(Vertx vertx) throws Exception {
        refusedSubscribe(vertx, WireForms.alternate());
    }

    private static void refusedSubscribe(Vertx vertx, WireForms forms) throws Exception {
        ExchangeSimulator sim = SimFeed.startSim(
                vertx,
                SimFeed.simConfig(17, 120, 30)
                        .withWireForms(forms)
                        .withConnectionLimits(ConnectionLimits.venues().withStreamsPerConnection(1)));
        try {
            SimFeed feed = new SimFeed(vertx, sim);
            // The feed may put two streams on a connection; the venue allows one.
            feed.start(feed.config(List.of(BTC), new JsonObject().put("binanceStreamsPerConnection", 2)), Market.SPOT);
            feed.awaitLive(List.of(BTC));
            assertThat(feed.counter("controlErrors")).isZero();

            feed.onFeed(f -> {
                f.add(ETH);
                return null;
            });
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> feed.counter("controlErrors") >= 1);

            long lastBtc = feed.lastClosed(BTC);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.lastClosed(BTC) >= lastBtc + 2 * SimFeed.MIN);
            Map<String, Long> counters = feed.onFeed(BinanceFeed::counters);
            assertThat(counters).containsEntry("controlErrors", 1L);
            assertThat(counters.keySet())
                    .as("nothing counted as malformed input")
                    .noneMatch(k -> k.startsWith("badInput."));
            feed.assertExact(BTC, 3);
        } finally {
            SimFeed.stopSim(sim);
        }
    }
}
