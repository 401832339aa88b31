package io.candlebus.sim.bithumb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.sim.Json;
import io.candlebus.sim.SimInstrument;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import org.junit.jupiter.api.Test;

class BithumbJsonTest {
    private static final InstrumentSpec SPEC =
            new InstrumentSpec(SimInstrument.of("bithumb:spot:KRW-BTC", "131000000", "1000", "0.0001", 60));

    @Test
    void aTradeCarriesItsSequentialIdAsAStringOrANumber() {
        SimTrade trade = new SimTrade(1_767_225_600_123L, 131_250L, 21L, true, 17_672_256_001_230_001L, 0L);

        JsonNode real = Json.parse(BithumbJson.trade(trade, SPEC, 130_900L, 1_767_225_600_190L, "REALTIME", true));
        JsonNode documented =
                Json.parse(BithumbJson.trade(trade, SPEC, 130_900L, 1_767_225_600_190L, "REALTIME", false));

        assertThat(real.get("sequential_id").isTextual()).isTrue();
        assertThat(real.get("sequential_id").asText()).isEqualTo("17672256001230001");
        assertThat(documented.get("sequential_id").isIntegralNumber()).isTrue();
        assertThat(documented.get("sequential_id").asLong()).isEqualTo(17_672_256_001_230_001L);
        assertThat(real.get("trade_price").isNumber()).isTrue();
    }

    @Test
    void anErrorNamedAfterAStatusCarriesANumberOrAString() {
        assertThat(BithumbJson.error(404, "Code not found", true))
                .isEqualTo("{\"error\":{\"name\":404,\"message\":\"Code not found\"}}");
        assertThat(BithumbJson.error(404, "Code not found", false))
                .isEqualTo("{\"error\":{\"name\":\"404\",\"message\":\"Code not found\"}}");
    }
}
