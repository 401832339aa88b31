package io.candlebus.sim.v1family;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.candlebus.contract.codec.ContractJson;
import io.candlebus.sim.faults.BadInput;

/**
 * Turns a real trade message of the Upbit v1 family (one object) into a bad one of a given {@link BadInput}
 * kind: a price or size of the wrong type, missing, not a number, zero or negative, or an unknown market code.
 */
public final class V1BadInput {
    /** The market code no simulated market lists. */
    public static final String UNKNOWN_CODE = "KRW-NOSUCHCOIN";

    private V1BadInput() {}

    /**
     * Returns {@code tradeMessage} with the fault of {@code kind}, its keys full ({@code trade_price}) or, if
     * {@code abbreviated}, Upbit's SIMPLE ones ({@code tp}); null for kinds that are not a changed trade
     * (malformed JSON, late trades, oversized frames) or do not occur on these venues.
     */
    public static String trade(BadInput kind, String tradeMessage, boolean abbreviated) {
        ObjectNode trade = parse(tradeMessage);
        String price = abbreviated ? "tp" : "trade_price";
        String volume = abbreviated ? "tv" : "trade_volume";
        switch (kind) {
            case WRONG_TYPE -> trade.putObject(price)
                    .put("value", trade.get(price).decimalValue());
            case MISSING_FIELD -> trade.remove(price);
            case NAN_PRICE -> trade.put(price, "NaN");
            case ZERO_PRICE -> trade.put(price, 0);
            case NEGATIVE_PRICE -> trade.put(
                    price, trade.get(price).decimalValue().negate());
            case NAN_SIZE -> trade.put(volume, "NaN");
            case ZERO_SIZE -> trade.put(volume, 0);
            case NEGATIVE_SIZE -> trade.put(
                    volume, trade.get(volume).decimalValue().negate());
            case UNKNOWN_SYMBOL -> trade.put(abbreviated ? "cd" : "code", UNKNOWN_CODE);
            default -> {
                return null;
            }
        }
        try {
            return ContractJson.mapper().writeValueAsString(trade);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trade message: expected writable JSON, was " + trade, e);
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) ContractJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("trade message: expected JSON, was " + json, e);
        }
    }
}
