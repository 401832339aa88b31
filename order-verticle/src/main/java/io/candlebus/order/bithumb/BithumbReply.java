package io.candlebus.order.bithumb;

import io.candlebus.order.journal.OrderState;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Reads Bithumb's private REST answers: the error body {@code {"error":{"name":...,"message":...}}}, whose
 * {@code name} may be a string or a number and which may come even with a 2xx status, and an order's
 * {@code state} ({@code wait}, {@code watch}, {@code done}, {@code cancel}).
 */
final class BithumbReply {
    private BithumbReply() {}

    /** Returns the body as an object, or null if it is not one. */
    static JsonObject object(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException e) {
            return null;
        }
    }

    /** Returns {@code "<name>: <message>"} if the body carries an error, else null. */
    static String error(JsonObject body) {
        if (body == null || !(body.getValue("error") instanceof JsonObject error)) {
            return null;
        }
        Object name = error.getValue("name");
        Object message = error.getValue("message");
        return (name == null ? "unnamed" : name.toString()) + ": " + (message == null ? "" : message.toString());
    }

    /** Returns whether the error body says the order does not exist. */
    static boolean notFound(JsonObject body) {
        String error = error(body);
        return error != null && error.startsWith("order_not_found:");
    }

    /** Returns the journal state of a looked-up order. */
    static OrderState state(JsonObject order) {
        BigDecimal executed = executed(order);
        return switch (order.getString("state", "")) {
            case "done" -> OrderState.FILLED;
            case "cancel" -> OrderState.CANCELED;
            default -> executed.signum() > 0 ? OrderState.PARTIALLY_FILLED : OrderState.NEW;
        };
    }

    /** Returns the executed volume of a looked-up order (0 if absent). */
    static BigDecimal executed(JsonObject order) {
        try {
            return new BigDecimal(order.getValue("executed_volume", "0").toString());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
