package io.candlebus.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.ConfigException;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketConfigTest {

    @Test
    void defaultsPointAtTheRealVenues() {
        MarketConfig d = MarketConfig.defaults();

        assertThat(d.binance().endpoint(Market.SPOT))
                .isEqualTo(new Endpoint("https://api.binance.com", "wss://stream.binance.com:9443"));
        assertThat(d.binance().endpoint(Market.USDM))
                .isEqualTo(new Endpoint("https://fapi.binance.com", "wss://fstream.binance.com/market"));
        assertThat(d.binance().endpoint(Market.COINM))
                .isEqualTo(new Endpoint("https://dapi.binance.com", "wss://dstream.binance.com"));
        assertThat(d.bithumb())
                .isEqualTo(new Endpoint("https://api.bithumb.com", "wss://ws-api.bithumb.com/websocket/v1"));
        assertThat(d.endpoint(Exchange.UPBIT))
                .isEqualTo(new Endpoint("https://api.upbit.com", "wss://api.upbit.com/websocket/v1"));
        assertThat(d.intervals()).containsExactly(Interval.M1, Interval.M5);
        assertThat(d.warmupCandles()).isEqualTo(120);
        assertThat(d.closeGraceMillis()).isEqualTo(2_000);
        assertThat(d.liveThrottleMillis()).isEqualTo(250);
        assertThat(d.recorderTimeoutMillis()).isEqualTo(30_000);
        assertThat(d.tickMillis()).isEqualTo(100);
        assertThat(d.recorderOutboxCapacity()).isEqualTo(100_000);
        assertThat(d.maxMessageBytes()).isEqualTo(65_536);
        assertThat(d.binance().rotateAfterMillis()).isEqualTo(23L * 3_600_000);
        assertThat(d.binance().streamsPerConnection()).isEqualTo(1_024);
        assertThat(d.binance().restWeightLimit()).isEqualTo(1_200);
        assertThat(d.maxInstruments()).isEqualTo(200);
        assertThat(MarketConfig.fromJson(new JsonObject(), "market")).isEqualTo(d);
        assertThat(MarketConfig.fromJson(null, "market")).isEqualTo(d);
    }

    @Test
    void readsEveryFieldAndKeepsDefaultsForTheRest() {
        JsonObject json = new JsonObject()
                .put(
                        "instruments",
                        new JsonArray()
                                .add("binance:usdm:ETHUSDT")
                                .add(new JsonObject()
                                        .put("exchange", "bithumb")
                                        .put("market", "spot")
                                        .put("symbol", "KRW-ETH")))
                .put(
                        "binance",
                        new JsonObject()
                                .put(
                                        "spot",
                                        new JsonObject()
                                                .put("restUrl", "http://127.0.0.1:9/binance/spot/")
                                                .put("wsUrl", "ws://127.0.0.1:9/binance/spot")))
                .put("bithumb", new JsonObject().put("wsUrl", "ws://127.0.0.1:9/bithumb/websocket/v1"))
                .put("upbit", new JsonObject().put("restUrl", "http://127.0.0.1:9/upbit"))
                .put("intervals", new JsonArray().add("15m").add("1m").add("5m"))
                .put("warmupCandles", 50)
                .put("closeGraceMillis", 25_000)
                .put("liveThrottleMillis", 0)
                .put("recorderTimeoutMillis", 5_000)
                .put("tickMillis", 20)
                .put("reconnectMinMillis", 10)
                .put("reconnectMaxMillis", 100)
                .put("pingMillis", 10_000)
                .put("recorderOutboxCapacity", 10)
                .put("maxMessageBytes", 1_024)
                .put("binanceRotateAfterMillis", 0)
                .put("binanceStreamsPerConnection", 2)
                .put("binanceRestWeightLimit", 600);

        MarketConfig c = MarketConfig.fromJson(json, "market");

        assertThat(c.instruments())
                .containsExactly(Instrument.parse("binance:usdm:ETHUSDT"), Instrument.parse("bithumb:spot:KRW-ETH"));
        assertThat(c.binance().endpoint(Market.SPOT))
                .isEqualTo(new Endpoint("http://127.0.0.1:9/binance/spot", "ws://127.0.0.1:9/binance/spot"));
        assertThat(c.binance().endpoint(Market.USDM))
                .isEqualTo(MarketConfig.defaults().binance().endpoint(Market.USDM));
        assertThat(c.bithumb().restUrl()).isEqualTo("https://api.bithumb.com");
        assertThat(c.bithumb().wsUrl()).isEqualTo("ws://127.0.0.1:9/bithumb/websocket/v1");
        assertThat(c.endpoint(Exchange.UPBIT))
                .isEqualTo(new Endpoint("http://127.0.0.1:9/upbit", "wss://api.upbit.com/websocket/v1"));
        assertThat(c.intervals()).containsExactly(Interval.M1, Interval.M5, Interval.M15);
        assertThat(c.largestInterval()).isEqualTo(Interval.M15);
        assertThat(c.warmupCandles()).isEqualTo(50);
        assertThat(c.closeGraceMillis()).isEqualTo(25_000);
        assertThat(c.recorderOutboxCapacity()).isEqualTo(10);
        assertThat(c.maxMessageBytes()).isEqualTo(1_024);
        assertThat(c.binance().rotateAfterMillis()).isZero();
        assertThat(c.binance().streamsPerConnection()).isEqualTo(2);
        assertThat(c.binance().restWeightLimit()).isEqualTo(600);
    }

    @Test
    void readsTheBinanceSettingsNestedInTheirVenueSectionAsTheFlatKeys() {
        JsonObject nested = new JsonObject(
                "{\"binance\":{\"rotateAfterMillis\":0,\"streamsPerConnection\":2,\"restWeightLimit\":600,"
                        + "\"usdm\":{\"wsUrl\":\"ws://127.0.0.1:9/usdm\"}}}");
        JsonObject flat = new JsonObject(
                "{\"binanceRotateAfterMillis\":0,\"binanceStreamsPerConnection\":2,\"binanceRestWeightLimit\":600,"
                        + "\"binance\":{\"usdm\":{\"wsUrl\":\"ws://127.0.0.1:9/usdm\"}}}");

        MarketConfig c = MarketConfig.fromJson(nested, "market");

        assertThat(c.binance().rotateAfterMillis()).isZero();
        assertThat(c.binance().streamsPerConnection()).isEqualTo(2);
        assertThat(c.binance().restWeightLimit()).isEqualTo(600);
        assertThat(c.binance().endpoint(Market.USDM).wsUrl()).isEqualTo("ws://127.0.0.1:9/usdm");
        assertThat(MarketConfig.fromJson(flat, "market")).isEqualTo(c);
    }

    @Test
    void feedConnectionsDefaultToOneAndCanBeSet() {
        assertThat(MarketConfig.defaults().feedConnections()).isEqualTo(1);
        MarketConfig two = MarketConfig.fromJson(new JsonObject().put("feedConnections", 2), "market");
        assertThat(two.feedConnections()).isEqualTo(2);
        assertThat(two.withInstruments(List.of()).feedConnections()).isEqualTo(2);
        assertThat(MarketConfig.defaults().withFeedConnections(3).feedConnections())
                .isEqualTo(3);
    }

    @Test
    void candleShardsDefaultToTheEventLoopCountAndCanBeSet() {
        assertThat(MarketConfig.defaults().candleShards()).isZero();
        assertThat(MarketConfig.defaults().effectiveCandleShards())
                .isEqualTo(io.vertx.core.VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
        MarketConfig three = MarketConfig.fromJson(new JsonObject().put("candleShards", 3), "market");
        assertThat(three.effectiveCandleShards()).isEqualTo(3);
        assertThat(three.withInstruments(List.of()).candleShards()).isEqualTo(3);
        assertThat(MarketConfig.defaults().withCandleShards(2).effectiveCandleShards())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"bogus\":1}|market.bogus: unknown key, expected one of binance,",
                "{\"bithumb\":{\"wsUrl\":\"foo\"}}|market.bithumb.wsUrl: expected a ws:// or wss:// URL, was 'foo'",
                "{\"bithumb\":{\"restUrl\":\"ws://x\"}}|market.bithumb.restUrl: expected an http:// or https:// URL",
                "{\"upbit\":{\"wsUrl\":\"http://x\"}}|market.upbit.wsUrl: expected a ws:// or wss:// URL",
                "{\"upbit\":5}|market.upbit: expected an object with restUrl and wsUrl",
                "{\"instruments\":[\"upbit:usdm:KRW-BTC\"]}|market.instruments[0]: market: upbit has only the spot market",
                "{\"binance\":{\"usdm\":{\"wsUrl\":\"http://x\"}}}|market.binance.usdm.wsUrl: expected a ws://",
                "{\"binance\":{\"margin\":{}}}|market.binance.margin: unknown key, expected one of coinm, restWeightLimit, rotateAfterMillis, spot, streamsPerConnection, usdm",
                "{\"binance\":{\"spot\":{\"url\":\"x\"}}}|market.binance.spot.url: unknown key, expected one of restUrl, wsUrl",
                "{\"intervals\":[\"5m\"]}|market.intervals: expected a list containing 1m",
                "{\"intervals\":[\"1m\",\"1s\"]}|market.intervals: expected intervals of whole minutes",
                "{\"intervals\":[\"1m\",\"7m\"]}|market.intervals[1]: interval: expected one of",
                "{\"intervals\":\"1m\"}|market.intervals: expected an array",
                "{\"instruments\":[\"binance:spot\"]}|market.instruments[0]: instrument: expected",
                "{\"instruments\":[\"bithumb:usdm:KRW-BTC\"]}|market.instruments[0]: market: bithumb has only",
                "{\"instruments\":[\"binance:spot:BTCUSDT\",\"binance:spot:BTCUSDT\"]}|market.instruments: expected each instrument once",
                "{\"instruments\":[5]}|market.instruments[0]: expected an instrument key",
                "{\"warmupCandles\":-1}|market.warmupCandles: expected an integer from 0 to 10000, was -1",
                "{\"warmupCandles\":\"5\"}|market.warmupCandles: expected an integer from 0 to 10000, was '5'",
                "{\"closeGraceMillis\":60000}|market.closeGraceMillis: expected an integer from 0 to 59000",
                "{\"tickMillis\":0}|market.tickMillis: expected an integer from 1 to 10000",
                "{\"reconnectMinMillis\":100,\"reconnectMaxMillis\":50}|market.reconnectMaxMillis: expected an integer from 100 to",
                "{\"recorderTimeoutMillis\":1.5}|market.recorderTimeoutMillis: expected an integer",
                "{\"maxMessageBytes\":1023}|market.maxMessageBytes: expected an integer from 1024 to 4194304, was 1023",
                "{\"maxMessageBytes\":4194305}|market.maxMessageBytes: expected an integer from 1024 to 4194304",
                "{\"binanceRotateAfterMillis\":-1}|market.binanceRotateAfterMillis: expected an integer from 0 to 86400000",
                "{\"binanceStreamsPerConnection\":0}|market.binanceStreamsPerConnection: expected an integer from 1 to 1024",
                "{\"binanceStreamsPerConnection\":1025}|market.binanceStreamsPerConnection: expected an integer from 1 to 1024",
                "{\"binanceRestWeightLimit\":0}|market.binanceRestWeightLimit: expected an integer from 1 to 6000",
                "{\"binance\":{\"rotateAfterMillis\":-1}}|market.binance.rotateAfterMillis: expected an integer from 0 to 86400000",
                "{\"binance\":{\"streamsPerConnection\":0}}|market.binance.streamsPerConnection: expected an integer from 1 to 1024",
                "{\"binance\":{\"restWeightLimit\":6001}}|market.binance.restWeightLimit: expected an integer from 1 to 6000",
                "{\"binance\":{\"restWeightLimit\":600},\"binanceRestWeightLimit\":600}|market.binanceRestWeightLimit: expected only one of market.binanceRestWeightLimit and market.binance.restWeightLimit",
                "{\"binance\":5}|market.binance: expected an object with spot, usdm and/or coinm endpoints",
                "{\"maxInstruments\":0}|market.maxInstruments: expected an integer from 1 to 10000, was 0",
                "{\"candleShards\":-1}|market.candleShards: expected an integer from 0 to 256, was -1",
                "{\"candleShards\":257}|market.candleShards: expected an integer from 0 to 256, was 257",
                "{\"feedConnections\":0}|market.feedConnections: expected an integer from 1 to 16, was 0",
                "{\"feedConnections\":17}|market.feedConnections: expected an integer from 1 to 16, was 17",
                "{\"maxInstruments\":1}|market.instruments: expected at most market.maxInstruments (1) instruments, was"
                        + " '4 instruments'",
            })
    void badValuesNameTheFieldAndWhatWasExpected(String json, String message) {
        assertThatThrownBy(() -> MarketConfig.fromJson(new JsonObject(json), "market"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void withEndpointsReplacesOnlyTheEndpoints() {
        Endpoint sim = new Endpoint("http://127.0.0.1:1/binance/spot", "ws://127.0.0.1:1/binance/spot");
        Map<Market, Endpoint> binance = Map.of(Market.SPOT, sim, Market.USDM, sim, Market.COINM, sim);
        Endpoint bithumb = new Endpoint("http://127.0.0.1:1/bithumb", "ws://127.0.0.1:1/bithumb/websocket/v1");

        MarketConfig c = MarketConfig.defaults().withEndpoints(binance, bithumb);

        assertThat(c.binance().endpoints()).isEqualTo(binance);
        assertThat(c.bithumb()).isEqualTo(bithumb);
        assertThat(c.instruments()).isEqualTo(MarketConfig.defaults().instruments());
        assertThatThrownBy(() -> MarketConfig.defaults().withEndpoints(Map.of(Market.SPOT, sim), bithumb))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("market.binance.");
        assertThatThrownBy(() -> new Endpoint("ftp://x", "ws://x")).hasMessageContaining("endpoint.restUrl");
        assertThat(MarketConfig.defaults().withInstruments(List.of()).instruments())
                .isEmpty();
    }

    @Test
    void everyCopyKeepsTheOtherFields() {
        MarketConfig base = MarketConfig.fromJson(
                new JsonObject()
                        .put("maxMessageBytes", 2_048)
                        .put("binanceRotateAfterMillis", 60_000)
                        .put("binanceStreamsPerConnection", 3)
                        .put("binanceRestWeightLimit", 100)
                        .put("maxInstruments", 7),
                "market");

        for (MarketConfig c : List.of(
                base.withEndpoints(base.binance().endpoints(), base.bithumb()),
                base.withInstruments(base.instruments()),
                base.withTimings(base.closeGraceMillis(), base.tickMillis(), base.reconnectMinMillis()))) {
            assertThat(c).isEqualTo(base);
        }
        MarketConfig split = base.withBinanceConnections(0, 2);
        assertThat(split.binance().rotateAfterMillis()).isZero();
        assertThat(split.binance().streamsPerConnection()).isEqualTo(2);
        assertThat(split.maxMessageBytes()).isEqualTo(2_048);
        assertThat(split.binance().restWeightLimit()).isEqualTo(100);
        assertThat(split.maxInstruments()).isEqualTo(7);
        assertThatThrownBy(() -> base.withBinanceConnections(0, 0))
                .hasMessageStartingWith(
                        "market.binance.streamsPerConnection: expected an integer from 1 to 1024, was 0");
    }

    @Test
    void aBuilderCopiesEverySettingAndRunsTheChecks() {
        MarketConfig base = MarketConfig.fromJson(
                new JsonObject()
                        .put("warmupCandles", 7)
                        .put("liveThrottleMillis", 11)
                        .put("recorderTimeoutMillis", 13)
                        .put("pingMillis", 17)
                        .put("recorderOutboxCapacity", 19)
                        .put("stallTimeoutMillis", 2_300)
                        .put("maxMessageBytes", 2_900)
                        .put("candleShards", 3),
                "market");

        assertThat(base.toBuilder().build()).isEqualTo(base);
        MarketConfig changed = base.toBuilder().pingMillis(31).build();
        assertThat(changed.pingMillis()).isEqualTo(31);
        assertThat(changed.toBuilder().pingMillis(base.pingMillis()).build()).isEqualTo(base);
        assertThatThrownBy(() -> base.toBuilder().tickMillis(0).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("market.tickMillis: expected an integer from 1 to 10000, was 0");
        assertThat(base.withCandleShards(5))
                .isEqualTo(base.toBuilder().candleShards(5).build());
    }
}
