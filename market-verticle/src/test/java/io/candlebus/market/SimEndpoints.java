package io.candlebus.market;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.ExchangeSimulator;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Market config JSON that follows {@code instruments} on the simulator's endpoints; tests add their timings. */
public final class SimEndpoints {
    private SimEndpoints() {}

    public static JsonObject marketJson(ExchangeSimulator sim, List<Instrument> instruments) {
        JsonObject binance = new JsonObject();
        for (Market m : Market.values()) {
            binance.put(
                    m.wireName(),
                    new JsonObject().put("restUrl", sim.binanceRestUrl(m)).put("wsUrl", sim.binanceWsUrl(m)));
        }
        return new JsonObject()
                .put(
                        "instruments",
                        new JsonArray(instruments.stream().map(Instrument::key).toList()))
                .put("binance", binance)
                .put(
                        "bithumb",
                        new JsonObject().put("restUrl", sim.bithumbRestUrl()).put("wsUrl", sim.bithumbWsUrl()))
                .put(
                        "upbit",
                        new JsonObject().put("restUrl", sim.upbitRestUrl()).put("wsUrl", sim.upbitWsUrl()));
    }
}
