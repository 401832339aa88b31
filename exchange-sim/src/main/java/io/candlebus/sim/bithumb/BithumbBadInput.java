package io.candlebus.sim.bithumb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.candlebus.contract.codec.ContractJson;
import io.candlebus.sim.faults.BadInput;

/**
 * Turns a real Bithumb trade message into a bad one of a given {@link BadInput} kind: a price or size of
 * the wrong type, missing, not a number, zero or negative, or an unknown market code.
 */
final class BithumbBadInput {
    /** The market code no simulated market lists. */
    static final String UNKNOWN_CODE = "KRW-NOSUCHCOIN";

    private BithumbBadInput() {}

    /**
     * Returns {@code tradeMessage} with the fault of {@code kind}, or null for kinds that are not a changed
     * trade (malformed JSON, late trades, oversized frames) or do not occur on Bithumb.
     */
    static String trade(BadInput kind, String tradeMessage) {
        ObjectNode trade = parse(tradeMessage);
        switch (kind) {
            case WRONG_TYPE -> trade.putObject("trade_price")
                    .put("value", trade.get("trade_price").decimalValue());
            case MISSING_FIELD -> trade.remove("trade_price");
            case NAN_PRICE -> trade.put("trade_price", "NaN");
            case ZERO_PRICE -> trade.put("trade_price", 0);
            case NEGATIVE_PRICE -> trade.put(
                    "trade_price", trade.get("trade_price").decimalValue().negate());
            case NAN_SIZE -> trade.put("trade_volume", "NaN");
            case ZERO_SIZE -> trade.put("trade_volume", 0);
            case NEGATIVE_SIZE -> trade.put(
                    "trade_volume", trade.get("trade_volume").decimalValue().negate());
            case UNKNOWN_SYMBOL -> trade.put("code", UNKNOWN_CODE);
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
