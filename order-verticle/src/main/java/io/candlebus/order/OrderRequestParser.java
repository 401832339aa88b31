package io.candlebus.order;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Reads the body of an {@code orders.submit} request: an {@link OrderRequest}, or its JSON form (as an
 * HTTP front end may send it). Errors name the field, say what was expected and what arrived. The HTTP
 * front end runs it too, so bad input is refused at the edge whether or not an order node is reachable.
 */
public final class OrderRequestParser {
    static final String DEFAULT_ORIGIN = "orders.submit";

    /** The longest text field read: ids and keys are far shorter, an origin is a short note. */
    static final int MAX_TEXT = 200;

    private static final Set<String> FIELDS =
            Set.of("clientOrderId", "instrument", "side", "type", "quantity", "price", "origin");

    private OrderRequestParser() {}

    /** Returns the request in {@code body}; throws IllegalArgumentException naming the bad field. */
    public static OrderRequest parse(Object body) {
        if (body instanceof OrderRequest request) {
            // A record from the bus is bounded like JSON from HTTP.
            OrderDecimals.bounded("order.quantity", request.quantity());
            OrderDecimals.bounded("order.price", request.price());
            if (request.origin().length() > MAX_TEXT) {
                throw new IllegalArgumentException("order.origin: expected at most " + MAX_TEXT + " characters, was "
                        + request.origin().length());
            }
            return request;
        }
        if (!(body instanceof JsonObject json)) {
            throw new IllegalArgumentException("order: expected an OrderRequest or a JSON object, was "
                    + (body == null ? "null" : body.getClass().getSimpleName()));
        }
        for (String key : json.fieldNames()) {
            if (!FIELDS.contains(key)) {
                throw new IllegalArgumentException("order." + key + ": unknown field, expected one of "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        try {
            return new OrderRequest(
                    text(json, "clientOrderId"),
                    instrument(json),
                    side(json),
                    type(json),
                    decimal(json, "quantity"),
                    decimal(json, "price"),
                    json.getValue("origin") == null ? DEFAULT_ORIGIN : text(json, "origin"));
        } catch (NullPointerException e) {
            // The record reports a missing required field as a NullPointerException naming it.
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String text(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("order." + field + ": expected text, was " + describe(value));
        }
        if (value != null && ((String) value).length() > MAX_TEXT) {
            throw new IllegalArgumentException("order." + field + ": expected at most " + MAX_TEXT + " characters, was "
                    + ((String) value).length());
        }
        return (String) value;
    }

    private static Instrument instrument(JsonObject json) {
        String key = text(json, "instrument");
        if (key == null) {
            return null;
        }
        try {
            return Instrument.parse(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order.instrument: " + e.getMessage(), e);
        }
    }

    private static Side side(JsonObject json) {
        String side = text(json, "side");
        if (side == null) {
            return null;
        }
        return switch (side) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new IllegalArgumentException("order.side: expected BUY or SELL, was '" + side + "'");
        };
    }

    private static OrderType type(JsonObject json) {
        String type = text(json, "type");
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT" -> OrderType.LIMIT;
            default -> throw new IllegalArgumentException("order.type: expected MARKET or LIMIT, was '" + type + "'");
        };
    }

    private static BigDecimal decimal(JsonObject json, String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return null;
        }
        if ((value instanceof String || value instanceof Number)
                && value.toString().length() <= 64) {
            BigDecimal parsed = null;
            try {
                parsed = new BigDecimal(value.toString());
            } catch (NumberFormatException e) {
                // Reported below with the field's name.
            }
            if (parsed != null) {
                // Bounded before the record's own checks, which print the value in full.
                return OrderDecimals.bounded("order." + field, parsed);
            }
        }
        throw new IllegalArgumentException(
                "order." + field + ": expected a decimal such as \"0.001\", was " + describe(value));
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return value instanceof String ? "'" + shown + "'" : shown;
    }
}
