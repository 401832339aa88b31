package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs in real time so a sim minute (the weight window) outlasts the test. */
@ExtendWith(VertxExtension.class)
class BinanceWeightIT {
    private ExchangeSimulator sim;
    private WebClient client;

    @BeforeEach
    void start(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(1).withHistoryMinutes(30)));
        client = WebClient.create(vertx);
    }

    @AfterEach
    void stop() {
        await(sim.close());
    }

    private HttpResponse<Buffer> get(String url) {
        return await(client.getAbs(url).send());
    }

    @Test
    void futuresWeightFollowsTheLimitTableAndIsReported() {
        String base = sim.binanceRestUrl(Market.USDM) + "/fapi/v1/klines?symbol=BTCUSDT&interval=1m";
        int first = Integer.parseInt(get(base + "&limit=99").getHeader("X-MBX-USED-WEIGHT-1M"));
        int second = Integer.parseInt(get(base + "&limit=2000").getHeader("X-MBX-USED-WEIGHT-1M"));
        int third = Integer.parseInt(get(base).getHeader("X-MBX-USED-WEIGHT-1M"));
        assertThat(first).isEqualTo(1);
        assertThat(second - first).isEqualTo(10);
        assertThat(third - second).isEqualTo(5);
    }

    @Test
    void overTheLimitGets429WithRetryAfter() {
        sim.faults().restWeightLimit(Market.SPOT, 4);
        String url = sim.binanceRestUrl(Market.SPOT) + "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1";
        assertThat(get(url).statusCode()).isEqualTo(200);
        assertThat(get(url).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> refused = get(url);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        assertThat(refused.bodyAsJsonObject().getInteger("code")).isEqualTo(-1003);
        assertThat(refused.getHeader("X-MBX-USED-WEIGHT-1M")).isEqualTo("4");
    }

    @Test
    void ignoring429sGetsTheClientBannedWith418() {
        sim.faults().restWeightLimit(Market.USDM, 1);
        String url = sim.binanceRestUrl(Market.USDM) + "/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1";
        assertThat(get(url).statusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(get(url).statusCode()).isEqualTo(429);
        }
        HttpResponse<Buffer> banned = get(url);
        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(Long.parseLong(banned.getHeader("Retry-After"))).isBetween(100L, 120L);
        assertThat(banned.bodyAsJsonObject().getString("msg"))
                .startsWith("Way too much request weight used; IP banned");
        assertThat(get(sim.binanceRestUrl(Market.SPOT) + "/api/v3/time").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRestOutageAnswers503OnBothVenues() {
        sim.faults().restOutage(30_000L);
        assertThat(get(sim.binanceRestUrl(Market.COINM) + "/dapi/v1/time").statusCode())
                .isEqualTo(503);
        HttpResponse<Buffer> bithumb = get(sim.bithumbRestUrl() + "/v1/candles/minutes/1?market=KRW-BTC");
        assertThat(bithumb.statusCode()).isEqualTo(503);
        assertThat(Integer.parseInt(bithumb.getHeader("Retry-After"))).isBetween(1, 30);
        assertThat(Integer.parseInt(
                        get(sim.binanceRestUrl(Market.SPOT) + "/api/v3/time").getHeader("Retry-After")))
                .isBetween(1, 30);
        assertThat(bithumb.bodyAsJsonObject().getJsonObject("error").getString("name"))
                .isEqualTo("server_error");
        sim.faults().restOutage(0L);
        assertThat(get(sim.binanceRestUrl(Market.COINM) + "/dapi/v1/time").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBanAnswersEveryRequestOfTheMarketWith418UntilItEnds() {
        sim.faults().restBan(Market.SPOT, 3_000L);
        String base = sim.binanceRestUrl(Market.SPOT) + "/api/v3";
        List<String> urls = List.of(
                base + "/time",
                base + "/ping",
                base + "/exchangeInfo",
                base + "/klines?symbol=BTCUSDT&interval=1m&limit=1",
                base + "/klines?symbol=BTCUSDT&interval=1m&limit=abc",
                base + "/klines?interval=1m",
                base + "/depth?symbol=BTCUSDT");
        for (String url : urls) {
            HttpResponse<Buffer> banned = get(url);
            assertThat(banned.statusCode()).as(url).isEqualTo(418);
            assertThat(Integer.parseInt(banned.getHeader("Retry-After")))
                    .as(url)
                    .isBetween(1, 3);
            assertThat(banned.bodyAsJsonObject().getInteger("code")).as(url).isEqualTo(-1003);
        }
        assertThat(get(sim.binanceRestUrl(Market.USDM) + "/fapi/v1/time").statusCode())
                .isEqualTo(200);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> get(base + "/time").statusCode() == 200);
        assertThat(get(base + "/klines?symbol=BTCUSDT&interval=1m&limit=1").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBanCanBeInjectedDirectly() {
        sim.faults().restBan(Market.SPOT, 60_000L);
        HttpResponse<Buffer> banned = get(sim.binanceRestUrl(Market.SPOT) + "/api/v3/time");
        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(banned.getHeader("Retry-After")).isEqualTo("60");
    }
}
