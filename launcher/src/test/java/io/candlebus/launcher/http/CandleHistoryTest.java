package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.strategy.StrategyConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CandleHistoryTest {
    private static final long T0 = ChartSeriesTest.T0;
    private static final long M = ChartSeriesTest.M;
    private static final DashboardSettings SETTINGS =
            new DashboardSettings(60_000, StrategyConfig.defaults(), Path.of("data"), 50);

    private static OrderEvent order(Instrument instrument, int n) {
        return new OrderEvent(
                "c" + n,
                "x" + n,
                instrument,
                Side.BUY,
                OrderStatus.FILLED,
                new BigDecimal("0.001"),
                new BigDecimal("0.001"),
                new BigDecimal("87000"),
                BigDecimal.ZERO,
                "filled",
                true,
                T0 + n);
    }

    @Test
    void streamsAreListedAndServedApart() {
        CandleHistory history = new CandleHistory(SETTINGS);
        history.onClosedCandle(ChartSeriesTest.candle(T0, "101", true));
        history.onBands(ChartSeriesTest.bands(T0, 100, true));

        assertThat(history.streams())
                .containsExactly(new JsonObject()
                        .put("instrument", "binance:spot:BTCUSDT")
                        .put("interval", "1m"));
        JsonObject btc = history.toJson(ChartSeriesTest.BTC, Interval.M1);
        assertThat(btc.getJsonArray("candles")).hasSize(1);
        assertThat(btc.getJsonArray("bands")).hasSize(1);
        assertThat(btc.getLong("intervalMillis")).isEqualTo(M);
        JsonObject other = history.toJson(ChartSeriesTest.BTC, Interval.M5);
        assertThat(other.getJsonArray("candles")).isEmpty();
        assertThat(other.getJsonArray("orders")).isEmpty();
    }

    @Test
    void signalsAreMarkedHistoricalByTheOrderComponentsAgeRule() {
        CandleHistory history = new CandleHistory(SETTINGS);
        JsonObject live = history.onSignal(SignalAgeTest.signal(Interval.M1, T0, T0 + M + 60_000));
        JsonObject old = history.onSignal(SignalAgeTest.signal(Interval.M1, T0 + M, T0 + 2 * M + 60_001));
        assertThat(live.getBoolean("historical")).isFalse();
        assertThat(old.getBoolean("historical")).isTrue();
    }

    @Test
    void ordersAreKeptPerInstrumentBoundedWithZeroPositionsAsNumbers() {
        CandleHistory history = new CandleHistory(SETTINGS);
        Instrument krw = Instrument.parse("bithumb:spot:KRW-BTC");
        for (int i = 0; i <= CandleHistory.ORDERS; i++) {
            history.onOrderEvent(order(ChartSeriesTest.BTC, i));
        }
        history.onOrderEvent(order(krw, 0));

        JsonArray btc = history.toJson(ChartSeriesTest.BTC, Interval.M1).getJsonArray("orders");
        assertThat(btc).hasSize(CandleHistory.ORDERS);
        assertThat(btc.getJsonObject(0).getString("clientOrderId")).isEqualTo("c1");
        assertThat(btc.getJsonObject(0).getValue("position")).isEqualTo(0.0);
        assertThat(history.toJson(krw, Interval.M1).getJsonArray("orders")).hasSize(1);
    }
}
