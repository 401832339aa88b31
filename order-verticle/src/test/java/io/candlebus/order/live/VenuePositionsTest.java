package io.candlebus.order.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VenuePositionsTest {
    @Test
    void theSummaryShowsHeldNextToTheVenuePerInstrumentAndTheMarketsNotRead() {
        Instrument spot = Instrument.parse("binance:spot:BTCUSDT");
        Instrument usdm = Instrument.parse("binance:usdm:BTCUSDT");
        Instrument eth = Instrument.parse("binance:usdm:ETHUSDT");
        VenuePositions positions = new VenuePositions(
                new TreeMap<>(Map.of(spot, new BigDecimal("0.01"), usdm, BigDecimal.ZERO)),
                new TreeMap<>(
                        Map.of(spot, new BigDecimal("0.51"), usdm, new BigDecimal("-0.002"), eth, BigDecimal.ONE)),
                new TreeMap<>(Map.of("binance:coinm", "binance coinm GET /dapi/v1/positionRisk: HTTP 401")));

        assertThat(positions.summary())
                .isEqualTo("[binance:spot:BTCUSDT held 0.01 venue 0.51, binance:usdm:BTCUSDT held 0 venue -0.002,"
                        + " binance:usdm:ETHUSDT held - venue 1] not read: binance:coinm");
    }
}
