package io.candlebus.sim.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.sim.SimInstrument;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.wire.JsonWriter;
import org.junit.jupiter.api.Test;

class KlineJsonTest {
    private static final InstrumentSpec SPOT =
            new InstrumentSpec(SimInstrument.of("binance:spot:BTCUSDT", "87000", "0.01", "0.00001", 10));
    private static final Bar BAR = new Bar(
            1_767_225_600_000L,
            8_731_001,
            8_734_000,
            8_730_112,
            8_732_255,
            1_240_351,
            10_830_518_800_000L,
            1410,
            690_012,
            6_025_143_300_000L,
            5_123_400_001L,
            5_123_401_410L,
            1_767_225_659_870L);

    @Test
    void restRowHasTwelveColumnsWithStringDecimalsAndIntegerTimes() {
        JsonWriter w = new JsonWriter();
        KlineJson.row(w, BAR, SPOT, 60_000L);
        assertThat(w.toString())
                .isEqualTo("[1767225600000,\"87310.01\",\"87340.00\",\"87301.12\",\"87322.55\",\"12.40351\","
                        + "1767225659999,\"1083051.8800000\",1410,\"6.90012\",\"602514.3300000\",\"0\"]");
    }

    @Test
    void websocketEventHasEveryKlineField() {
        String event = KlineJson.event(BAR, SPOT, "1m", 60_000L, 1_767_225_660_010L, true);
        assertThat(event)
                .isEqualTo("{\"e\":\"kline\",\"E\":1767225660010,\"s\":\"BTCUSDT\",\"k\":{\"t\":1767225600000,"
                        + "\"T\":1767225659999,\"s\":\"BTCUSDT\",\"i\":\"1m\",\"f\":5123400001,\"L\":5123401410,"
                        + "\"o\":\"87310.01\",\"c\":\"87322.55\",\"h\":\"87340.00\",\"l\":\"87301.12\","
                        + "\"v\":\"12.40351\",\"n\":1410,\"x\":true,\"q\":\"1083051.8800000\","
                        + "\"V\":\"6.90012\",\"Q\":\"602514.3300000\",\"B\":\"0\"}}");
    }
}
