package io.candlebus.order.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinancePositionRiskTest {
    @Test
    void oneWayRowsGiveTheSignedAmountPerInstrumentAndFlatOnesAreLeftOut() {
        String body =
                "[{\"symbol\":\"BTCUSDT\",\"positionAmt\":\"-0.010\",\"positionSide\":\"BOTH\",\"entryPrice\":\"1\"},"
                        + "{\"symbol\":\"ETHUSDT\",\"positionAmt\":\"0.000\",\"positionSide\":\"BOTH\"},"
                        + "{\"symbol\":\"SOLUSDT\",\"positionAmt\":\"3\",\"positionSide\":\"BOTH\"}]";

        Map<Instrument, BigDecimal> read = BinancePositionRisk.parse(Market.USDM, body);

        assertThat(read)
                .containsOnlyKeys(Instrument.parse("binance:usdm:BTCUSDT"), Instrument.parse("binance:usdm:SOLUSDT"));
        assertThat(read.get(Instrument.parse("binance:usdm:BTCUSDT"))).isEqualByComparingTo("-0.01");
        assertThat(read.get(Instrument.parse("binance:usdm:SOLUSDT"))).isEqualByComparingTo("3");
    }

    @Test
    void hedgeModeLongAndShortRowsAddUpToTheNetPositionInContracts() {
        String body = "[{\"symbol\":\"BTCUSD_PERP\",\"positionAmt\":\"5\",\"positionSide\":\"LONG\"},"
                + "{\"symbol\":\"BTCUSD_PERP\",\"positionAmt\":\"-2\",\"positionSide\":\"SHORT\"}]";

        assertThat(BinancePositionRisk.parse(Market.COINM, body))
                .containsOnlyKeys(Instrument.parse("binance:coinm:BTCUSD_PERP"))
                .hasEntrySatisfying(Instrument.parse("binance:coinm:BTCUSD_PERP"), v -> assertThat(v)
                        .isEqualByComparingTo("3"));
    }

    @Test
    void anythingButRowsWithATextAmountIsRefusedNamingTheField() {
        assertThatThrownBy(() -> BinancePositionRisk.parse(Market.USDM, "{\"code\":-2015}"))
                .hasMessageStartingWith("positionRisk: expected a JSON array");
        assertThatThrownBy(() -> BinancePositionRisk.parse(Market.USDM, "[{\"symbol\":\"BTCUSDT\",\"positionAmt\":1}]"))
                .hasMessageStartingWith("positionRisk: expected rows {symbol, positionAmt (text)}");
        assertThatThrownBy(() ->
                        BinancePositionRisk.parse(Market.USDM, "[{\"symbol\":\"BTCUSDT\",\"positionAmt\":\"x\"}]"))
                .hasMessage("positionRisk.positionAmt: expected a decimal for BTCUSDT, was 'x'");
        assertThatThrownBy(() -> BinancePositionRisk.parse(Market.SPOT, "[]")).hasMessageStartingWith("market:");
    }
}
