package io.candlebus.launcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.strategy.PriceSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChartSeriesTest {
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");
    static final long T0 = 1_767_225_600_000L;
    static final long M = 60_000;

    static Candle candle(long openTime, String close, boolean closed) {
        BigDecimal c = new BigDecimal(close);
        BigDecimal open = new BigDecimal("100");
        return new Candle(
                BTC,
                Interval.M1,
                openTime,
                open,
                c.max(open).add(BigDecimal.ONE),
                c.min(open).subtract(BigDecimal.ONE),
                c,
                new BigDecimal("2.5"),
                new BigDecimal("250"),
                7,
                BigDecimal.ONE,
                new BigDecimal("100"),
                closed,
                CandleSource.WEBSOCKET);
    }

    static Bands bands(long openTime, double middle, boolean closed) {
        return new Bands(
                BTC, Interval.M1, openTime, 20, 2.0, middle, middle, middle + 2, middle - 2, 0.5, 0.04, closed);
    }

    private static ChartSeries series(int capacity) {
        return new ChartSeries(BTC, Interval.M1, capacity, PriceSource.CLOSE, 2, 3);
    }

    @Test
    void aClosedCandleIsARowInCandlestickOrderWithItsSmaPair() {
        ChartSeries s = series(10);
        assertThat(s.onClosedCandle(candle(T0, "102", true)))
                .isEqualTo(new JsonObject()
                        .put(
                                "candle",
                                new JsonArray()
                                        .add(T0)
                                        .add(100.0)
                                        .add(102.0)
                                        .add(99.0)
                                        .add(103.0)
                                        .add(2.5))
                        .put("sma", new JsonArray().add(T0).addNull().addNull()));
        JsonObject second = s.onClosedCandle(candle(T0 + M, "104", true));
        assertThat(second.getJsonArray("sma"))
                .isEqualTo(new JsonArray().add(T0 + M).add(103.0).addNull());
        JsonObject third = s.onClosedCandle(candle(T0 + 2 * M, "109", true));
        assertThat(third.getJsonArray("sma"))
                .isEqualTo(new JsonArray().add(T0 + 2 * M).add(106.5).add(105.0));
    }

    @Test
    void aRedeliveredOrOlderCandleChangesNothing() {
        ChartSeries s = series(10);
        s.onClosedCandle(candle(T0 + M, "102", true));
        assertThat(s.onClosedCandle(candle(T0 + M, "150", true))).isNull();
        assertThat(s.onClosedCandle(candle(T0, "150", true))).isNull();
        assertThat(s.toJson().getJsonArray("candles").getJsonArray(0).getDouble(2))
                .isEqualTo(102.0);
    }

    @Test
    void onlyTheNewestCapacityCandlesAndBandsAreKept() {
        ChartSeries s = series(3);
        for (int i = 0; i < 5; i++) {
            s.onClosedCandle(candle(T0 + i * M, "10" + i, true));
            s.onBands(bands(T0 + i * M, 100 + i, true));
        }
        JsonObject json = s.toJson();
        assertThat(json.getJsonArray("candles")).hasSize(3);
        assertThat(json.getJsonArray("candles").getJsonArray(0).getLong(0)).isEqualTo(T0 + 2 * M);
        assertThat(json.getJsonArray("bands")).hasSize(3);
        assertThat(json.getJsonArray("sma")).hasSize(3);
        assertThat(s.size()).isEqualTo(3);
    }

    @Test
    void theLiveCandleAndBandsLastUntilTheirCandleCloses() {
        ChartSeries s = series(10);
        s.onClosedCandle(candle(T0, "102", true));
        assertThat(s.onLiveCandle(candle(T0, "103", false)))
                .as("a live candle already closed")
                .isNull();
        assertThat(s.onLiveCandle(candle(T0 + M, "103", false))).isNotNull();
        assertThat(s.onBands(bands(T0 + M, 101, false)))
                .isEqualTo(new JsonArray().add(T0 + M).add(99.0).add(101.0).add(103.0));
        assertThat(s.toJson().getJsonArray("live").getDouble(2)).isEqualTo(103.0);
        assertThat(s.toJson().getJsonArray("liveBands")).isNotNull();

        s.onClosedCandle(candle(T0 + M, "104", true));

        assertThat(s.toJson().getValue("live")).isNull();
        assertThat(s.toJson().getValue("liveBands")).isNull();
        assertThat(s.onBands(bands(T0 + M, 101, false)))
                .as("live bands of a closed candle")
                .isNull();
    }

    @Test
    void bandsArrivingBeforeTheirCandleAreKept() {
        ChartSeries s = series(10);
        s.onBands(bands(T0, 100, true));
        s.onClosedCandle(candle(T0, "102", true));
        assertThat(s.toJson().getJsonArray("bands"))
                .containsExactly(new JsonArray().add(T0).add(98.0).add(100.0).add(102.0));
    }

    @Test
    void aSignalIsKeptOnceWithItsHistoricalMarkAndInterval() {
        ChartSeries s = series(10);
        JsonObject json = s.onSignal(SignalAgeTest.signal(Interval.M1, T0, T0 + M + 5), false);
        assertThat(json.getString("interval")).isEqualTo("1m");
        assertThat(json.getBoolean("historical")).isFalse();
        assertThat(json.getDouble("price")).isEqualTo(87000.5);
        assertThat(s.onSignal(SignalAgeTest.signal(Interval.M1, T0, T0 + M + 5), false))
                .isNull();
        assertThat(s.toJson().getJsonArray("signals")).hasSize(1);
    }

    @Test
    void signalsAreBounded() {
        ChartSeries s = series(10);
        for (int i = 0; i <= ChartSeries.SIGNALS; i++) {
            s.onSignal(SignalAgeTest.signal(Interval.M1, T0 + i * M, T0 + i * M), true);
        }
        JsonArray signals = s.toJson().getJsonArray("signals");
        assertThat(signals).hasSize(ChartSeries.SIGNALS);
        assertThat(signals.getJsonObject(0).getLong("openTime")).isEqualTo(T0 + M);
        // The oldest id was forgotten with it, so a redelivery of it is new again.
        assertThat(s.onSignal(SignalAgeTest.signal(Interval.M1, T0, T0), true)).isNotNull();
    }
}
