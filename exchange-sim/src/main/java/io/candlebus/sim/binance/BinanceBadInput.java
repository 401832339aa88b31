package io.candlebus.sim.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.candlebus.contract.codec.ContractJson;
import io.candlebus.sim.faults.BadInput;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Turns a real kline event into a bad one of a given {@link BadInput} kind: one field of the wrong type,
 * missing, not a number, zero, negative, a high below the low, or an unknown symbol.
 */
final class BinanceBadInput {
    /** The symbol no simulated market lists. */
    static final String UNKNOWN_SYMBOL = "NOSUCHCOIN";

    private BinanceBadInput() {}

    /**
     * Returns {@code klineEvent} with the fault of {@code kind}, or null for kinds that are not a changed
     * kline (malformed JSON, oversized frames) or do not occur on Binance.
     */
    static String kline(BadInput kind, String klineEvent) {
        ObjectNode event = parse(klineEvent);
        ObjectNode k = (ObjectNode) event.get("k");
        switch (kind) {
            case WRONG_TYPE -> k.putObject("o").put("value", k.get("o").asText());
            case MISSING_FIELD -> k.remove("c");
            case NAN_PRICE -> k.put("c", "NaN");
            case ZERO_PRICE -> k.put("c", "0");
            case NEGATIVE_PRICE -> k.put("c", "-" + k.get("c").asText());
            case NAN_SIZE -> k.put("v", "NaN");
            case NEGATIVE_SIZE -> k.put("v", "-" + positive(k.get("v").asText()));
            case HIGH_BELOW_LOW -> k.put(
                    "h",
                    new BigDecimal(k.get("l").asText()).subtract(BigDecimal.ONE).toPlainString());
            case UNKNOWN_SYMBOL -> {
                event.put("s", UNKNOWN_SYMBOL);
                k.put("s", UNKNOWN_SYMBOL);
            }
            default -> {
                return null;
            }
        }
        return write(event);
    }

    /** Returns a stream name of the unknown symbol with the interval of {@code stream}. */
    static String unknownStream(String stream) {
        int at = stream.indexOf('@');
        return UNKNOWN_SYMBOL.toLowerCase(Locale.ROOT) + (at < 0 ? "@kline_1m" : stream.substring(at));
    }

    /** A zero volume would make "-0", which is not negative. */
    private static String positive(String volume) {
        return new BigDecimal(volume).signum() == 0 ? "1" : volume;
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) ContractJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kline event: expected JSON, was " + json, e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return ContractJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kline event: expected writable JSON, was " + node, e);
        }
    }
}
