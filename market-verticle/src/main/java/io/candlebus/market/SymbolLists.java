package io.candlebus.market;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the symbols a venue lists from its markets endpoint: Binance {@code exchangeInfo}
 * ({@code {"symbols":[{"symbol":"BTCUSDT","status":"TRADING",..}]}}) and Bithumb {@code /v1/market/all}
 * ({@code [{"market":"KRW-BTC",..}]}). Any listed status counts (a halted symbol is not misspelt); a body
 * of another shape throws, so the directory keeps what it had.
 */
public final class SymbolLists {
    private SymbolLists() {}

    /** Returns the symbols of a Binance {@code exchangeInfo} body (spot, USDT-M or COIN-M). */
    public static Set<String> binanceExchangeInfo(byte[] body) throws BadInputException {
        JsonNode root = JsonFields.parse(body);
        if (!root.isObject()) {
            throw new BadInputException("wrong-type", "exchangeInfo: expected an object, was " + root.getNodeType());
        }
        JsonNode symbols = JsonFields.field(root, "symbols", "exchangeInfo");
        if (!symbols.isArray()) {
            throw new BadInputException(
                    "wrong-type", "exchangeInfo.symbols: expected an array, was " + symbols.getNodeType());
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i < symbols.size(); i++) {
            String path = "exchangeInfo.symbols[" + i + "]";
            out.add(JsonFields.text(JsonFields.field(symbols.get(i), "symbol", path), path + ".symbol"));
        }
        return out;
    }

    /** Returns the market codes of a Bithumb {@code /v1/market/all} body. */
    public static Set<String> bithumbMarkets(byte[] body) throws BadInputException {
        JsonNode root = JsonFields.parse(body);
        if (!root.isArray()) {
            throw new BadInputException("wrong-type", "market/all: expected an array, was " + root.getNodeType());
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            String path = "market/all[" + i + "]";
            out.add(JsonFields.text(JsonFields.field(root.get(i), "market", path), path + ".market"));
        }
        return out;
    }
}
