package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BinanceRestIT {
    private static ExchangeSimulator sim;
    private static WebClient client;

    @BeforeAll
    static void start(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(600)));
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static HttpResponse<Buffer> get(String url) {
        return await(client.getAbs(url).send());
    }

    /** Rows whose close time had passed before the request was sent, keyed by open time. */
    private static void collectClosed(JsonNode rows, long before, Map<Long, JsonNode> into) {
        for (JsonNode row : rows) {
            if (row.get(6).asLong() < before) {
                into.put(row.get(0).asLong(), row);
            }
        }
    }

    private static void assertRowEqualsTruth(JsonNode row, Candle truth) {
        assertThat(row.get(0).asLong()).isEqualTo(truth.openTime());
        assertThat(Json.decimal(row.get(1))).isEqualByComparingTo(truth.open());
        assertThat(Json.decimal(row.get(2))).isEqualByComparingTo(truth.high());
        assertThat(Json.decimal(row.get(3))).isEqualByComparingTo(truth.low());
        assertThat(Json.decimal(row.get(4))).isEqualByComparingTo(truth.close());
        assertThat(Json.decimal(row.get(5))).isEqualByComparingTo(truth.volume());
        assertThat(row.get(6).asLong()).isEqualTo(truth.closeTime());
        assertThat(Json.decimal(row.get(7))).isEqualByComparingTo(truth.quoteVolume());
        assertThat(row.get(8).asLong()).isEqualTo(truth.tradeCount());
        assertThat(Json.decimal(row.get(9))).isEqualByComparingTo(truth.takerBuyBaseVolume());
        assertThat(Json.decimal(row.get(10))).isEqualByComparingTo(truth.takerBuyQuoteVolume());
    }

    private static void assertMatchesTruth(Instrument instrument, Map<Long, JsonNode> rows) {
        List<Candle> truth = sim.truth(instrument);
        long origin = truth.get(0).openTime();
        assertThat(rows).isNotEmpty();
        assertThat(rows.keySet().iterator().next()).isEqualTo(origin);
        long last = ((TreeMap<Long, JsonNode>) rows).lastKey();
        int compared = 0;
        for (Candle c : truth) {
            if (c.openTime() > last) {
                break;
            }
            assertThat(rows).containsKey(c.openTime());
            assertRowEqualsTruth(rows.get(c.openTime()), c);
            compared++;
        }
        assertThat(compared).isEqualTo(rows.size()).isGreaterThanOrEqualTo(180);
    }

    @Test
    void spotPagesForwardFromStartTimeAndAgreesWithTruth() {
        String base = sim.binanceRestUrl(Market.SPOT) + "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=70";
        long origin = sim.truth(SimTesting.SPOT_BTC).get(0).openTime();
        Map<Long, JsonNode> rows = new TreeMap<>();
        long startTime = origin - 3_600_000L;
        for (int page = 0; page < 20; page++) {
            long before = sim.clock().millis();
            HttpResponse<Buffer> r = get(base + "&startTime=" + startTime);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("X-MBX-USED-WEIGHT-1M")).isNotNull();
            JsonNode body = Json.parse(r.bodyAsString());
            for (int i = 1; i < body.size(); i++) {
                assertThat(body.get(i).get(0).asLong() - body.get(i - 1).get(0).asLong())
                        .isEqualTo(60_000L);
            }
            collectClosed(body, before, rows);
            boolean reachedTheOpenKline =
                    body.isEmpty() || body.get(body.size() - 1).get(6).asLong() >= before;
            if (reachedTheOpenKline) {
                break;
            }
            startTime = ((TreeMap<Long, JsonNode>) rows).lastKey() + 60_000L;
        }
        assertMatchesTruth(SimTesting.SPOT_BTC, rows);
    }

    @Test
    void spotWithoutBoundsEndsWithTheOpenKline() {
        long before = sim.clock().millis();
        JsonNode body =
                Json.parse(get(sim.binanceRestUrl(Market.SPOT) + "/api/v3/klines?symbol=ETHUSDT&interval=1m&limit=5")
                        .bodyAsString());
        long after = sim.clock().millis();
        assertThat(body).hasSize(5);
        JsonNode last = body.get(4);
        assertThat(last.get(6).asLong()).isGreaterThanOrEqualTo(before);
        assertThat(last.get(0).asLong()).isLessThanOrEqualTo(after);
        assertThat(last.get(11).asText()).isEqualTo("0");
        assertThat(last.get(1).isTextual()).isTrue();
        assertThat(last.get(0).isIntegralNumber()).isTrue();
        assertThat(last.get(8).isIntegralNumber()).isTrue();
    }

    @Test
    void coinmPagesBackwardFromEndTimeAndAgreesWithTruth() {
        String base = sim.binanceRestUrl(Market.COINM) + "/dapi/v1/klines?symbol=BTCUSD_PERP&interval=1m&limit=70";
        Map<Long, JsonNode> rows = new TreeMap<>();
        long before = sim.clock().millis();
        long endTime = before;
        for (int page = 0; page < 20; page++) {
            HttpResponse<Buffer> r = get(base + "&endTime=" + endTime);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = Json.parse(r.bodyAsString());
            if (body.isEmpty()) {
                break;
            }
            assertThat(body.get(body.size() - 1).get(0).asLong()).isLessThanOrEqualTo(endTime);
            collectClosed(body, before, rows);
            endTime = body.get(0).get(0).asLong() - 1;
        }
        assertMatchesTruth(SimTesting.COINM_BTC, rows);
    }

    @Test
    void coinmReturnsTheNewestRowsBeforeEndTimeWhenBothBoundsAreGiven() {
        List<Candle> truth = sim.truth(SimTesting.COINM_BTC);
        long start = truth.get(0).openTime();
        long end = truth.get(99).openTime();
        JsonNode body = Json.parse(get(sim.binanceRestUrl(Market.COINM)
                        + "/dapi/v1/klines?symbol=BTCUSD_PERP&interval=1m&limit=10&startTime=" + start + "&endTime="
                        + end)
                .bodyAsString());
        assertThat(body).hasSize(10);
        assertThat(body.get(0).get(0).asLong()).isEqualTo(truth.get(90).openTime());
        assertThat(body.get(9).get(0).asLong()).isEqualTo(end);
    }

    @Test
    void spotWithBothBoundsPagesForwardFromStartTime() {
        List<Candle> truth = sim.truth(SimTesting.SPOT_BTC);
        long start = truth.get(0).openTime();
        long end = truth.get(99).openTime();
        JsonNode body = Json.parse(get(sim.binanceRestUrl(Market.SPOT)
                        + "/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=10&startTime=" + start + "&endTime=" + end)
                .bodyAsString());
        assertThat(body).hasSize(10);
        assertThat(body.get(0).get(0).asLong()).isEqualTo(start);
        assertRowEqualsTruth(body.get(3), truth.get(3));
    }

    @Test
    void usdmFiveMinuteKlinesAggregateTheMinutes() {
        List<Candle> truth = sim.truth(SimTesting.USDM_BTC);
        long open = (truth.get(10).openTime() / 300_000L) * 300_000L;
        JsonNode body = Json.parse(get(sim.binanceRestUrl(Market.USDM)
                        + "/fapi/v1/klines?symbol=BTCUSDT&interval=5m&limit=1&startTime=" + open)
                .bodyAsString());
        assertThat(body).hasSize(1);
        List<Candle> minutes = truth.stream()
                .filter(c -> c.openTime() >= open && c.openTime() < open + 300_000L)
                .toList();
        assertThat(minutes).hasSize(5);
        JsonNode row = body.get(0);
        assertThat(row.get(6).asLong()).isEqualTo(open + 300_000L - 1);
        assertThat(row.get(8).asLong())
                .isEqualTo(minutes.stream().mapToLong(Candle::tradeCount).sum());
        assertThat(Json.decimal(row.get(5)))
                .isEqualByComparingTo(minutes.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(Json.decimal(row.get(4))).isEqualByComparingTo(minutes.get(4).close());
    }

    @Test
    void unknownSymbolIsInvalidSymbol() {
        HttpResponse<Buffer> r = get(sim.binanceRestUrl(Market.SPOT) + "/api/v3/klines?symbol=BTCUSD_PERP&interval=1m");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsString()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        assertThat(r.getHeader("X-MBX-USED-WEIGHT-1M")).isNotNull();
    }

    @Test
    void badParametersGetBinanceCodes() {
        String base = sim.binanceRestUrl(Market.USDM) + "/fapi/v1/klines";
        assertThat(Json.parse(get(base + "?interval=1m").bodyAsString())
                        .get("code")
                        .asInt())
                .isEqualTo(-1102);
        assertThat(Json.parse(get(base + "?symbol=BTCUSDT&interval=1m&startTime=abc")
                                .bodyAsString())
                        .get("code")
                        .asInt())
                .isEqualTo(-1100);
        assertThat(Json.parse(get(base + "?symbol=BTCUSDT&interval=7m").bodyAsString())
                        .get("code")
                        .asInt())
                .isEqualTo(-1120);
    }

    @Test
    void timeEndpointsAnswerTheSimClock() {
        for (String path :
                List.of("/binance/spot/api/v3/time", "/binance/usdm/fapi/v1/time", "/binance/coinm/dapi/v1/time")) {
            long before = sim.clock().millis();
            JsonNode body =
                    Json.parse(get("http://127.0.0.1:" + sim.port() + path).bodyAsString());
            assertThat(body.get("serverTime").asLong())
                    .isBetween(before, sim.clock().millis());
        }
    }
}
