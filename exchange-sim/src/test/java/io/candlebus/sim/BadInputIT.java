package io.candlebus.sim;

import static io.candlebus.sim.SimTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Market;
import io.candlebus.contract.codec.Codecs;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.Faults;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every {@link BadInput} kind as a client sees it on both venues: the bad frame's content, next to a real
 * stream that goes on unchanged.
 */
@ExtendWith(VertxExtension.class)
class BadInputIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final int BIG = 2 << 20;
    private Vertx vertx;
    private ExchangeSimulator sim;

    @BeforeEach
    void start(Vertx v) {
        vertx = v;
        Codecs.registerAll(vertx.eventBus());
        sim = await(ExchangeSimulator.start(vertx, SimTesting.config(60).withHistoryMinutes(30)));
    }

    @AfterEach
    void stop() {
        await(sim.close());
    }

    private WsProbe bithumb() {
        WsProbe probe = await(WsProbe.connect(vertx, sim.bithumbWsUrl(), BIG));
        probe.send("[{\"ticket\":\"b\"},{\"type\":\"trade\",\"codes\":[\"KRW-BTC\"],\"isOnlyRealtime\":true}]");
        vertx.setPeriodic(50, id -> {
            if (probe.closed) {
                vertx.cancelTimer(id);
            } else {
                probe.send("PING");
            }
        });
        return probe;
    }

    /** What the Binance probe must see for each kind sent there, on the combined stream's {@code data}. */
    private static Map<BadInput, Predicate<JsonNode>> binanceExpectations() {
        Map<BadInput, Predicate<JsonNode>> m = new EnumMap<>(BadInput.class);
        m.put(BadInput.WRONG_TYPE, d -> d.path("k").path("o").isObject());
        m.put(BadInput.MISSING_FIELD, d -> d.path("k").has("o") && !d.path("k").has("c"));
        m.put(BadInput.NAN_PRICE, d -> "NaN".equals(d.path("k").path("c").asText()));
        m.put(BadInput.ZERO_PRICE, d -> "0".equals(d.path("k").path("c").asText()));
        m.put(BadInput.NEGATIVE_PRICE, d -> d.path("k").path("c").asText().startsWith("-"));
        m.put(BadInput.NAN_SIZE, d -> "NaN".equals(d.path("k").path("v").asText()));
        m.put(BadInput.NEGATIVE_SIZE, d -> d.path("k").path("v").asText().startsWith("-"));
        m.put(
                BadInput.HIGH_BELOW_LOW,
                d -> decimal(d.path("k").path("h"))
                                .compareTo(decimal(d.path("k").path("l")))
                        < 0);
        m.put(
                BadInput.UNKNOWN_SYMBOL,
                d -> "NOSUCHCOIN".equals(d.path("s").asText())
                        && "NOSUCHCOIN".equals(d.path("k").path("s").asText()));
        return m;
    }

    private static Map<BadInput, Predicate<JsonNode>> bithumbExpectations() {
        Map<BadInput, Predicate<JsonNode>> m = new EnumMap<>(BadInput.class);
        m.put(BadInput.WRONG_TYPE, t -> t.path("trade_price").isObject());
        m.put(BadInput.MISSING_FIELD, t -> t.has("trade_volume") && !t.has("trade_price"));
        m.put(BadInput.NAN_PRICE, t -> "NaN".equals(t.path("trade_price").asText()));
        m.put(
                BadInput.ZERO_PRICE,
                t -> t.path("trade_price").isNumber()
                        && t.path("trade_price").decimalValue().signum() == 0);
        m.put(
                BadInput.NEGATIVE_PRICE,
                t -> t.path("trade_price").isNumber()
                        && t.path("trade_price").decimalValue().signum() < 0);
        m.put(BadInput.NAN_SIZE, t -> "NaN".equals(t.path("trade_volume").asText()));
        m.put(
                BadInput.ZERO_SIZE,
                t -> t.path("trade_volume").isNumber()
                        && t.path("trade_volume").decimalValue().signum() == 0);
        m.put(
                BadInput.NEGATIVE_SIZE,
                t -> t.path("trade_volume").isNumber()
                        && t.path("trade_volume").decimalValue().signum() < 0);
        m.put(BadInput.UNKNOWN_SYMBOL, t -> "KRW-NOSUCHCOIN"
                .equals(t.path("code").asText()));
        // Well-formed and REALTIME with an id no real trade has; its age is checked against the stream below.
        m.put(
                BadInput.LATE_TRADE,
                t -> "KRW-BTC".equals(t.path("code").asText())
                        && validTrade(t)
                        && !realTrade(t)
                        && "REALTIME".equals(t.path("stream_type").asText()));
        return m;
    }

    private static BigDecimal decimal(JsonNode node) {
        try {
            return Json.decimal(node);
        } catch (RuntimeException e) {
            return BigDecimal.ZERO;
        }
    }

    private static boolean validKline(JsonNode d) {
        JsonNode k = d.path("k");
        for (String f : List.of("o", "h", "l", "c")) {
            if (!k.path(f).isTextual()
                    || !k.path(f).asText().matches("[0-9]+\\.[0-9]+")
                    || decimal(k.path(f)).signum() <= 0) {
                return false;
            }
        }
        return "kline".equals(d.path("e").asText())
                && "BTCUSDT".equals(d.path("s").asText())
                && k.path("v").asText().matches("[0-9]+\\.[0-9]+")
                && decimal(k.path("h")).compareTo(decimal(k.path("l"))) >= 0;
    }

    private static boolean validTrade(JsonNode t) {
        return "trade".equals(t.path("type").asText())
                && t.path("trade_price").isNumber()
                && t.path("trade_price").decimalValue().signum() > 0
                && t.path("trade_volume").isNumber()
                && t.path("trade_volume").decimalValue().signum() > 0
                // The real form: a string of digits ("17672256001230001"), as live Bithumb sends it.
                && t.path("sequential_id").isTextual()
                && t.path("sequential_id").asText().matches("[0-9]{1,19}");
    }

    @Test
    void everyKindReachesBothVenuesNextToAnUndisturbedStream() {
        WsProbe binance =
                await(WsProbe.connect(vertx, sim.binanceWsUrl(Market.SPOT) + "/stream?streams=btcusdt@kline_1m", BIG));
        WsProbe bithumb = bithumb();
        await().atMost(DEADLINE).until(() -> !binance.texts.isEmpty() && !bithumb.binaries.isEmpty());
        List<Candle> truthBefore = sim.truth(SimTesting.SPOT_BTC);

        Map<BadInput, Predicate<JsonNode>> onBinance = binanceExpectations();
        Map<BadInput, Predicate<JsonNode>> onBithumb = bithumbExpectations();
        for (BadInput kind : BadInput.values()) {
            await(sim.faults().sendBadInput(kind));
            if (kind == BadInput.MALFORMED_JSON) {
                await().atMost(DEADLINE)
                        .until(() ->
                                binance.texts.contains(Faults.GARBAGE) && bithumb.binaries.contains(Faults.GARBAGE));
            } else if (kind == BadInput.OVERSIZED) {
                await().atMost(DEADLINE)
                        .until(() -> binance.texts.stream().anyMatch(t -> t.length() == Faults.OVERSIZED_BYTES)
                                && bithumb.binaries.stream().anyMatch(t -> t.length() == Faults.OVERSIZED_BYTES));
            } else {
                if (onBinance.containsKey(kind)) {
                    await().atMost(DEADLINE).alias(kind + " on Binance").until(() -> binanceData(binance).stream()
                            .anyMatch(onBinance.get(kind)));
                }
                if (onBithumb.containsKey(kind)) {
                    await().atMost(DEADLINE).alias(kind + " on Bithumb").until(() -> bithumbJson(bithumb).stream()
                            .anyMatch(onBithumb.get(kind)));
                }
            }
        }
        // The real streams go on: a final kline and a real trade arrive after the last bad frame.
        int binanceSeen = binance.texts.size();
        int bithumbSeen = bithumb.binaries.size();
        await().atMost(DEADLINE)
                .until(() -> binanceData(binance.texts.subList(binanceSeen, binance.texts.size())).stream()
                                .anyMatch(d ->
                                        validKline(d) && d.path("k").path("x").asBoolean())
                        && bithumbJson(bithumb.binaries.subList(bithumbSeen, bithumb.binaries.size())).stream()
                                .anyMatch(BadInputIT::realTrade));

        String oversizedBinance = binance.texts.stream()
                .filter(t -> t.length() == Faults.OVERSIZED_BYTES)
                .findFirst()
                .orElseThrow();
        assertThat(Json.parse(oversizedBinance).path("data").path("e").asText()).isEqualTo("padding");
        String oversizedBithumb = bithumb.binaries.stream()
                .filter(t -> t.length() == Faults.OVERSIZED_BYTES)
                .findFirst()
                .orElseThrow();
        assertThat(Json.parse(oversizedBithumb).path("type").asText()).isEqualTo("padding");

        // Exactly one bad frame per kind that occurs on the venue: zero-size and late trades are Bithumb's.
        List<String> binanceBad = binance.texts.stream()
                .filter(t -> !t.startsWith("{\"stream\":\"btcusdt@kline_1m\"")
                        || !validKline(Json.parse(t).path("data")))
                .toList();
        assertThat(binanceBad).hasSize(11);
        List<String> bithumbBad = bithumb.binaries.stream()
                .filter(t -> t.equals(Faults.GARBAGE) || !realTrade(Json.parse(t)))
                .toList();
        assertThat(bithumbBad).hasSize(12);
        assertThat(bithumbJson(bithumb).stream().filter(BadInputIT::realTrade).map(t -> t.get("sequential_id")
                        .asLong()))
                .doesNotHaveDuplicates();

        assertLateTradeIsOlderThanOneSentBefore(bithumbJson(bithumb), onBithumb.get(BadInput.LATE_TRADE));
        assertRealKlinesEqualTruth(binance);
        List<Candle> truthAfter = sim.truth(SimTesting.SPOT_BTC);
        assertThat(truthAfter.subList(0, truthBefore.size())).isEqualTo(truthBefore);
    }

    /** A real trade: well-formed, and an id the generator gives (the n-th trade of its millisecond, n small). */
    private static boolean realTrade(JsonNode t) {
        return validTrade(t)
                && "KRW-BTC".equals(t.path("code").asText())
                && t.get("sequential_id").asLong() / 10_000L
                        == t.path("trade_timestamp").asLong()
                && t.get("sequential_id").asLong() % 10_000L < 5_000L;
    }

    private static void assertLateTradeIsOlderThanOneSentBefore(List<JsonNode> messages, Predicate<JsonNode> late) {
        long newestReal = Long.MIN_VALUE;
        int lateTrades = 0;
        for (JsonNode t : messages) {
            if (realTrade(t)) {
                newestReal = Math.max(newestReal, t.path("trade_timestamp").asLong());
            } else if (late.test(t)) {
                lateTrades++;
                assertThat(t.path("trade_timestamp").asLong())
                        .isLessThanOrEqualTo(newestReal - Faults.LATE_TRADE_AGE_MILLIS);
                assertThat(t.path("trade_date").asText()).matches("[0-9]{4}-[0-9]{2}-[0-9]{2}");
            }
        }
        assertThat(lateTrades).isEqualTo(1);
    }

    private void assertRealKlinesEqualTruth(WsProbe binance) {
        Set<Long> finals = new HashSet<>();
        List<Long> order = new ArrayList<>();
        for (JsonNode d : binanceData(binance)) {
            if (validKline(d) && d.path("k").path("x").asBoolean()) {
                long t = d.path("k").path("t").asLong();
                assertThat(finals.add(t)).as("final kline %d once", t).isTrue();
                order.add(t);
                JsonNode k = d.path("k");
                Candle truth = SimTesting.truthAt(sim, SimTesting.SPOT_BTC, t);
                assertThat(truth).as("truth at %d", t).isNotNull();
                assertThat(Json.decimal(k.get("c"))).isEqualByComparingTo(truth.close());
                assertThat(Json.decimal(k.get("v"))).isEqualByComparingTo(truth.volume());
            }
        }
        assertThat(order).isNotEmpty();
        for (int i = 1; i < order.size(); i++) {
            assertThat(order.get(i) - order.get(i - 1)).isEqualTo(60_000L);
        }
    }

    private static List<JsonNode> binanceData(WsProbe probe) {
        return binanceData(probe.texts);
    }

    private static List<JsonNode> binanceData(List<String> texts) {
        return texts.stream()
                .filter(t -> t.startsWith("{") && !t.equals(Faults.GARBAGE) && t.length() < 100_000)
                .map(t -> Json.parse(t).path("data"))
                .toList();
    }

    private static List<JsonNode> bithumbJson(WsProbe probe) {
        return bithumbJson(probe.binaries);
    }

    private static List<JsonNode> bithumbJson(List<String> binaries) {
        return binaries.stream()
                .filter(t -> t.startsWith("{") && !t.equals(Faults.GARBAGE) && t.length() < 100_000)
                .map(Json::parse)
                .toList();
    }
}
