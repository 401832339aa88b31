package io.candlebus.sim.upbit;

import static io.candlebus.sim.SimTesting.UPBIT_BTC;
import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.Json;
import io.candlebus.sim.SimTesting;
import io.candlebus.sim.WsProbe;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UpbitStreamIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String TRADES =
            "[{\"ticket\":\"it-1\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\",\"KRW-ETH\"]},{\"format\":\"%s\"}]";
    private static Vertx vertx;
    private static ExchangeSimulator sim;

    @BeforeAll
    static void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.withUpbit(300)));
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    /** Keeps a connection alive as a client must: a text PING well within the 120 s sim idle limit. */
    private static long keepAlive(WsProbe probe) {
        return vertx.setPeriodic(50, id -> probe.send("PING"));
    }

    private static List<JsonNode> messages(WsProbe probe) {
        return probe.binaries.stream().map(Json::parse).toList();
    }

    @Test
    void binaryTradesSnapshotThenRealtimeAggregateToTheTruthCandle() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        long ping = keepAlive(probe);
        long connectedAt = sim.clock().millis();
        probe.send(String.format(TRADES, "DEFAULT"));
        long minute = (connectedAt / 60_000L + 2) * 60_000L;
        await().atMost(DEADLINE).until(() -> messages(probe).stream()
                .anyMatch(m -> m.get("code").asText().equals("KRW-BTC")
                        && m.get("trade_timestamp").asLong() >= minute + 60_000L));
        vertx.cancelTimer(ping);
        assertThat(probe.textJson()).as("only status answers come as text").allMatch(m -> m.containsKey("status"));
        List<JsonNode> all = messages(probe);
        assertThat(all.subList(0, 2))
                .allMatch(m -> m.get("stream_type").asText().equals("SNAPSHOT"))
                .extracting(m -> m.get("code").asText())
                .containsExactly("KRW-BTC", "KRW-ETH");
        List<JsonNode> realtime = all.subList(2, all.size());
        assertThat(realtime).allMatch(m -> m.get("stream_type").asText().equals("REALTIME"));
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < realtime.size(); i++) {
            JsonNode m = realtime.get(i);
            if (i > 0) {
                assertThat(m.get("trade_timestamp").asLong())
                        .isGreaterThanOrEqualTo(
                                realtime.get(i - 1).get("trade_timestamp").asLong());
            }
            assertThat(m.get("type").asText()).isEqualTo("trade");
            assertThat(m.get("sequential_id").isIntegralNumber())
                    .as("sequential_id is a JSON number on Upbit")
                    .isTrue();
            assertThat(ids.add(m.get("code").asText() + "/"
                            + m.get("sequential_id").asLong()))
                    .isTrue();
            assertThat(m.get("trade_date").asText() + "T" + m.get("trade_time").asText())
                    .as("trade_date and trade_time are UTC on Upbit")
                    .isEqualTo(iso.format(LocalDateTime.ofInstant(
                            Instant.ofEpochMilli(m.get("trade_timestamp").asLong()), ZoneOffset.UTC)));
            assertThat(m.has("best_ask_price") && m.has("best_bid_size")).isTrue();
        }
        Candle truth = SimTesting.truthAt(sim, UPBIT_BTC, minute);
        BigDecimal volume = realtime.stream()
                .filter(m -> m.get("code").asText().equals("KRW-BTC"))
                .filter(m -> m.get("trade_timestamp").asLong() / 60_000L * 60_000L == minute)
                .map(m -> Json.decimal(m.get("trade_volume")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(volume).isEqualByComparingTo(truth.volume());
        probe.close();
    }

    @Test
    void simpleAndListFormatsAbbreviateAndWrap() {
        WsProbe simple = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        simple.send(String.format(TRADES, "SIMPLE"));
        WsProbe list = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        list.send(String.format(TRADES, "SIMPLE_LIST"));
        await().atMost(DEADLINE).until(() -> simple.binaries.size() >= 2 && list.binaries.size() >= 2);
        JsonNode first = Json.parse(simple.binaries.get(0));
        assertThat(first.get("ty").asText()).isEqualTo("trade");
        assertThat(first.get("cd").asText()).isEqualTo("KRW-BTC");
        assertThat(first.get("st").asText()).isEqualTo("SNAPSHOT");
        assertThat(first.has("tp") && first.has("tv") && first.has("ttms") && first.has("sid"))
                .isTrue();
        assertThat(first.has("trade_price")).isFalse();
        JsonNode wrapped = Json.parse(list.binaries.get(0));
        assertThat(wrapped.isArray()).isTrue();
        assertThat(wrapped).hasSize(1);
        assertThat(wrapped.get(0).fieldNames()).toIterable().containsExactlyElementsOf(() -> first.fieldNames());
        simple.close();
        list.close();
    }

    @Test
    void onlySnapshotSendsOneMessagePerCodeAndOnlyRealtimeNone() {
        WsProbe snapshot = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        long ping = keepAlive(snapshot);
        snapshot.send("[{\"ticket\":\"s\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_snapshot\":true}]");
        WsProbe realtime = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        long ping2 = keepAlive(realtime);
        realtime.send("[{\"ticket\":\"r\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":true}]");
        long until = sim.clock().millis() + 90_000L;
        await().atMost(DEADLINE).until(() -> sim.clock().millis() > until && realtime.binaries.size() > 5);
        vertx.cancelTimer(ping);
        vertx.cancelTimer(ping2);
        assertThat(messages(snapshot))
                .singleElement()
                .satisfies(m -> assertThat(m.get("stream_type").asText()).isEqualTo("SNAPSHOT"));
        assertThat(messages(realtime))
                .allMatch(m -> m.get("stream_type").asText().equals("REALTIME"));
        snapshot.close();
        realtime.close();
    }

    @Test
    void pingIsAnsweredAgainEveryTenSecondsAndAnIdleLinkIsClosed() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        probe.send("PING");
        await().atMost(DEADLINE).until(() -> probe.closed);
        long statuses =
                probe.texts.stream().filter("{\"status\":\"UP\"}"::equals).count();
        assertThat(statuses)
                .as("one answer, then one every 10 s of sim time until the 120 s idle close")
                .isGreaterThanOrEqualTo(3);
        assertThat(probe.closeCode).isEqualTo((short) 1000);
    }

    @Test
    void malformedRequestsGetUpbitErrorObjects() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        long ping = keepAlive(probe);
        probe.send("not json");
        probe.send("[{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]}]");
        probe.send("[{\"ticket\":\"t\"}]");
        probe.send("[{\"ticket\":\"t\"},{\"type\":\"trade\"}]");
        await().atMost(DEADLINE).until(() -> probe.binaries.size() >= 4);
        probe.send("[{\"ticket\":\"t\"},{\"type\":\"trade\",\"codes\":[\"krw-btc\"]}]");
        probe.send("[{\"ticket\":\"t\"},{\"type\":\"candle.1m\",\"codes\":[\"KRW-BTC\"]}]");
        await().atMost(DEADLINE).until(() -> probe.binaries.size() >= 6);
        vertx.cancelTimer(ping);
        assertThat(messages(probe))
                .extracting(m -> m.at("/error/name").asText())
                .containsExactly("WRONG_FORMAT", "NO_TICKET", "NO_TYPE", "NO_CODES", "INVALID_PARAM", "INVALID_PARAM");
        assertThat(probe.closed).as("an error does not close the connection").isFalse();
        probe.close();
    }
}
