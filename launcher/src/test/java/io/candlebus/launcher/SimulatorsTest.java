package io.candlebus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.candlebus.contract.Instrument;
import io.candlebus.launcher.AppConfig.SimSettings;
import io.candlebus.market.MarketConfig;
import io.candlebus.sim.SimConfig;
import io.candlebus.sim.SimInstrument;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorsTest {
    private static final Instrument UPBIT_BTC = Instrument.parse("upbit:spot:KRW-BTC");

    @Test
    void theDemoSimulatorServesTheUpbitMarketsBesideTheOthers() {
        SimConfig config = Simulators.config(new SimSettings(7, 60, 0, 0), MarketConfig.defaults());
        assertThat(config.instruments())
                .extracting(i -> i.instrument().key())
                .contains("bithumb:spot:KRW-BTC", "upbit:spot:KRW-BTC", "upbit:spot:KRW-ETH");
    }

    @Test
    void anUpbitInstrumentGetsTheUpbitDemoSetUpOrAGenericKrwMarket() {
        List<SimInstrument> out = Simulators.instruments(List.of(UPBIT_BTC, Instrument.parse("upbit:spot:KRW-XRP")));
        assertThat(out.get(0).lotSize()).isEqualByComparingTo(new BigDecimal("0.00000001"));
        assertThat(out.get(1).instrument().key()).isEqualTo("upbit:spot:KRW-XRP");
        assertThat(out.get(1).tickSize()).isEqualByComparingTo(BigDecimal.TEN);
    }
}
