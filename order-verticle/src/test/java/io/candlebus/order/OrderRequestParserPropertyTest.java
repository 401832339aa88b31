package io.candlebus.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link OrderRequestParser}: whatever arrives, the only failure is our own
 * IllegalArgumentException naming an {@code order.} field in our words, it comes at once however extreme the
 * decimal, and a valid order survives the JSON form unchanged.
 */
class OrderRequestParserPropertyTest {
    private static final List<String> FIELDS =
            List.of("clientOrderId", "instrument", "side", "type", "quantity", "price", "origin");

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> digits =
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(70);
        Arbitrary<String> exponents = Arbitraries.oneOf(
                Arbitraries.integers().between(-999_999_999, 999_999_999).map(String::valueOf),
                Arbitraries.of("2147483647", "-2147483648", "99999999999", "+0", "-0", ""));
        Arbitrary<String> plain = Combinators.combine(
                        Arbitraries.of("", "-", "+"), digits, Arbitraries.of("", "."), digits.injectNull(0.5))
                .as((sign, a, dot, b) -> sign + a + dot + (b == null ? "" : b));
        Arbitrary<String> scientific =
                Combinators.combine(plain, Arbitraries.of("e", "E"), exponents).as((p, e, x) -> p + e + x);
        return Arbitraries.oneOf(
                plain,
                scientific,
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999999999", "-1e999999999", "1e-400", "0x10", " 1"));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                decimals().map(s -> (Object) s),
                Arbitraries.of("BUY", "SELL", "MARKET", "LIMIT", "binance:spot:BTCUSDT", "c-1", "bithumb:spot:KRW-BTC")
                        .map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, true, false)
                        .map(o -> (Object) o),
                Arbitraries.just((Object) new JsonObject().put("a", 1)),
                Arbitraries.just((Object) new JsonArray().add(1)),
                Arbitraries.strings().ofMaxLength(300).map(s -> (Object) s),
                decimals().map(s -> {
                    try {
                        return (Object) new BigDecimal(s);
                    } catch (NumberFormatException e) {
                        return (Object) s;
                    }
                }));
    }

    @Provide
    Arbitrary<JsonObject> orders() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of(FIELDS),
                Arbitraries.of("leverage", "qty", ""),
                Arbitraries.strings().ofMaxLength(8));
        return Combinators.combine(
                        valid().map(OrderRequestParserPropertyTest::json),
                        names.list().ofMaxSize(4),
                        values().list().ofSize(4),
                        Arbitraries.integers().between(0, 3).list().ofMaxSize(3))
                .as((base, keys, vals, removals) -> {
                    JsonObject json = base.copy();
                    for (int i = 0; i < keys.size(); i++) {
                        json.put(keys.get(i), vals.get(i));
                    }
                    removals.forEach(r -> json.remove(FIELDS.get(r)));
                    return json;
                });
    }

    @Provide
    Arbitrary<OrderRequest> valid() {
        Arbitrary<BigDecimal> decimal = Combinators.combine(
                        Arbitraries.longs().between(1, 99_999_999_999L),
                        Arbitraries.integers().between(0, 12))
                .as(BigDecimal::valueOf);
        return Combinators.combine(
                        Arbitraries.strings()
                                .withChars("abcXYZ019_-")
                                .ofMinLength(1)
                                .ofMaxLength(36),
                        Arbitraries.of("binance:spot:BTCUSDT", "bithumb:spot:KRW-BTC", "binance:coinm:BTCUSD_PERP"),
                        Arbitraries.of(Side.values()),
                        Arbitraries.of(OrderType.values()),
                        decimal,
                        decimal.injectNull(0.3))
                .as((id, instrument, side, type, quantity, price) -> new OrderRequest(
                        id,
                        Instrument.parse(instrument),
                        side,
                        type,
                        quantity,
                        type == OrderType.LIMIT && price == null ? BigDecimal.ONE : price,
                        "property"));
    }

    private static JsonObject json(OrderRequest r) {
        JsonObject json = new JsonObject()
                .put("clientOrderId", r.clientOrderId())
                .put("instrument", r.instrument().key())
                .put("side", r.side().name())
                .put("type", r.type().name())
                .put("quantity", r.quantity().toPlainString())
                .put("origin", r.origin());
        return r.price() == null ? json : json.put("price", r.price().toPlainString());
    }

    @Property(tries = 1000)
    void anyBodyParsesOrFailsWithOurOwnWordsNamingAnOrderField(@ForAll("orders") JsonObject body) {
        try {
            OrderRequest request = OrderRequestParser.parse(body);
            assertBounded(request);
        } catch (IllegalArgumentException e) {
            assertOurWords(e);
        }
    }

    @Property(tries = 1000)
    void anyDecimalTextIsJudgedAtOnce(@ForAll("decimals") String text) {
        JsonObject body = json(new OrderRequest(
                        "c-1",
                        Instrument.parse("binance:spot:BTCUSDT"),
                        Side.BUY,
                        OrderType.LIMIT,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        "p"))
                .put("quantity", text)
                .put("price", text);
        long started = System.nanoTime();
        try {
            assertBounded(OrderRequestParser.parse(body));
        } catch (IllegalArgumentException e) {
            assertOurWords(e);
        }
        // An unbounded exponent once cost half a minute; judged at the edge it costs microseconds (1 s leaves room
        // for a busy machine).
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Property(tries = 300)
    void anOrderRequestRecordFromTheBusIsBoundedLikeJson(@ForAll("decimals") String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return;
        }
        if (value.signum() <= 0) {
            return;
        }
        OrderRequest request = new OrderRequest(
                "c-1", Instrument.parse("binance:spot:BTCUSDT"), Side.BUY, OrderType.MARKET, value, null, "p");
        long started = System.nanoTime();
        try {
            assertBounded(OrderRequestParser.parse(request));
        } catch (IllegalArgumentException e) {
            assertOurWords(e);
        }
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Property(tries = 500)
    void aValidOrderSurvivesItsJsonForm(@ForAll("valid") OrderRequest request) {
        assertThat(OrderRequestParser.parse(json(request))).isEqualTo(request);
        assertThat(OrderRequestParser.parse(request)).isSameAs(request);
    }

    private static void assertBounded(OrderRequest request) {
        for (BigDecimal d : new BigDecimal[] {request.quantity(), request.price()}) {
            if (d != null) {
                assertThat(d.precision() - d.scale()).isLessThanOrEqualTo(OrderDecimals.MAX_INTEGER_DIGITS);
                assertThat(d.stripTrailingZeros().scale()).isLessThanOrEqualTo(OrderDecimals.MAX_FRACTION_DIGITS);
            }
        }
    }

    private static void assertOurWords(IllegalArgumentException e) {
        assertThat(e.getMessage()).startsWith("order.").hasSizeLessThan(400);
        assertThat(e.getMessage())
                .doesNotContain("Exception", "java.", "com.fasterxml", "io.vertx", "Cannot ", "class ");
    }
}
