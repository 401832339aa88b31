package io.candlebus.sim.binance.orders;

import io.candlebus.contract.Market;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.orders.SimVenue;
import io.candlebus.sim.orders.TradingRules;
import io.candlebus.sim.wire.JsonWriter;

/**
 * Writes the order-value filter of a symbol into exchangeInfo, the one the order engine enforces next to
 * {@code PRICE_FILTER} and {@code LOT_SIZE}: spot's {@code NOTIONAL}, USDT-M's {@code MIN_NOTIONAL}
 * (COIN-M has none: its orders are whole contracts).
 */
public final class BinanceOrderFilters {
    private BinanceOrderFilters() {}

    /** Appends the value filter of {@code spec}, if its market has one, to an open filters array. */
    public static void valueFilter(JsonWriter w, InstrumentSpec spec) {
        Market market = spec.instrument().market();
        if (market == Market.COINM) {
            return;
        }
        String min = TradingRules.minNotional(SimVenue.BINANCE_SPOT, spec).toPlainString();
        if (market == Market.SPOT) {
            w.beginObject().name("filterType").value("NOTIONAL");
            w.name("minNotional").value(min).name("applyMinToMarket").value(true);
            w.name("maxNotional")
                    .value("9000000.00000000")
                    .name("applyMaxToMarket")
                    .value(false);
            w.name("avgPriceMins").value(5).endObject();
        } else {
            w.beginObject()
                    .name("filterType")
                    .value("MIN_NOTIONAL")
                    .name("notional")
                    .value(min)
                    .endObject();
        }
    }
}
