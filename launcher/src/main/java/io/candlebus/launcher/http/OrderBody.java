package io.candlebus.launcher.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.codec.ContractJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /orders} into the JSON form {@code OrderRequestParser} takes, without judging
 * the order: that parser does, for HTTP and the bus alike (unknown fields, bounds, types).
 * Numbers in {@code quantity} and {@code price} are passed on as their exact text, never through a
 * {@code double}: {@code 0.1} stays {@code 0.1}, and {@code 1e999999999} arrives as text the parser refuses
 * in constant time.
 */
final class OrderBody {
    private static final Set<String> DECIMALS = Set.of("quantity", "price");

    private OrderBody() {}

    /** Returns {@code text} as a JSON object; throws IllegalArgumentException in our words if it is not one. */
    static JsonObject parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("body: expected a JSON object of an order, was empty");
        }
        JsonNode tree;
        try {
            tree = ContractJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("body: " + HttpErrors.describe(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("body: expected a JSON object of an order, was "
                    + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            out.put(field.getKey(), value(field.getKey(), field.getValue()));
        }
        return out;
    }

    private static Object value(String key, JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            if (DECIMALS.contains(key)) {
                return node.isBigDecimal() ? node.decimalValue().toString() : node.asText();
            }
            // Any other field wants text: the parser refuses a number whatever its size.
            return node.isIntegralNumber() && node.canConvertToLong()
                    ? (Object) node.longValue()
                    : (Object) node.doubleValue();
        }
        return node.isArray() ? new JsonArray(node.toString()) : new JsonObject(node.toString());
    }
}
