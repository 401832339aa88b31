package io.candlebus.order;

import static io.candlebus.order.TestOrders.BTCUSDT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderRequestParserTest {
    private static final String VALID =
            "{\"clientOrderId\": \"c-1\", \"instrument\": \"binance:spot:BTCUSDT\", \"side\": \"BUY\","
                    + " \"type\": \"MARKET\", \"quantity\": \"0.001\", \"price\": \"87000.5\"}";

    @Test
    void passesAnOrderRequestThrough() {
        OrderRequest request = TestOrders.market("c-1", BTCUSDT, Side.BUY, "0.001", "87000");
        assertThat(OrderRequestParser.parse(request)).isSameAs(request);
    }

    @Test
    void readsTheJsonForm() {
        OrderRequest request = OrderRequestParser.parse(new JsonObject(VALID));
        assertThat(request.clientOrderId()).isEqualTo("c-1");
        assertThat(request.instrument()).isEqualTo(BTCUSDT);
        assertThat(request.side()).isEqualTo(Side.BUY);
        assertThat(request.type()).isEqualTo(OrderType.MARKET);
        assertThat(request.quantity()).isEqualByComparingTo("0.001");
        assertThat(request.price()).isEqualByComparingTo("87000.5");
        assertThat(request.origin()).isEqualTo("orders.submit");
        assertThat(OrderRequestParser.parse(
                                new JsonObject(VALID).put("quantity", 0.002).put("origin", "http"))
                        .origin())
                .isEqualTo("http");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "quantity|-1|order.quantity: expected > 0, was -1",
                "quantity|abc|order.quantity: expected a decimal such as \"0.001\", was 'abc'",
                "side|HOLD|order.side: expected BUY or SELL, was 'HOLD'",
                "type|STOP|order.type: expected MARKET or LIMIT, was 'STOP'",
                "clientOrderId|a b|order.clientOrderId: expected 1-36 of [A-Za-z0-9_-], was 'a b'",
                "instrument|binance:spot:btcusdt|order.instrument: symbol: expected upper-case letters, digits, '_' or"
                        + " '-' (at most 40), was 'btcusdt'",
                "qty|1|order.qty: unknown field, expected one of clientOrderId, instrument, origin, price, quantity,"
                        + " side, type"
            })
    void namesTheBadField(String field, String value, String message) {
        JsonObject json = new JsonObject(VALID).put(field, value);
        assertThatThrownBy(() -> OrderRequestParser.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void namesAMissingField() {
        JsonObject json = new JsonObject(VALID);
        json.remove("side");
        assertThatThrownBy(() -> OrderRequestParser.parse(json)).hasMessage("order.side: expected a value, was null");
        assertThatThrownBy(() -> OrderRequestParser.parse(
                        new JsonObject(VALID).put("type", "LIMIT").putNull("price")))
                .hasMessage("order.price: expected a value, was null");
    }

    @Test
    void rejectsOtherBodies() {
        assertThatThrownBy(() -> OrderRequestParser.parse("buy"))
                .hasMessage("order: expected an OrderRequest or a JSON object, was String");
        assertThatThrownBy(() -> OrderRequestParser.parse(null))
                .hasMessage("order: expected an OrderRequest or a JSON object, was null");
        assertThatThrownBy(() -> OrderRequestParser.parse(new JsonObject(VALID).put("clientOrderId", 5)))
                .hasMessage("order.clientOrderId: expected text, was 5");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1e999999999|1E+999999999",
                "-1e999999999|-1E+999999999",
                "1e-400|1E-400",
                "123456789012345678901|123456789012345678901"
            })
    void refusesExtremeDecimalsAtOnceWithoutPrintingThemInFull(String quantity, String shown) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> OrderRequestParser.parse(new JsonObject(VALID).put("quantity", quantity)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "order.quantity: expected at most 20 digits before the point and 18 after it, was " + shown);
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void boundsARecordFromTheBusAndAcceptsOrdinaryPrecision() {
        OrderRequest huge = new OrderRequest(
                "c-2", BTCUSDT, Side.BUY, OrderType.MARKET, new java.math.BigDecimal("1e999999999"), null, "bus");
        assertThatThrownBy(() -> OrderRequestParser.parse(huge))
                .hasMessageStartingWith("order.quantity: expected at most");
        OrderRequest fine = OrderRequestParser.parse(new JsonObject(VALID)
                .put("quantity", "12345678901234567890.123456789012345678")
                .put("price", "0.000000000000000001"));
        assertThat(fine.quantity().scale()).isEqualTo(18);
        assertThatThrownBy(() -> OrderRequestParser.parse(new JsonObject(VALID).put("quantity", "1".repeat(100))))
                .hasMessageStartingWith("order.quantity: expected a decimal such as \"0.001\", was '1111");
    }
}
