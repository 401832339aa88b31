package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BithumbRestIT {
    private static final DateTimeFormatter KST_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
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

    private static HttpResponse<Buffer> get(String pathAndQuery) {
        return await(client.getAbs(sim.bithumbRestUrl() + pathAndQuery).send());
    }

    private static long utc(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void candlesPageBackwardNewestFirstWithoutEmptyMinutesAndEqualTruth() {
        Map<Long, JsonNode> rows = new TreeMap<>();
        long before = sim.clock().millis();
        String to = null;
        for (int page = 0; page < 20; page++) {
            String query = "/v1/candles/minutes/1?market=KRW-ETH&count=40"
                    + (to == null ? "" : "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
            HttpResponse<Buffer> r = get(query);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode body = Json.parse(r.bodyAsString());
            if (body.isEmpty()) {
                break;
            }
            for (int i = 1; i < body.size(); i++) {
                assertThat(utc(body.get(i).get("candle_date_time_utc").asText()))
                        .isLessThan(
                                utc(body.get(i - 1).get("candle_date_time_utc").asText()));
            }
            for (JsonNode row : body) {
                long open = utc(row.get("candle_date_time_utc").asText());
                assertThat(utc(row.get("candle_date_time_kst").asText()) - open).isEqualTo(9 * 3_600_000L);
                if (open + 60_000L <= before) {
                    rows.put(open, row);
                }
            }
            to = body.get(body.size() - 1).get("candle_date_time_kst").asText();
        }
        List<Candle> minutes = sim.truth(SimTesting.KRW_ETH).stream()
                .filter(c -> c.endTime() <= before)
                .toList();
        // The truth has a flat candle for a minute without trades (ADR 0004); Bithumb's REST has no row.
        List<Candle> truth = minutes.stream().filter(c -> c.tradeCount() > 0).toList();
        assertThat(rows.keySet())
                .containsExactlyElementsOf(truth.stream().map(Candle::openTime).toList());
        assertThat(truth.size()).as("some minutes have no trade and no candle").isLessThan(minutes.size());
        for (Candle c : truth) {
            JsonNode row = rows.get(c.openTime());
            assertThat(row.get("market").asText()).isEqualTo("KRW-ETH");
            assertThat(Json.decimal(row.get("opening_price"))).isEqualByComparingTo(c.open());
            assertThat(Json.decimal(row.get("high_price"))).isEqualByComparingTo(c.high());
            assertThat(Json.decimal(row.get("low_price"))).isEqualByComparingTo(c.low());
            assertThat(Json.decimal(row.get("trade_price"))).isEqualByComparingTo(c.close());
            assertThat(Json.decimal(row.get("candle_acc_trade_price"))).isEqualByComparingTo(c.quoteVolume());
            assertThat(Json.decimal(row.get("candle_acc_trade_volume"))).isEqualByComparingTo(c.volume());
            assertThat(row.get("timestamp").asLong()).isBetween(c.openTime(), c.closeTime());
            assertThat(row.get("unit").asInt()).isEqualTo(1);
        }
    }

    @Test
    void numbersAreWrittenFromTheirExactDecimalText() {
        String body = get("/v1/candles/minutes/1?market=KRW-BTC&count=200").bodyAsString();
        assertThat(body).doesNotContain("E+", "E-", "000000001,", "999999,");
        JsonNode rows = Json.parse(body);
        assertThat(rows.size()).isGreaterThan(150);
        for (JsonNode row : rows) {
            assertThat(row.get("opening_price").isIntegralNumber()).isTrue();
            assertThat(row.get("candle_acc_trade_volume").decimalValue().scale())
                    .isLessThanOrEqualTo(4);
        }
    }

    @Test
    void toIsAnExclusiveNaiveKstBound() {
        List<Candle> truth = sim.truth(SimTesting.KRW_BTC);
        Candle c = truth.get(50);
        String kst = KST_TEXT.format(Instant.ofEpochMilli(c.openTime()).atOffset(ZoneOffset.ofHours(9)));
        JsonNode rows = Json.parse(
                get("/v1/candles/minutes/1?market=KRW-BTC&count=3&to=" + URLEncoder.encode(kst, StandardCharsets.UTF_8))
                        .bodyAsString());
        assertThat(rows).hasSize(3);
        assertThat(utc(rows.get(0).get("candle_date_time_utc").asText())).isLessThan(c.openTime());
        assertThat(utc(rows.get(0).get("candle_date_time_utc").asText()))
                .isEqualTo(truth.get(49).openTime());
    }

    @Test
    void anOffsetInToIsRefused() {
        for (String to : List.of("2026-01-01T09:00:00Z", "2026-01-01T09:00:00+09:00", "20260101090000")) {
            HttpResponse<Buffer> r =
                    get("/v1/candles/minutes/1?market=KRW-BTC&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Json.parse(r.bodyAsString()).get("error").get("name").asText())
                    .isEqualTo("invalid_parameter");
        }
    }

    @Test
    void fiveMinuteCandlesAggregateTheMinutes() {
        List<Candle> truth = sim.truth(SimTesting.KRW_BTC);
        long open = (truth.get(20).openTime() / 300_000L) * 300_000L;
        String to = KST_TEXT.format(Instant.ofEpochMilli(open + 300_000L).atOffset(ZoneOffset.ofHours(9)))
                .replace(' ', 'T');
        JsonNode rows = Json.parse(
                get("/v1/candles/minutes/5?market=KRW-BTC&count=1&to=" + to).bodyAsString());
        assertThat(rows).hasSize(1);
        List<Candle> minutes = truth.stream()
                .filter(c -> c.openTime() >= open && c.openTime() < open + 300_000L)
                .toList();
        JsonNode row = rows.get(0);
        assertThat(utc(row.get("candle_date_time_utc").asText())).isEqualTo(open);
        assertThat(row.get("unit").asInt()).isEqualTo(5);
        assertThat(Json.decimal(row.get("candle_acc_trade_volume")))
                .isEqualByComparingTo(minutes.stream().map(Candle::volume).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(Json.decimal(row.get("trade_price")))
                .isEqualByComparingTo(minutes.get(minutes.size() - 1).close());
    }

    @Test
    void newestRowIsTheMinuteInProgressOnceItHasATrade() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            long before = sim.clock().millis();
            JsonNode rows =
                    Json.parse(get("/v1/candles/minutes/1?market=KRW-BTC").bodyAsString());
            long after = sim.clock().millis();
            assertThat(rows).hasSize(1);
            long open = utc(rows.get(0).get("candle_date_time_utc").asText());
            assertThat(open + 60_000L).isGreaterThan(before);
            assertThat(open).isLessThanOrEqualTo(after);
            assertThat(rows.get(0).get("timestamp").asLong()).isLessThanOrEqualTo(after);
        });
    }

    @Test
    void marketListAndTickerAnswer() {
        JsonNode markets = Json.parse(get("/v1/market/all?isDetails=false").bodyAsString());
        assertThat(markets.findValuesAsText("market")).containsExactly("KRW-BTC", "KRW-ETH");
        JsonNode tickers = Json.parse(get("/v1/ticker?markets=KRW-BTC,KRW-ETH").bodyAsString());
        assertThat(tickers).hasSize(2);
        assertThat(tickers.get(0).get("market").asText()).isEqualTo("KRW-BTC");
        assertThat(tickers.get(0).get("trade_price").isNumber()).isTrue();
        assertThat(tickers.get(0).get("acc_trade_volume_24h").decimalValue()).isPositive();
        HttpResponse<Buffer> unknown = get("/v1/ticker?markets=KRW-XRP");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknown.bodyAsString()).at("/error/name").isInt())
                .as("an error named after its HTTP status carries a number, as real replies do")
                .isTrue();
    }

    @Test
    void theAlternateFormsSendRestNumbersAsStringsAndErrorNamesAsStrings(Vertx vertx) {
        ExchangeSimulator alternate =
                await(ExchangeSimulator.start(vertx, SimTesting.config(600).withWireForms(WireForms.alternate())));
        try {
            // A page wholly in the history both simulators share: the same seed gives the same rows.
            String query = "/v1/candles/minutes/1?market=KRW-BTC&count=5&to="
                    + URLEncoder.encode("2026-01-01 08:00:00", StandardCharsets.UTF_8);
            JsonNode numbers = Json.parse(get(query).bodyAsString());
            JsonNode strings = Json.parse(
                    await(client.getAbs(alternate.bithumbRestUrl() + query).send())
                            .bodyAsString());
            assertThat(numbers).hasSize(5);
            assertThat(strings).hasSize(5);
            for (int i = 0; i < 5; i++) {
                for (String field : List.of(
                        "opening_price",
                        "high_price",
                        "low_price",
                        "trade_price",
                        "timestamp",
                        "candle_acc_trade_price",
                        "candle_acc_trade_volume",
                        "unit")) {
                    JsonNode number = numbers.get(i).get(field);
                    JsonNode string = strings.get(i).get(field);
                    assertThat(number.isNumber()).as("default %s", field).isTrue();
                    assertThat(string.isTextual()).as("alternate %s", field).isTrue();
                    assertThat(string.asText()).matches("[0-9]+(\\.[0-9]+)?");
                    assertThat(new BigDecimal(string.asText())).isEqualByComparingTo(Json.decimal(number));
                }
            }
            JsonNode ticker = Json.parse(await(client.getAbs(alternate.bithumbRestUrl() + "/v1/ticker?markets=KRW-BTC")
                                    .send())
                            .bodyAsString())
                    .get(0);
            assertThat(ticker.get("trade_price").isTextual()).isTrue();
            assertThat(ticker.get("trade_timestamp").isTextual()).isTrue();
            HttpResponse<Buffer> unknown =
                    await(client.getAbs(alternate.bithumbRestUrl() + "/v1/ticker?markets=KRW-XRP")
                            .send());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(Json.parse(unknown.bodyAsString()).at("/error/name").asText())
                    .isEqualTo("404");
            assertThat(Json.parse(unknown.bodyAsString()).at("/error/name").isTextual())
                    .isTrue();
        } finally {
            await(alternate.close());
        }
    }
}
