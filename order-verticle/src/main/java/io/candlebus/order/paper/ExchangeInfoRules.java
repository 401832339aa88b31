package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Reads an instrument's {@link VenueRules} from a Binance {@code exchangeInfo} answer: {@code PRICE_FILTER
 * tickSize}, {@code LOT_SIZE stepSize}, the value filter ({@code NOTIONAL minNotional} on spot, older spot's
 * {@code MIN_NOTIONAL minNotional}, USDT-M's {@code MIN_NOTIONAL notional}; none on COIN-M) and COIN-M's
 * {@code contractSize}.
 */
public final class ExchangeInfoRules {
    private ExchangeInfoRules() {}

    /** Returns the rules of {@code instrument}; throws naming what is missing or why it cannot be traded. */
    public static VenueRules parse(JsonObject exchangeInfo, Instrument instrument) {
        JsonArray symbols = exchangeInfo.getJsonArray("symbols");
        if (symbols == null) {
            throw new IllegalArgumentException("exchangeInfo: expected a symbols array");
        }
        for (Object o : symbols) {
            if (o instanceof JsonObject s && instrument.symbol().equals(s.getString("symbol"))) {
                return rules(s, instrument);
            }
        }
        throw new IllegalArgumentException(
                instrument + " is not tradable: its symbol is not in the venue's exchangeInfo");
    }

    private static VenueRules rules(JsonObject symbol, Instrument instrument) {
        String status = symbol.getString("status", symbol.getString("contractStatus", "TRADING"));
        if (!"TRADING".equals(status)) {
            throw new IllegalArgumentException(instrument + " is not tradable: exchangeInfo status " + status);
        }
        BigDecimal tick = null;
        BigDecimal step = null;
        BigDecimal min = BigDecimal.ZERO;
        JsonArray filters = symbol.getJsonArray("filters", new JsonArray());
        for (Object o : filters) {
            if (!(o instanceof JsonObject f)) {
                continue;
            }
            switch (f.getString("filterType", "")) {
                case "PRICE_FILTER" -> tick = decimal(f, "tickSize", instrument);
                case "LOT_SIZE" -> step = decimal(f, "stepSize", instrument);
                case "NOTIONAL" -> min = decimal(f, "minNotional", instrument);
                case "MIN_NOTIONAL" -> min =
                        decimal(f, f.containsKey("notional") ? "notional" : "minNotional", instrument);
                default -> {
                    // Other filters (PERCENT_PRICE, MAX_NUM_ORDERS, ...) are not simulated by the paper broker.
                }
            }
        }
        if (tick == null || step == null) {
            throw new IllegalArgumentException(
                    "exchangeInfo of " + instrument + ": expected PRICE_FILTER and LOT_SIZE filters");
        }
        BigDecimal contractSize = BigDecimal.ONE;
        if (instrument.market() == Market.COINM) {
            Object size = symbol.getValue("contractSize");
            contractSize = size == null ? ContractSizes.standard(instrument) : new BigDecimal(size.toString());
        }
        return new VenueRules(instrument, tick, step, min, contractSize, "exchangeInfo");
    }

    private static BigDecimal decimal(JsonObject filter, String key, Instrument instrument) {
        Object value = filter.getValue(key);
        try {
            return new BigDecimal(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("exchangeInfo of " + instrument + ": expected a decimal "
                    + filter.getString("filterType") + "." + key + ", was " + value);
        }
    }
}
