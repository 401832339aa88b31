package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.codec.Codecs;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BithumbStreamIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static Vertx vertx;
    private static ExchangeSimulator sim;

    @BeforeAll
    static void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(300)));
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
    void realtimeTradesAggregateToTheTruthCandle() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.bithumbWsUrl()));
        long ping = keepAlive(probe);
        long connectedAt = sim.clock().millis();
        probe.send(
                "[{\"ticket\":\"it-1\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\",\"KRW-ETH\"]},{\"format\":\"DEFAULT\"}]");
        long minute = (connectedAt / 60_000L + 2) * 60_000L;
        await().atMost(DEADLINE).until(() -> messages(probe).stream()
                .anyMatch(m -> m.get("code").asText().equals("KRW-BTC")
                        && m.get("trade_timestamp").asLong() >= minute + 60_000L));
        vertx.cancelTimer(ping);
        List<JsonNode> all = messages(probe);
        assertThat(all.subList(0, 2))
                .allMatch(m -> m.get("stream_type").asText().equals("SNAPSHOT"))
                .extracting(m -> m.get("code").asText())
                .containsExactly("KRW-BTC", "KRW-ETH");
        List<JsonNode> realtime = all.subList(2, all.size());
        assertThat(realtime).allMatch(m -> m.get("stream_type").asText().equals("REALTIME"));
        for (int i = 1; i < realtime.size(); i++) {
            assertThat(realtime.get(i).get("trade_timestamp").asLong())
                    .isGreaterThanOrEqualTo(
                            realtime.get(i - 1).get("trade_timestamp").asLong());
        }
        assertThat(all)
                .as("sequential_id is a string of digits, as live Bithumb sends it")
                .allMatch(m -> m.get("sequential_id").isTextual()
                        && m.get("sequential_id").asText().matches("[0-9]{1,19}"));
        Set<String> ids = new HashSet<>();
        realtime.forEach(m -> assertThat(ids.add(
                        m.get("code").asText() + "/" + m.get("sequential_id").asLong()))
                .as("sequential_id is unique per market: %s", m)
                .isTrue());
        List<JsonNode> trades = realtime.stream()
                .filter(m -> m.get("code").asText().equals("KRW-BTC"))
                .filter(m -> m.get("trade_timestamp").asLong() >= minute
                        && m.get("trade_timestamp").asLong() < minute + 60_000L)
                .toList();
        Candle truth = SimTesting.truthAt(sim, SimTesting.KRW_BTC, minute);
        if (truth == null) {
            assertThat(trades).isEmpty();
        } else {
            assertThat(trades).hasSize((int) truth.tradeCount());
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            BigDecimal takerBuy = BigDecimal.ZERO;
            BigDecimal high = BigDecimal.ZERO;
            for (JsonNode t : trades) {
                BigDecimal price = Json.decimal(t.get("trade_price"));
                BigDecimal quantity = Json.decimal(t.get("trade_volume"));
                volume = volume.add(quantity);
                quote = quote.add(price.multiply(quantity));
                high = high.max(price);
                if (t.get("ask_bid").asText().equals("BID")) {
                    takerBuy = takerBuy.add(quantity);
                }
            }
            assertThat(Json.decimal(trades.get(0).get("trade_price"))).isEqualByComparingTo(truth.open());
            assertThat(Json.decimal(trades.get(trades.size() - 1).get("trade_price")))
                    .isEqualByComparingTo(truth.close());
            assertThat(high).isEqualByComparingTo(truth.high());
            assertThat(volume).isEqualByComparingTo(truth.volume());
            assertThat(quote).isEqualByComparingTo(truth.quoteVolume());
            assertThat(takerBuy).isEqualByComparingTo(truth.takerBuyBaseVolume());
        }
        assertThat(probe.texts).contains("{\"status\":\"UP\"}");
        await(probe.close());
    }

    @Test
    void tickerMessagesCarryTheDocumentedFields() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.bithumbWsUrl()));
        long ping = keepAlive(probe);
        probe.send("[{\"ticket\":\"it-2\"},{\"type\":\"ticker\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":true}]");
        await().atMost(DEADLINE).until(() -> probe.binaries.size() >= 3);
        vertx.cancelTimer(ping);
        JsonNode ticker = messages(probe).get(0);
        assertThat(ticker.get("stream_type").asText()).isEqualTo("REALTIME");
        assertThat(ticker.get("type").asText()).isEqualTo("ticker");
        for (String field : List.of(
                "code",
                "opening_price",
                "high_price",
                "low_price",
                "trade_price",
                "prev_closing_price",
                "change",
                "change_price",
                "signed_change_price",
                "change_rate",
                "signed_change_rate",
                "trade_volume",
                "acc_trade_volume",
                "acc_trade_volume_24h",
                "acc_trade_price",
                "acc_trade_price_24h",
                "trade_date",
                "trade_time",
                "trade_timestamp",
                "ask_bid",
                "acc_ask_volume",
                "acc_bid_volume",
                "highest_52_week_price",
                "highest_52_week_date",
                "lowest_52_week_price",
                "lowest_52_week_date",
                "market_state",
                "is_trading_suspended",
                "delisting_date",
                "market_warning",
                "timestamp")) {
            assertThat(ticker.has(field)).as(field).isTrue();
        }
        assertThat(Json.decimal(ticker.get("acc_trade_volume_24h")))
                .isGreaterThanOrEqualTo(Json.decimal(ticker.get("trade_volume")));
        assertThat(ticker.get("trade_date").asText()).matches("\\d{8}");
        assertThat(ticker.get("delisting_date").isTextual()).isTrue();
        assertThat(ticker.get("delisting_date").asText())
                .as("an empty string, as in live messages")
                .isEmpty();
        await(probe.close());
    }

    @Test
    void badRequestsGetBithumbErrors() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.bithumbWsUrl()));
        probe.send("{\"ticket\":\"x\"}");
        probe.send("[{\"ticket\":\"x\"},{\"type\":\"trade\",\"codes\":[\"krw-btc\"]}]");
        probe.send("[{\"ticket\":\"x\"}]");
        await().atMost(DEADLINE).until(() -> probe.binaries.size() == 3);
        assertThat(messages(probe))
                .extracting(m -> m.get("error").get("name").asText())
                .containsExactly("WRONG_FORMAT", "INVALID_PARAM", "NO_TYPE");
        await(probe.close());
    }

    @Test
    void anIdleConnectionIsClosed() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.bithumbWsUrl()));
        long openedAt = sim.clock().millis();
        probe.send("[{\"ticket\":\"idle\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"]}]");
        await().atMost(DEADLINE).until(() -> probe.closed);
        assertThat(sim.clock().millis() - openedAt).isGreaterThanOrEqualTo(120_000L);
    }
}
