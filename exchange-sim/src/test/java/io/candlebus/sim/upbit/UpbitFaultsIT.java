package io.candlebus.sim.upbit;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.Json;
import io.candlebus.sim.SimTesting;
import io.candlebus.sim.WsProbe;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.FaultInjector;
import io.candlebus.sim.faults.FaultKind;
import io.candlebus.sim.faults.Faults;
import io.candlebus.sim.faults.PlannedFault;
import io.candlebus.sim.v1family.V1BadInput;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UpbitFaultsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String TRADES =
            "[{\"ticket\":\"f\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]},{\"format\":\"%s\"}]";
    private static Vertx vertx;
    private static ExchangeSimulator sim;
    private static WebClient client;

    @BeforeAll
    static void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.withUpbit(300)));
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static WsProbe subscribed(String format) {
        WsProbe probe = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        probe.send(String.format(TRADES, format));
        await().atMost(DEADLINE).until(() -> !probe.binaries.isEmpty());
        return probe;
    }

    private static HttpResponse<Buffer> get(String pathAndQuery) {
        return await(client.getAbs(sim.upbitRestUrl() + pathAndQuery).send());
    }

    @Test
    void dropClosesUpbitConnectionsAndTheCountSeesThem() {
        WsProbe probe = subscribed("DEFAULT");
        assertThat(await(sim.faults().openUpbitConnections())).isGreaterThanOrEqualTo(1);
        await(sim.faults().dropConnections());
        await().atMost(DEADLINE).until(() -> probe.closed);
        assertThat(probe.closeCode).isEqualTo((short) 1001);
        WsProbe again = subscribed("DEFAULT");
        await(sim.faults().dropUpbitConnections());
        await().atMost(DEADLINE).until(() -> again.closed);
    }

    @Test
    void aStallSendsNothingAndReplaysNothing() {
        WsProbe probe = subscribed("DEFAULT");
        long ping = vertx.setPeriodic(50, id -> probe.send("PING"));
        long stallStart = sim.clock().millis();
        await(sim.faults().stallStreams(60_000L));
        int before = probe.binaries.size();
        long stallEnd = stallStart + 60_000L;
        await().atMost(DEADLINE)
                .until(() -> sim.clock().millis() > stallEnd + 30_000L && probe.binaries.size() > before);
        vertx.cancelTimer(ping);
        List<JsonNode> after = probe.binaries.subList(before, probe.binaries.size()).stream()
                .map(Json::parse)
                .toList();
        assertThat(after)
                .as("nothing traded in the stall arrives afterwards")
                .allMatch(m -> m.get("trade_timestamp").asLong() > stallStart + 55_000L);
        probe.close();
    }

    @Test
    void garbageAndBadInputArriveAsBinaryFramesInTheConnectionsFormat() {
        WsProbe plain = subscribed("DEFAULT");
        WsProbe simple = subscribed("SIMPLE");
        long ping = vertx.setPeriodic(50, id -> {
            plain.send("PING");
            simple.send("PING");
        });
        await(sim.faults().sendGarbageFrame());
        await(sim.faults().sendBadInput(BadInput.UNKNOWN_SYMBOL));
        await(sim.faults().sendBadInput(BadInput.NEGATIVE_PRICE));
        await(sim.faults().sendBadInput(BadInput.LATE_TRADE));
        await().atMost(DEADLINE)
                .until(() -> plain.binaries.contains(Faults.GARBAGE)
                        && plain.binaries.stream().anyMatch(b -> b.contains(V1BadInput.UNKNOWN_CODE))
                        && plain.binaries.stream().anyMatch(b -> b.contains("\"trade_price\":-"))
                        && simple.binaries.stream().anyMatch(b -> b.contains("\"cd\":\"KRW-NOSUCHCOIN\""))
                        && simple.binaries.stream().anyMatch(b -> b.contains("\"tp\":-")));
        vertx.cancelTimer(ping);
        // A late trade: well formed, minutes older than what was sent before it.
        await().atMost(DEADLINE).until(() -> hasLateTrade(plain));
        plain.close();
        simple.close();
    }

    private static boolean hasLateTrade(WsProbe probe) {
        List<JsonNode> trades = probe.binaries.stream()
                .filter(b -> b.startsWith("{\"type\":\"trade\""))
                .map(Json::parse)
                .toList();
        long newest = 0;
        for (JsonNode m : trades) {
            long time = m.get("trade_timestamp").asLong();
            if (newest - time >= Faults.LATE_TRADE_AGE_MILLIS) {
                return true;
            }
            newest = Math.max(newest, time);
        }
        return false;
    }

    @Test
    void restOutageBanAndTheInjectorsRestFaultsReachUpbit() {
        // Sim minutes: at speed 300 a sim minute is 0.2 s of the test's time.
        sim.faults().restOutage(600_000L);
        HttpResponse<Buffer> outage = get("/v1/market/all");
        assertThat(outage.statusCode()).isEqualTo(503);
        assertThat(Json.parse(outage.bodyAsString()).at("/error/name").asText()).isEqualTo("server_error");
        await().atMost(DEADLINE).until(() -> get("/v1/market/all").statusCode() == 200);

        sim.faults().upbitRestBan(600_000L);
        assertThat(get("/v1/market/all").statusCode()).isEqualTo(418);
        await().atMost(DEADLINE).until(() -> get("/v1/market/all").statusCode() == 200);

        // A planned Binance ban blocks Upbit's REST for the same time.
        FaultInjector injector = new FaultInjector(vertx, sim.faults(), sim.clock());
        long at = sim.clock().millis();
        await(injector.start(List.of(new PlannedFault(1_000L, FaultKind.BAN, 600_000L, Market.SPOT, null)), at));
        await().atMost(DEADLINE).until(() -> get("/v1/market/all").statusCode() == 418);
        await().atMost(DEADLINE).until(() -> get("/v1/market/all").statusCode() == 200);
        await(injector.stop());
    }
}
