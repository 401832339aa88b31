package io.candlebus.sim.upbit;

import static io.candlebus.sim.SimTesting.UPBIT_BTC;
import static io.candlebus.sim.SimTesting.UPBIT_ETH;
import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.ExchangeSimulator;
import io.candlebus.sim.Json;
import io.candlebus.sim.SimTesting;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UpbitRestIT {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static ExchangeSimulator sim;
    private static WebClient client;

    @BeforeAll
    static void start(Vertx vertx) {
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.withUpbit(600).withHistoryMinutes(300)));
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        await(sim.close());
    }

    private static HttpResponse<Buffer> get(String pathAndQuery) {
        return await(client.getAbs(sim.upbitRestUrl() + pathAndQuery).send());
    }

    private static long utc(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void minuteCandlesPageBackwardNewestFirstWithoutEmptyMinutesAndEqualTruth() {
        Map<Long, JsonNode> rows = new TreeMap<>();
        long before = sim.clock().millis();
        String to = null;
        for (int page = 0; page < 20; page++) {
            HttpResponse<Buffer> r = get(
                    "/v1/candles/minutes/1?market=KRW-ETH&count=40" + (to == null ? "" : "&to=" + encoded(to + "Z")));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.getHeader("Remaining-Req")).matches("group=candle; min=600; sec=[0-9]");
            JsonNode body = Json.parse(r.bodyAsString());
            if (body.isEmpty()) {
                break;
            }
            assertThat(r.bodyAsString())
                    .as("eight decimals, as captured replies show")
                    .containsPattern("\"opening_price\":[0-9]+\\.[0-9]{8},");
            long previous = Long.MAX_VALUE;
            for (JsonNode row : body) {
                long open = utc(row.get("candle_date_time_utc").asText());
                assertThat(open).as("newest first").isLessThan(previous);
                previous = open;
                assertThat(utc(row.get("candle_date_time_kst").asText())).isEqualTo(open + 9 * 3_600_000L);
                assertThat(row.get("unit").asInt()).isEqualTo(1);
                assertThat(row.get("trade_price").isNumber()).isTrue();
                rows.put(open, row);
            }
            // Upbit reads a zoneless or Z time as UTC: the next page ends before the oldest row returned.
            to = body.get(body.size() - 1).get("candle_date_time_utc").asText();
        }
        List<Candle> truth = sim.truth(UPBIT_ETH);
        assertThat(truth.stream().filter(c -> c.volume().signum() == 0)).isNotEmpty();
        int compared = 0;
        for (Candle c : truth) {
            if (c.openTime() + 60_000L > before) {
                // Still open when the first page was read: that row holds part of the minute.
                continue;
            }
            JsonNode row = rows.get(c.openTime());
            if (c.volume().signum() == 0) {
                assertThat(row)
                        .as("no row for the empty minute %s", c.openTime())
                        .isNull();
                continue;
            }
            assertThat(row).as("row for %s", c.openTime()).isNotNull();
            assertThat(Json.decimal(row.get("opening_price"))).isEqualByComparingTo(c.open());
            assertThat(Json.decimal(row.get("high_price"))).isEqualByComparingTo(c.high());
            assertThat(Json.decimal(row.get("low_price"))).isEqualByComparingTo(c.low());
            assertThat(Json.decimal(row.get("trade_price"))).isEqualByComparingTo(c.close());
            assertThat(Json.decimal(row.get("candle_acc_trade_volume"))).isEqualByComparingTo(c.volume());
            assertThat(Json.decimal(row.get("candle_acc_trade_price"))).isEqualByComparingTo(c.quoteVolume());
            assertThat(row.get("timestamp").asLong()).isBetween(c.openTime(), c.openTime() + 59_999L);
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void toIsReadAsUtcWithoutAZoneAndHonoursAnOffset() {
        long now = sim.clock().millis();
        long to = (now / 300_000L - 6) * 300_000L;
        String utcText = ISO.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(to), ZoneOffset.UTC));
        String kstText =
                ISO.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(to), ZoneOffset.ofHours(9))) + "+09:00";
        String naive = get("/v1/candles/minutes/5?market=KRW-BTC&count=3&to=" + encoded(utcText.replace('T', ' ')))
                .bodyAsString();
        String zulu = get("/v1/candles/minutes/5?market=KRW-BTC&count=3&to=" + encoded(utcText + "Z"))
                .bodyAsString();
        String offset = get("/v1/candles/minutes/5?market=KRW-BTC&count=3&to=" + encoded(kstText))
                .bodyAsString();
        assertThat(zulu).isEqualTo(naive).isEqualTo(offset);
        JsonNode rows = Json.parse(naive);
        assertThat(rows).hasSize(3);
        assertThat(utc(rows.get(0).get("candle_date_time_utc").asText()))
                .as("exclusive of to, buckets aligned to UTC")
                .isEqualTo(to - 5 * 60_000L);
    }

    @Test
    void dayCandlesAreUtcDaysWithThePreviousClose() {
        long before = sim.clock().millis();
        HttpResponse<Buffer> r = get("/v1/candles/days?market=KRW-BTC&count=2");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode rows = Json.parse(r.bodyAsString());
        assertThat(rows)
                .as("the history (300 minutes before 00:00:05 UTC) spans two UTC days")
                .hasSize(2);
        JsonNode today = rows.get(0);
        assertThat(utc(rows.get(1).get("candle_date_time_utc").asText()))
                .isEqualTo(utc(today.get("candle_date_time_utc").asText()) - 86_400_000L);
        long day = utc(today.get("candle_date_time_utc").asText());
        assertThat(day % 86_400_000L).isZero();
        assertThat(today.get("candle_date_time_kst").asText()).endsWith("T09:00:00");
        List<Candle> truth = sim.truth(UPBIT_BTC);
        BigDecimal volume = truth.stream()
                .filter(c -> c.openTime() >= day && c.openTime() + 60_000L <= before)
                .map(Candle::volume)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(Json.decimal(today.get("candle_acc_trade_volume"))).isGreaterThanOrEqualTo(volume);
        Candle first = truth.stream()
                .filter(c -> c.openTime() >= day && c.volume().signum() > 0)
                .findFirst()
                .orElseThrow();
        assertThat(Json.decimal(today.get("opening_price"))).isEqualByComparingTo(first.open());
        assertThat(Json.decimal(today.get("prev_closing_price")))
                .isEqualByComparingTo(Json.decimal(rows.get(1).get("trade_price")));
        BigDecimal change =
                Json.decimal(today.get("trade_price")).subtract(Json.decimal(today.get("prev_closing_price")));
        assertThat(Json.decimal(today.get("change_price"))).isEqualByComparingTo(change);
    }

    @Test
    void aWholeDayOfTheDemoMarketsSumsExactly(Vertx vertx) {
        ExchangeSimulator days = await(ExchangeSimulator.start(
                vertx,
                SimTesting.config(600)
                        .withHistoryMinutes(2 * 1440)
                        .withInstruments(io.candlebus.sim.SimConfig.upbitDemoInstruments())));
        try {
            for (Instrument i : List.of(UPBIT_BTC, Instrument.parse("upbit:spot:KRW-ETH"))) {
                HttpResponse<Buffer> r =
                        await(client.getAbs(days.upbitRestUrl() + "/v1/candles/days?count=3&market=" + i.symbol())
                                .send());
                assertThat(r.statusCode()).isEqualTo(200);
                JsonNode yesterday = Json.parse(r.bodyAsString()).get(1);
                long day = utc(yesterday.get("candle_date_time_utc").asText());
                BigDecimal turnover = days.truth(i).stream()
                        .filter(c -> c.openTime() >= day && c.openTime() < day + 86_400_000L)
                        .map(Candle::quoteVolume)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(Json.decimal(yesterday.get("candle_acc_trade_price")))
                        .isEqualByComparingTo(turnover);
            }
        } finally {
            await(days.close());
        }
    }

    @Test
    void recentTradesPageBackwardByCursor() {
        JsonNode first =
                Json.parse(get("/v1/trades/ticks?market=KRW-BTC&count=5").bodyAsString());
        assertThat(first).hasSize(5);
        List<Long> times = new ArrayList<>();
        for (JsonNode t : first) {
            assertThat(t.get("sequential_id").isIntegralNumber()).isTrue();
            assertThat(t.get("ask_bid").asText()).isIn("ASK", "BID");
            long time = t.get("timestamp").asLong();
            assertThat(t.get("trade_date_utc").asText() + "T"
                            + t.get("trade_time_utc").asText())
                    .isEqualTo(ISO.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC)));
            times.add(time);
        }
        assertThat(times).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        long cursor = first.get(4).get("sequential_id").asLong();
        JsonNode next = Json.parse(
                get("/v1/trades/ticks?market=KRW-BTC&count=5&cursor=" + cursor).bodyAsString());
        assertThat(next).hasSize(5);
        assertThat(next.get(0).get("timestamp").asLong()).isLessThanOrEqualTo(times.get(4));
        assertThat(next.get(0).get("sequential_id").asLong()).isLessThan(cursor);
    }

    @Test
    void marketListHasTheUpbitMarketsAndDetailsOnRequest() {
        JsonNode plain = Json.parse(get("/v1/market/all").bodyAsString());
        assertThat(plain).extracting(m -> m.get("market").asText()).containsExactly("KRW-BTC", "KRW-ETH");
        assertThat(plain.get(0).has("market_warning")).isFalse();
        HttpResponse<Buffer> detailed = get("/v1/market/all?isDetails=true");
        assertThat(detailed.getHeader("Remaining-Req")).startsWith("group=market;");
        JsonNode btc = Json.parse(detailed.bodyAsString()).get(0);
        assertThat(btc.get("english_name").asText()).isEqualTo("Bitcoin");
        assertThat(btc.get("market_warning").asText()).isEqualTo("NONE");
        assertThat(btc.get("market_event").get("warning").asBoolean()).isFalse();
    }

    @Test
    void badParametersGetUpbitErrorBodies() {
        HttpResponse<Buffer> missing = get("/v1/candles/minutes/1?count=3");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.parse(missing.bodyAsString()).at("/error/name").asText())
                .isEqualTo("validation_error");
        assertThat(Json.parse(missing.bodyAsString()).at("/error/message").asText())
                .startsWith("market:");
        HttpResponse<Buffer> unknown = get("/v1/candles/minutes/1?market=KRW-NOSUCHCOIN");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.parse(unknown.bodyAsString()).at("/error/name").asInt()).isEqualTo(404);
        assertThat(get("/v1/candles/minutes/7?market=KRW-BTC").statusCode()).isEqualTo(400);
        assertThat(get("/v1/candles/minutes/1?market=KRW-BTC&count=0").statusCode())
                .isEqualTo(400);
        HttpResponse<Buffer> badTo = get("/v1/candles/minutes/1?market=KRW-BTC&to=yesterday");
        assertThat(badTo.statusCode()).isEqualTo(400);
        assertThat(Json.parse(badTo.bodyAsString()).at("/error/message").asText())
                .startsWith("to:");
        assertThat(Json.parse(
                        get("/v1/candles/minutes/1?market=KRW-BTC&count=500").bodyAsString()))
                .as("count is capped at 200")
                .hasSize(200);
        assertThat(get("/v1/trades/ticks?market=KRW-BTC&days_ago=9").statusCode())
                .isEqualTo(400);
    }
}
