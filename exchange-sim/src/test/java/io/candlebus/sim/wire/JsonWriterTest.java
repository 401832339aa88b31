package io.candlebus.sim.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void numbersKeepTheirExactShortestText() {
        assertThat(JsonWriter.plain(new BigDecimal("0.326110000"))).isEqualTo("0.32611");
        assertThat(JsonWriter.plain(new BigDecimal("131000000"))).isEqualTo("131000000");
        assertThat(JsonWriter.plain(BigDecimal.valueOf(131_000_000L, 4))).isEqualTo("13100");
        assertThat(JsonWriter.plain(new BigDecimal("0.0000"))).isEqualTo("0");
        assertThat(JsonWriter.plain(new BigDecimal("-350000.00"))).isEqualTo("-350000");
    }

    @Test
    void writesNestedStructuresWithCommasAndEscapes() {
        String json = new JsonWriter()
                .beginObject()
                .name("a")
                .beginArray()
                .value(1)
                .string(new BigDecimal("2.50"))
                .nullValue()
                .endArray()
                .name("b\"")
                .value("x\ny")
                .name("c")
                .number(new BigDecimal("42811520.50"))
                .name("d")
                .value(true)
                .endObject()
                .toString();
        assertThat(json).isEqualTo("{\"a\":[1,\"2.50\",null],\"b\\\"\":\"x\\ny\",\"c\":42811520.5,\"d\":true}");
    }
}
