package io.candlebus.sim.bithumb.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.TimeInForce;
import org.junit.jupiter.api.Test;

class BithumbOrderRequestTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsTheThreeOrderTypes() {
        NewOrder limit = BithumbOrderRequest.parse(json("{\"market\":\"KRW-BTC\",\"side\":\"bid\",\"order_type\":"
                + "\"limit\",\"price\":\"100000000\",\"volume\":0.001,\"client_order_id\":\"sim-0001\"}"));
        assertThat(limit.type()).isEqualTo(OrderType.LIMIT);
        assertThat(limit.side()).isEqualTo(Side.BUY);
        assertThat(limit.price()).isEqualByComparingTo("100000000");
        assertThat(limit.quantity()).isEqualByComparingTo("0.001");
        assertThat(limit.clientOrderId()).isEqualTo("sim-0001");
        assertThat(limit.timeInForce()).isEqualTo(TimeInForce.GTC);

        NewOrder marketBuy = BithumbOrderRequest.parse(
                json("{\"market\":\"KRW-BTC\",\"side\":\"bid\",\"order_type\":\"price\",\"price\":\"50000\"}"));
        assertThat(marketBuy.funds()).isEqualByComparingTo("50000");
        assertThat(marketBuy.quantity()).isNull();

        NewOrder marketSell = BithumbOrderRequest.parse(
                json("{\"market\":\"KRW-BTC\",\"side\":\"ask\",\"order_type\":\"market\",\"volume\":\"0.5\","
                        + "\"time_in_force\":\"ioc\"}"));
        assertThat(marketSell.side()).isEqualTo(Side.SELL);
        assertThat(marketSell.timeInForce()).isEqualTo(TimeInForce.IOC);
    }

    @Test
    void refusesWhatTheVenueRefusesNamingTheField() {
        String base = "{\"market\":\"KRW-BTC\",\"side\":\"bid\",\"order_type\":\"limit\",\"price\":\"1000\"";
        assertThatThrownBy(() -> BithumbOrderRequest.parse(json(base + "}"))).hasMessage("volume: required");
        assertThatThrownBy(() -> BithumbOrderRequest.parse(json(base + ",\"volume\":\"1e999\"}")))
                .hasMessageStartingWith("volume: expected a positive decimal");
        assertThatThrownBy(() -> BithumbOrderRequest.parse(json(base + ",\"volume\":\"-1\"}")))
                .hasMessageStartingWith("volume: expected a positive decimal");
        assertThatThrownBy(() -> BithumbOrderRequest.parse(json(base + ",\"volume\":\"1\",\"leverage\":100}")))
                .hasMessage("leverage: unknown field");
        assertThatThrownBy(() ->
                        BithumbOrderRequest.parse(json(base + ",\"volume\":\"1\",\"client_order_id\":\"has space\"}")))
                .hasMessageStartingWith("client_order_id: expected 1-36 of [A-Za-z0-9_-]");
        assertThatThrownBy(() -> BithumbOrderRequest.parse(
                        json("{\"market\":\"KRW-BTC\",\"side\":\"ask\",\"order_type\":\"price\",\"price\":\"5000\"}")))
                .hasMessage("side: order_type price needs bid");
        assertThatThrownBy(() -> BithumbOrderRequest.parse(
                        json("{\"market\":\"KRW-BTC\",\"side\":\"ask\",\"order_type\":\"market\",\"volume\":\"1\","
                                + "\"price\":\"5\"}")))
                .hasMessage("price: must be absent for order_type market");
        assertThatThrownBy(() -> BithumbOrderRequest.parse(
                        json("{\"market\":\"krw btc\",\"side\":\"bid\",\"order_type\":\"limit\"}")))
                .hasMessageStartingWith("market: expected a market code");
    }
}
