package io.candlebus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SimConfigTest {
    @Test
    void demoHasTheSixInstrumentsOnLoopback() {
        SimConfig demo = SimConfig.demo();
        assertThat(demo.host()).isEqualTo("127.0.0.1");
        assertThat(demo.instruments())
                .extracting(i -> i.instrument().key())
                .containsExactly(
                        "binance:spot:BTCUSDT",
                        "binance:spot:ETHUSDT",
                        "binance:usdm:BTCUSDT",
                        "binance:coinm:BTCUSD_PERP",
                        "bithumb:spot:KRW-BTC",
                        "bithumb:spot:KRW-ETH");
        assertThat(demo.historyMinutes()).isEqualTo(1440);
    }

    @Test
    void fromJsonOverridesTheDefaults() {
        SimConfig c = SimConfig.fromJson(
                new JsonObject()
                        .put("seed", 9)
                        .put("speed", 300.0)
                        .put(
                                "instruments",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("instrument", "bithumb:spot:KRW-XRP")
                                                .put("startPrice", "3000")
                                                .put("tickSize", "1")
                                                .put("lotSize", "0.0001")
                                                .put("emptyMinuteProbability", 0.1)
                                                .put("quiet", true))),
                "sim");
        assertThat(c.seed()).isEqualTo(9);
        assertThat(c.speed()).isEqualTo(300.0);
        assertThat(c.instruments()).hasSize(1);
        assertThat(c.instruments().get(0).emptyMinuteProbability()).isEqualTo(0.1);
        assertThat(c.instruments().get(0).quiet()).isTrue();
        assertThat(SimConfig.defaults().instruments()).noneMatch(SimInstrument::quiet);
    }

    @Test
    void fromJsonNamesUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> SimConfig.fromJson(new JsonObject().put("sped", 3), "demo.sim"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("demo.sim.sped: unknown key, expected one of ");
        assertThatThrownBy(() -> SimConfig.fromJson(new JsonObject().put("port", 70000), "demo.sim"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("demo.sim.port: expected 0..65535, was 70000");
    }

    @Test
    void connectionLimitsDefaultToTheVenuesAndReadFromJson() {
        assertThat(SimConfig.defaults().connectionLimits())
                .isEqualTo(new ConnectionLimits(1024, 300, 300_000L, 10, 1_000L));
        SimConfig c = SimConfig.fromJson(
                new JsonObject()
                        .put(
                                "connectionLimits",
                                new JsonObject().put("streamsPerConnection", 3).put("bithumbConnections", 2)),
                "sim");
        assertThat(c.connectionLimits()).isEqualTo(new ConnectionLimits(3, 300, 300_000L, 2, 1_000L));
        assertThat(SimConfig.defaults().connectionLimits().closeOnInvalidStream())
                .as("the venue may close after a malformed stream name: the simulator does by default")
                .isTrue();
        assertThat(SimConfig.fromJson(
                                new JsonObject()
                                        .put("connectionLimits", new JsonObject().put("closeOnInvalidStream", false)),
                                "sim")
                        .connectionLimits()
                        .closeOnInvalidStream())
                .isFalse();
        assertThatThrownBy(() -> SimConfig.fromJson(
                        new JsonObject().put("connectionLimits", new JsonObject().put("streams", 3)), "demo.sim"))
                .hasMessageStartingWith("demo.sim.connectionLimits.streams: unknown key, expected one of ");
        assertThatThrownBy(() -> SimConfig.fromJson(
                        new JsonObject().put("connectionLimits", new JsonObject().put("streamsPerConnection", 0)),
                        "demo.sim"))
                .hasMessageStartingWith("demo.sim.connectionLimits.streamsPerConnection: expected >= 1, was 0");
    }

    @Test
    void wireFormsDefaultToTheRealOnesAndReadFromJson() {
        assertThat(SimConfig.defaults().wireForms()).isEqualTo(WireForms.real());
        assertThat(WireForms.real()).isEqualTo(new WireForms(true, true, false, true, true));
        SimConfig c = SimConfig.fromJson(
                new JsonObject()
                        .put(
                                "wireForms",
                                new JsonObject()
                                        .put("bithumbStringSequentialIds", false)
                                        .put("binanceWrappedErrors", false)),
                "sim");
        assertThat(c.wireForms()).isEqualTo(new WireForms(false, true, false, true, false));
        assertThat(SimConfig.defaults().withWireForms(WireForms.alternate()).wireForms())
                .isEqualTo(new WireForms(false, false, true, false, false));
        assertThatThrownBy(() -> SimConfig.fromJson(
                        new JsonObject().put("wireForms", new JsonObject().put("stringIds", true)), "demo.sim"))
                .hasMessageStartingWith("demo.sim.wireForms.stringIds: unknown key, expected one of ");
        assertThatThrownBy(() -> SimConfig.fromJson(
                        new JsonObject().put("wireForms", new JsonObject().put("binanceWrappedErrors", "yes")),
                        "demo.sim"))
                .hasMessageStartingWith("demo.sim.wireForms.binanceWrappedErrors: expected true or false, was 'yes'");
    }

    @Test
    void limitsInSimTimeShortenEveryWindowBySpeed() {
        assertThat(ConnectionLimits.venues().inSimTime(600)).isEqualTo(new ConnectionLimits(1024, 300, 500L, 10, 1L));
        assertThat(ConnectionLimits.venues().inSimTime(0.5))
                .isEqualTo(new ConnectionLimits(1024, 300, 600_000L, 10, 2_000L));
    }

    @Test
    void coinmNeedsAContractSize() {
        assertThatThrownBy(() -> SimInstrument.of("binance:coinm:BTCUSD_PERP", "87000", "0.1", "1", 10))
                .hasMessageContaining("contractSize");
    }

    @Test
    void everyCopyKeepsTheOtherFieldsAndRunsTheChecks() {
        SimConfig base = SimConfig.fromJson(
                new JsonObject()
                        .put("seed", 7)
                        .put("speed", 60.0)
                        .put("startTime", 1_700_000_000_000L)
                        .put("historyMinutes", 90)
                        .put("spotPushMillis", 1_000)
                        .put("futuresPushMillis", 100)
                        .put("minRealTimerMillis", 5),
                "sim");

        assertThat(base.toBuilder().build()).isEqualTo(base);
        assertThat(base.withPort(base.port())
                        .withSeed(base.seed())
                        .withSpeed(base.speed())
                        .withStartTime(base.startTime())
                        .withHistoryMinutes(base.historyMinutes())
                        .withInstruments(base.instruments())
                        .withConnectionLimits(base.connectionLimits())
                        .withWireForms(base.wireForms()))
                .isEqualTo(base);
        SimConfig moved = base.withPort(8123);
        assertThat(moved.port()).isEqualTo(8123);
        assertThat(moved.toBuilder().port(base.port()).build()).isEqualTo(base);
        assertThatThrownBy(() -> base.toBuilder().speed(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("sim.speed: ");
    }

    @Test
    void instrumentCopiesKeepTheOtherFieldsAndRunTheChecks() {
        SimInstrument base = SimInstrument.inverse("binance:coinm:BTCUSD_PERP", "87020.0", "0.1", "100", 40)
                .withEmptyMinuteProbability(0.2)
                .withQuiet(true);

        assertThat(base.toBuilder().build()).isEqualTo(base);
        SimInstrument busy = base.withTradesPerMinute(90).withMeanQuantity("7");
        assertThat(busy.tradesPerMinute()).isEqualTo(90);
        assertThat(busy.meanQuantity()).isEqualByComparingTo("7");
        assertThat(busy.contractSize()).isEqualByComparingTo("100");
        assertThat(busy.emptyMinuteProbability()).isEqualTo(0.2);
        assertThat(busy.quiet()).isTrue();
        assertThat(busy.toBuilder()
                        .tradesPerMinute(base.tradesPerMinute())
                        .meanQuantity(base.meanQuantity())
                        .build())
                .isEqualTo(base);
        assertThatThrownBy(() -> base.toBuilder().contractSize(null).build())
                .hasMessageStartingWith("simInstrument.contractSize: expected a contract size for COIN-M");
    }
}
