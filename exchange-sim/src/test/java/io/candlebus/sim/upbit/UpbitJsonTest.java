package io.candlebus.sim.upbit;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.sim.SimInstrument;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.wire.JsonWriter;
import org.junit.jupiter.api.Test;

class UpbitJsonTest {
    private static final InstrumentSpec SPEC =
            new InstrumentSpec(SimInstrument.of("upbit:spot:KRW-BTC", "131000000", "1000", "0.00000001", 60));
    private static final long T = 1_767_225_659_512L; // 2026-01-01T00:00:59.512Z

    @Test
    void minuteCandleCarriesEightDecimalNumbersAndBothClockTimes() {
        Bar bar = new Bar(
                T - 59_512L, 131_250_000L, 131_300_000L, 131_200_000L, 131_280_000L, 32_611_000L, 0L, 3, 0, 0, 1, 3, T);
        JsonWriter w = new JsonWriter();
        UpbitJson.minuteCandle(w, bar, SPEC, 1);
        assertThat(w.toString())
                .isEqualTo("{\"market\":\"KRW-BTC\",\"candle_date_time_utc\":\"2026-01-01T00:00:00\","
                        + "\"candle_date_time_kst\":\"2026-01-01T09:00:00\",\"opening_price\":131250000.00000000,"
                        + "\"high_price\":131300000.00000000,\"low_price\":131200000.00000000,"
                        + "\"trade_price\":131280000.00000000,\"timestamp\":1767225659512,"
                        + "\"candle_acc_trade_price\":0.00000000,\"candle_acc_trade_volume\":0.32611000,\"unit\":1}");
    }

    @Test
    void tradeInSimpleFormUsesTheDocumentedAbbreviations() {
        SimTrade trade = new SimTrade(T, 131_250_000L, 210_000L, true, T * 10_000L + 1, 0L);
        String simple = UpbitJson.trade(trade, SPEC, 130_900_000L, T + 70, "REALTIME", UpbitFormat.SIMPLE);
        assertThat(simple)
                .isEqualTo("{\"ty\":\"trade\",\"cd\":\"KRW-BTC\",\"tp\":131250000,\"tv\":0.0021,\"ab\":\"BID\","
                        + "\"pcp\":130900000,\"c\":\"RISE\",\"cp\":350000,\"td\":\"2026-01-01\",\"ttm\":\"00:00:59\","
                        + "\"ttms\":1767225659512,\"tms\":1767225659582,\"sid\":17672256595120001,"
                        + "\"bap\":131250000,\"bas\":0.0021,\"bbp\":131249000,\"bbs\":0.0021,\"st\":\"REALTIME\"}");
        String list = UpbitJson.trade(trade, SPEC, 130_900_000L, T + 70, "REALTIME", UpbitFormat.JSON_LIST);
        assertThat(list)
                .startsWith("[{\"type\":\"trade\",\"code\":\"KRW-BTC\",\"trade_price\":131250000,")
                .endsWith("}]");
    }
}
