package io.candlebus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.codec.ContractJson;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parses test payloads with exact decimals (Jackson with BigDecimal floats). */
public final class Json {
    private Json() {}

    public static JsonNode parse(String text) {
        try {
            return ContractJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** Returns a decimal from a JSON string ("87310.01") or number node, exactly. */
    public static java.math.BigDecimal decimal(JsonNode node) {
        return node.isTextual() ? new java.math.BigDecimal(node.asText()) : node.decimalValue();
    }
}
