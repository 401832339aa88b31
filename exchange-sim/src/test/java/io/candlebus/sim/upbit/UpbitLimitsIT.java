package io.candlebus.sim.upbit;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ConnectionLimits;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.Json;
import io.candlebus.sim.SimTesting;
import io.candlebus.sim.WsHost;
import io.candlebus.sim.WsProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Upbit's request limits at real-time speed, where a second of sim time is a second of the test's. */
@ExtendWith(VertxExtension.class)
class UpbitLimitsIT {
    private static final String CANDLES = "/v1/candles/minutes/1?market=KRW-BTC&count=2";
    private Vertx vertx;
    private ExchangeSimulator sim;
    private WebClient client;

    @BeforeEach
    void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        // Upbit's 5 handshakes count in the Korean venues' window: a minute here, so the test cannot outrun it.
        sim = await(ExchangeSimulator.start(
                vertx,
                SimTesting.withUpbit(1)
                        .withHistoryMinutes(30)
                        .withConnectionLimits(ConnectionLimits.venues().withBithumbConnections(10, 60_000L))));
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        await(sim.close());
    }

    private List<HttpResponse<Buffer>> burst(int requests) {
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            sent.add(client.getAbs(sim.upbitRestUrl() + CANDLES).send());
        }
        await(Future.all(sent));
        return sent.stream().map(Future::result).toList();
    }

    @Test
    void overTheLimitGets429ThenAClientThatKeepsGoingIsBlockedWith418() {
        List<HttpResponse<Buffer>> answers = burst(40);
        // 10 per second: 40 requests at once span one or two seconds, a few more on a loaded machine.
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSizeBetween(10, 30);
        HttpResponse<Buffer> refused =
                answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(refused.bodyAsString()).isEqualTo("Too many API requests.");
        assertThat(refused.getHeader("Remaining-Req")).isEqualTo("group=candle; min=600; sec=0");
        assertThat(answers).filteredOn(r -> r.statusCode() == 418).isNotEmpty();
        HttpResponse<Buffer> blocked =
                await(client.getAbs(sim.upbitRestUrl() + "/v1/market/all").send());
        assertThat(blocked.statusCode()).as("the block covers every group").isEqualTo(418);
        assertThat(Json.parse(blocked.bodyAsString()).at("/error/message").asText())
                .contains("Blocked for");
    }

    @Test
    void aLoweredLimitFromTheFaultApiRefusesSooner() {
        sim.faults().upbitRestLimit(2);
        List<HttpResponse<Buffer>> answers = burst(20);
        assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSizeBetween(2, 10);
        assertThat(answers).filteredOn(r -> r.statusCode() != 200).isNotEmpty();
    }

    @Test
    void aConnectionSendingMoreThanFiveRequestsASecondIsRefusedTheSixth() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.upbitWsUrl()));
        for (int i = 0; i < 6; i++) {
            probe.send("[{\"ticket\":\"t" + i
                    + "\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"is_only_snapshot\":true}]");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.binaries.size() >= 6);
        List<JsonNode> messages = probe.binaries.stream().map(Json::parse).toList();
        assertThat(messages).filteredOn(m -> m.has("stream_type")).hasSize(5);
        assertThat(messages).filteredOn(m -> m.has("error")).singleElement().satisfies(m -> assertThat(
                        m.at("/error/name").asText())
                .isEqualTo("TOO_MANY_REQUESTS"));
        probe.close();
    }

    @Test
    void theSixthHandshakeWithinTheWindowIsRefused() {
        List<WsProbe> open = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try {
                open.add(await(WsProbe.connect(vertx, sim.upbitWsUrl())));
            } catch (AssertionError e) {
                // Judged by what the server admitted below: on a loaded machine an admitted handshake can be
                // closed before the client completes it, and the probe's retry then meets the cap.
            }
        }
        assertThat(WsProbe.refusedStatus(vertx, sim.upbitWsUrl())).isEqualTo(429);
        assertThat(sim.connectionStats().openedCount(WsHost.UPBIT)).isEqualTo(5);
        assertThat(sim.connectionStats().refusedForAttemptsCount(WsHost.UPBIT)).isGreaterThanOrEqualTo(2);
        // Bithumb's handshakes count apart: its connection is admitted.
        await(WsProbe.connect(vertx, sim.bithumbWsUrl())).close();
        open.forEach(WsProbe::close);
    }
}
