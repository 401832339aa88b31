package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class OrderBodyTest {
    @Test
    void decimalNumbersKeepTheirExactTextAndOtherFieldsTheirType() {
        JsonObject body = OrderBody.parse("{\"quantity\": 0.1000000000000000055511151231257827, \"price\": 1e999999999,"
                + " \"clientOrderId\": 12, \"side\": 1.5, \"leverage\": {\"x\": [1]}, \"origin\": null}");
        assertThat(body.getValue("quantity")).isEqualTo("0.1000000000000000055511151231257827");
        assertThat(body.getValue("price")).isEqualTo("1E+999999999");
        assertThat(body.getValue("clientOrderId")).isEqualTo(12L);
        assertThat(body.getValue("side")).isEqualTo(1.5);
        assertThat(body.getJsonObject("leverage").getJsonArray("x").getInteger(0))
                .isEqualTo(1);
        assertThat(body.containsKey("origin")).isTrue();
    }

    @Test
    void whatIsNotAJsonObjectIsRefusedInOurWords() {
        assertThatThrownBy(() -> OrderBody.parse("")).hasMessage("body: expected a JSON object of an order, was empty");
        assertThatThrownBy(() -> OrderBody.parse("[1]"))
                .hasMessage("body: expected a JSON object of an order, was array");
        assertThatThrownBy(() -> OrderBody.parse("{\"a\":")).hasMessageStartingWith("body: invalid JSON at line 1");
    }
}
