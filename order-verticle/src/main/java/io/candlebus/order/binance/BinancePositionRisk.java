package io.candlebus.order.binance;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Binance's futures positions, {@code GET /fapi/v2/positionRisk} (USDT-M) and {@code GET
 * /dapi/v1/positionRisk} (COIN-M): {@code [{symbol, positionAmt, positionSide, ...}]}, {@code positionAmt} signed
 * (negative = short; base units on USDT-M, contracts on COIN-M, as order quantities are). In hedge mode a symbol
 * has a LONG and a SHORT row: they are added, so the result is the net position either way.
 */
public final class BinancePositionRisk {
    private BinancePositionRisk() {}

    /**
     * Returns the net position per instrument of {@code market}, flat ones left out (Binance lists every symbol,
     * the simulator only those held); throws {@link IllegalArgumentException} naming what was expected.
     */
    public static Map<Instrument, BigDecimal> parse(Market market, String body) {
        if (market == Market.SPOT) {
            throw new IllegalArgumentException("market: expected usdm or coinm (spot has no positions), was spot");
        }
        JsonArray rows;
        try {
            rows = new JsonArray(body == null ? "" : body);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("positionRisk: expected a JSON array, was " + shorten(body));
        }
        Map<Instrument, BigDecimal> out = new TreeMap<>();
        for (Object row : rows) {
            if (!(row instanceof JsonObject p)
                    || !(p.getValue("symbol") instanceof String symbol)
                    || !(p.getValue("positionAmt") instanceof String amount)) {
                throw new IllegalArgumentException("positionRisk: expected rows {symbol, positionAmt (text)}, was "
                        + shorten(String.valueOf(row)));
            }
            BigDecimal amt;
            try {
                amt = new BigDecimal(amount);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "positionRisk.positionAmt: expected a decimal for " + symbol + ", was '" + amount + "'");
            }
            out.merge(new Instrument(Exchange.BINANCE, market, symbol), amt, BigDecimal::add);
        }
        out.values().removeIf(amt -> amt.signum() == 0);
        return out;
    }

    private static String shorten(String body) {
        return body == null ? "nothing" : body.length() > 80 ? body.substring(0, 80) + "..." : body;
    }
}
