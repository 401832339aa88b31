package io.candlebus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.codec.ContractJson;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class InvariantsTest {
    static final Instrument BTC = Instrument.parse("binance:spot:BTCUSDT");

    static Candle candle(String open, String high, String low, String close) {
        return new Candle(
                BTC,
                Interval.M1,
                60_000L,
                new BigDecimal(open),
                new BigDecimal(high),
                new BigDecimal(low),
                new BigDecimal(close),
                BigDecimal.ONE,
                BigDecimal.TEN,
                3,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.AGGREGATED);
    }

    @Test
    void candleRejectsHighBelowLowNamingBoth() {
        assertThatThrownBy(() -> candle("10", "9", "11", "10"))
                .hasMessage("candle: expected high >= low, was high=9, low=11");
    }

    @Test
    void candleRejectsOpenOutsideRange() {
        assertThatThrownBy(() -> candle("12", "11", "9", "10")).hasMessageContaining("open=12");
    }

    @Test
    void candleRejectsUnalignedOpenTime() {
        assertThatThrownBy(() -> new Candle(
                        BTC,
                        Interval.M5,
                        60_000L,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        0,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        true,
                        CandleSource.REST))
                .hasMessageContaining("candle.openTime: expected a multiple of 300000 ms for interval 5m, was 60000");
    }

    @Test
    void tradeRejectsNonPositiveQuantity() {
        assertThatThrownBy(() -> new Trade(BTC, BigDecimal.ONE, new BigDecimal("-1"), 1, Side.BUY, 1))
                .hasMessage("trade.quantity: expected > 0, was -1");
    }

    @Test
    void instrumentParsesAndNamesBadParts() {
        assertThat(Instrument.parse("binance:coinm:BTCUSD_PERP").market()).isEqualTo(Market.COINM);
        assertThatThrownBy(() -> Instrument.parse("binance:margin:BTCUSDT"))
                .hasMessage("market: expected one of spot, usdm, coinm, was 'margin'");
        assertThatThrownBy(() -> Instrument.parse("bithumb:usdm:KRW-BTC")).hasMessageContaining("only the spot");
        assertThatThrownBy(() -> Instrument.parse("binance:spot:btcusdt")).hasMessageContaining("upper-case");
        assertThatThrownBy(() -> Instrument.parse("BTCUSDT")).hasMessageContaining("exchange:market:SYMBOL");
    }

    @Test
    void intervalAlignsToEpochMultiples() {
        assertThat(Interval.M5.openTimeOf(1767225899999L)).isEqualTo(1767225600000L);
        assertThat(Interval.M1.openTimeOf(-1)).isEqualTo(-60_000L);
        assertThatThrownBy(() -> Interval.parse("1w")).hasMessageContaining("expected one of 1s, 1m");
    }

    @Test
    void orderRequestNeedsPriceForLimit() {
        assertThatThrownBy(() -> new OrderRequest("id-1", BTC, Side.BUY, OrderType.LIMIT, BigDecimal.ONE, null, "http"))
                .hasMessage("order.price: expected a value, was null");
        assertThatThrownBy(
                        () -> new OrderRequest("bad id", BTC, Side.BUY, OrderType.MARKET, BigDecimal.ONE, null, "http"))
                .hasMessageContaining("order.clientOrderId");
    }

    @Test
    void anExtremeDecimalIsNamedInItsShortFormNeverPrintedInFull() {
        // Printed plain, -1e999999999 is a billion characters: it once took a node's memory with it.
        assertThatThrownBy(() -> new OrderRequest(
                        "id-1", BTC, Side.BUY, OrderType.MARKET, new BigDecimal("-1e999999999"), null, "http"))
                .hasMessage("order.quantity: expected > 0, was -1E+999999999");
        assertThatThrownBy(() -> ContractJson.fromJson(
                        "{\"clientOrderId\":\"id-1\",\"instrument\":\"binance:spot:BTCUSDT\",\"side\":\"BUY\","
                                + "\"type\":\"MARKET\",\"quantity\":\"-1e-999999999\",\"origin\":\"x\"}",
                        OrderRequest.class))
                .hasMessageContaining("order.quantity: expected > 0, was -1E-999999999");
    }

    @Test
    void decodingInvalidJsonNamesTheBrokenInvariant() {
        String json = ContractJson.toJson(candle("10", "11", "9", "10")).replace("\"high\":11", "\"high\":8");
        assertThatThrownBy(() -> ContractJson.fromJson(json, Candle.class))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("expected high >= low");
    }

    @Test
    void bandsRejectNaN() {
        assertThatThrownBy(() -> new Bands(BTC, Interval.M1, 0, 20, 2, 1, Double.NaN, 1, 1, 0.5, 0, true))
                .hasMessage("bands.middle: expected a finite number, was NaN");
    }

    @Test
    void streamStatusRejectsNegativeCounts() {
        assertThatThrownBy(() -> new StreamStatus(BTC, StreamState.LIVE, 0, -1, 0, 0, 0, 0))
                .hasMessage("stream.reconnects: expected >= 0, was -1");
    }

    @Test
    void streamStatesHaveHyphenatedWireNames() {
        assertThat(StreamState.BACKING_OFF.wireName()).isEqualTo("backing-off");
        assertThat(StreamState.LIVE.wireName()).isEqualTo("live");
        assertThat(StreamState.UNKNOWN.wireName()).isEqualTo("unknown");
    }

    @Test
    void nodeInfoRejectsASendTimeBeforeItsStartAndReportsUptime() {
        assertThatThrownBy(() -> new NodeInfo("n", java.util.List.of("http"), "1", 1, 2_000, 1_000))
                .hasMessage("nodeInfo.time: expected at or after startTime 2000, was 1000");
        assertThat(new NodeInfo("n", java.util.List.of("http"), "1", 1, 1_000, 4_500).uptimeMillis())
                .isEqualTo(3_500);
    }
}
