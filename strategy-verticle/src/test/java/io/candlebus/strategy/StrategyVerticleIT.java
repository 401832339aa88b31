package io.candlebus.strategy;

import static io.candlebus.strategy.TestCandles.BTCUSDT;
import static io.candlebus.strategy.TestCandles.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class StrategyVerticleIT {
    private static final long MINUTE = Interval.M1.millis();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 3_600_000), ZoneOffset.UTC);

    private final List<Bands> bands = new CopyOnWriteArrayList<>();
    private final List<Signal> signals = new CopyOnWriteArrayList<>();
    private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

    @BeforeEach
    void deploy(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        // One context for all collectors, so they see messages in the order the verticle sent them:
        // once the heartbeat counts every candle, the bands and signals before it have arrived.
        Context collectors = vertx.getOrCreateContext();
        Promise<Void> registered = Promise.promise();
        collectors.runOnContext(v -> {
            EventBus bus = vertx.eventBus();
            Future.all(
                            bus.<Bands>consumer(Addresses.BANDS, m -> bands.add(m.body()))
                                    .completion(),
                            bus.<Signal>consumer(Addresses.SIGNALS, m -> signals.add(m.body()))
                                    .completion(),
                            bus.<Heartbeat>consumer(Addresses.STATUS_HEARTBEAT, m -> heartbeats.add(m.body()))
                                    .completion())
                    .<Void>mapEmpty()
                    .onComplete(registered);
        });
        registered.future().await();
        vertx.deployVerticle(new StrategyVerticle(StrategyConfig.defaults(), CLOCK, "node-1"))
                .await();
    }

    @Test
    void publishesBandsAndABuySignalForCandlesOnTheBus(Vertx vertx) {
        List<String> closes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            closes.add(i % 2 == 0 ? "87000.00" : "87010.50");
        }
        closes.add("86900.10");
        List<Candle> candles = new ArrayList<>();
        for (int i = 0; i < closes.size(); i++) {
            candles.add(TestCandles.closed(BTCUSDT, Interval.M1, T0 + i * MINUTE, closes.get(i)));
        }
        Candle live = TestCandles.live(BTCUSDT, Interval.M1, T0 + 21 * MINUTE, "86950.00");

        vertx.runOnContext(v -> {
            EventBus bus = vertx.eventBus();
            candles.forEach(c -> bus.publish(Addresses.CANDLES_CLOSED, c));
            bus.publish(Addresses.CANDLES_CLOSED, candles.get(20));
            bus.publish(Addresses.CANDLES_LIVE, live);
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeats.stream()
                .anyMatch(h -> h.counters().get("candles") == 22 && h.counters().get("liveCandles") == 1));

        BollingerBands direct = new BollingerBands(20, 2.0);
        for (int i = 0; i < 20; i++) {
            direct.add(Double.parseDouble(closes.get(i)));
        }
        BandValue at19 = direct.current();
        direct.add(86900.10);
        BandValue at20 = direct.current();
        BandValue liveValue = direct.live(86950.00);

        assertThat(bands).hasSize(3);
        assertBands(bands.get(0), T0 + 19 * MINUTE, 87010.50, at19, true);
        assertBands(bands.get(1), T0 + 20 * MINUTE, 86900.10, at20, true);
        assertBands(bands.get(2), T0 + 21 * MINUTE, 86950.00, liveValue, false);

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(Signal.idOf("band_lower", BTCUSDT, Interval.M1, T0 + 20 * MINUTE, Side.BUY));
            assertThat(s.side()).isEqualTo(Side.BUY);
            assertThat(s.price()).isEqualByComparingTo("86900.10");
            assertThat(s.time()).isEqualTo(CLOCK.millis());
            assertThat(s.reason()).startsWith("close 86900.10 crossed below lower band 869");
        });

        Heartbeat last = heartbeats.get(heartbeats.size() - 1);
        assertThat(last.node()).isEqualTo("node-1");
        assertThat(last.component()).isEqualTo("strategy");
        assertThat(last.state()).isEqualTo("live");
        assertThat(last.lastEventTime()).isEqualTo(CLOCK.millis());
        assertThat(last.counters())
                .containsAllEntriesOf(
                        Map.of("candles", 22L, "ignored", 1L, "liveCandles", 1L, "bands", 3L, "signals", 1L));
    }

    @Test
    void keepsStreamsOfDifferentIntervalsApart(Vertx vertx) {
        vertx.runOnContext(v -> {
            for (int i = 0; i < 20; i++) {
                vertx.eventBus()
                        .publish(
                                Addresses.CANDLES_CLOSED,
                                TestCandles.closed(BTCUSDT, Interval.M1, T0 + i * MINUTE, "87000"));
                if (i < 19) {
                    vertx.eventBus()
                            .publish(
                                    Addresses.CANDLES_CLOSED,
                                    TestCandles.closed(BTCUSDT, Interval.M3, T0 + i * 3 * MINUTE, "87000"));
                }
            }
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> heartbeats.stream().anyMatch(h -> h.counters().get("candles") == 39));
        assertThat(bands).singleElement().satisfies(b -> {
            assertThat(b.interval()).isEqualTo(Interval.M1);
            assertThat(b.upper()).isEqualTo(87000.0);
            assertThat(b.percentB()).isEqualTo(0.5);
        });
    }

    private static void assertBands(Bands actual, long openTime, double close, BandValue expected, boolean closed) {
        assertThat(actual.instrument()).isEqualTo(BTCUSDT);
        assertThat(actual.interval()).isEqualTo(Interval.M1);
        assertThat(actual.openTime()).isEqualTo(openTime);
        assertThat(actual.closed()).isEqualTo(closed);
        assertThat(actual.period()).isEqualTo(20);
        assertThat(actual.k()).isEqualTo(2.0);
        assertThat(actual.close()).isEqualTo(close);
        assertThat(actual.middle()).isEqualTo(expected.middle());
        assertThat(actual.upper()).isEqualTo(expected.upper());
        assertThat(actual.lower()).isEqualTo(expected.lower());
        assertThat(actual.percentB()).isEqualTo(expected.percentB(close));
        assertThat(actual.bandwidth()).isEqualTo(expected.bandwidth());
    }
}
