package io.candlebus.sim.binance;

import io.candlebus.sim.wire.JsonWriter;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Answers Binance's live control messages (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY,
 * GET_PROPERTY) with the exchange's reply and error shapes, updating a connection's subscriptions.
 * Errors are wrapped next to the request id as the websocket API sends them,
 * {@code {"error":{"code":2,"msg":"..."},"id":2}}, or flat ({@code {"code":2,"msg":"...","id":2}}, the
 * REST shape) when a test asks for it ({@code WireForms.binanceWrappedErrors}). A malformed stream name
 * ({@link StreamNames}) refuses the whole request with the {@code invalid stream} error and reports it to
 * {@code onInvalidStream}, which may close the connection as the venue may; a well-formed name of a
 * stream that does not exist is accepted and stays silent.
 */
final class BinanceControl {
    private static final Pattern STRING_ID = Pattern.compile("[A-Za-z0-9]{1,36}");

    private BinanceControl() {}

    /** Handles one text message and returns the reply to send, errors flat unless {@code wrappedErrors}. */
    static String handle(String text, StreamSubscriptions subs, boolean futures, boolean wrappedErrors) {
        return handle(text, subs, futures, wrappedErrors, () -> {});
    }

    /**
     * Handles one text message and returns the reply to send, errors flat unless {@code wrappedErrors};
     * {@code onInvalidStream} runs when a (UN)SUBSCRIBE named a malformed stream.
     */
    static String handle(
            String text, StreamSubscriptions subs, boolean futures, boolean wrappedErrors, Runnable onInvalidStream) {
        String reply = handle(text, subs, futures, onInvalidStream);
        return wrappedErrors ? reply : flat(reply);
    }

    /** Handles one text message and returns the reply to send, errors wrapped as on the venue. */
    static String handle(String text, StreamSubscriptions subs, boolean futures) {
        return handle(text, subs, futures, () -> {});
    }

    /**
     * Handles one text message and returns the reply to send; {@code onInvalidStream} runs when a
     * (UN)SUBSCRIBE named a malformed stream.
     */
    static String handle(String text, StreamSubscriptions subs, boolean futures, Runnable onInvalidStream) {
        Object decoded;
        try {
            decoded = Json.decodeValue(text);
        } catch (DecodeException e) {
            return error(3, "Invalid JSON: " + firstLine(e.getMessage()), null);
        }
        if (!(decoded instanceof JsonObject request)) {
            return error(2, "Invalid request: expected a JSON object", null);
        }
        Object id = request.getValue("id");
        String idError = checkId(id, futures);
        if (idError != null) {
            return error(2, "Invalid request: " + idError, null);
        }
        Object method = request.getValue("method");
        if (!(method instanceof String name)) {
            return error(2, "Invalid request: method must be a string", id);
        }
        Object params = request.getValue("params");
        return switch (name) {
            case "SUBSCRIBE" -> subscribe(params, subs, id, true, onInvalidStream);
            case "UNSUBSCRIBE" -> subscribe(params, subs, id, false, onInvalidStream);
            case "LIST_SUBSCRIPTIONS" -> list(subs, id);
            case "SET_PROPERTY" -> setProperty(params, subs, id);
            case "GET_PROPERTY" -> getProperty(params, subs, id);
            default -> error(2, "Invalid request: unknown method '" + name + "'", id);
        };
    }

    private static String subscribe(
            Object params, StreamSubscriptions subs, Object id, boolean add, Runnable onInvalidStream) {
        List<String> names = strings(params);
        if (names == null || names.isEmpty()) {
            return error(2, "Invalid request: params must be a non-empty array of stream names", id);
        }
        if (!names.stream().allMatch(StreamNames::wellFormed)) {
            onInvalidStream.run();
            return wrappedError(2, "Invalid request: invalid stream", id);
        }
        if (add) {
            if (!subs.add(names)) {
                return wrappedError(
                        2,
                        "Invalid request: too many streams: expected at most " + subs.maxStreams()
                                + " per connection, was " + subs.countWith(names),
                        id);
            }
        } else {
            subs.remove(names);
        }
        return result("null", id);
    }

    private static String list(StreamSubscriptions subs, Object id) {
        JsonWriter w = new JsonWriter().beginArray();
        subs.list().forEach(w::value);
        return result(w.endArray().toString(), id);
    }

    private static String setProperty(Object params, StreamSubscriptions subs, Object id) {
        if (!(params instanceof JsonArray array) || array.size() != 2 || !(array.getValue(0) instanceof String)) {
            return error(2, "Invalid request: params must be [property name, value]", id);
        }
        if (!"combined".equals(array.getString(0))) {
            return error(0, "Unknown property", id);
        }
        if (!(array.getValue(1) instanceof Boolean value)) {
            return error(1, "Invalid value type: expected Boolean", id);
        }
        subs.combined(value);
        return result("null", id);
    }

    private static String getProperty(Object params, StreamSubscriptions subs, Object id) {
        if (!(params instanceof JsonArray array) || array.size() != 1 || !(array.getValue(0) instanceof String)) {
            return error(2, "Invalid request: params must be [property name]", id);
        }
        if (!"combined".equals(array.getString(0))) {
            return error(0, "Unknown property", id);
        }
        return result(Boolean.toString(subs.combined()), id);
    }

    private static List<String> strings(Object params) {
        if (!(params instanceof JsonArray array)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof String s) || s.isEmpty()) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private static String checkId(Object id, boolean futures) {
        if (id == null) {
            return null;
        }
        if (futures) {
            boolean unsigned = (id instanceof Integer || id instanceof Long) && ((Number) id).longValue() >= 0;
            return unsigned ? null : "request ID must be an unsigned integer";
        }
        if (id instanceof Integer || id instanceof Long) {
            return null;
        }
        if (id instanceof BigInteger) {
            return "request ID must be a 64-bit integer";
        }
        if (id instanceof String s && STRING_ID.matcher(s).matches()) {
            return null;
        }
        return "request ID must be an integer, an alphanumeric string of at most 36 characters, or null";
    }

    private static String result(String resultJson, Object id) {
        JsonWriter w =
                new JsonWriter().beginObject().name("result").raw(resultJson).name("id");
        writeId(w, id);
        return w.endObject().toString();
    }

    private static String error(int code, String message, Object id) {
        return wrappedError(code, message, id);
    }

    /** Rewrites a wrapped error reply into the flat shape {@code {"code":..,"msg":..,"id":..}}; others unchanged. */
    private static String flat(String reply) {
        JsonObject decoded = new JsonObject(reply);
        if (!(decoded.getValue("error") instanceof JsonObject error)) {
            return reply;
        }
        JsonWriter w = new JsonWriter()
                .beginObject()
                .name("code")
                .value(error.getLong("code"))
                .name("msg")
                .value(error.getString("msg"))
                .name("id");
        writeId(w, decoded.getValue("id"));
        return w.endObject().toString();
    }

    /** Writes the error shape the venue's websocket uses: {@code {"error":{...},"id":...}}. */
    private static String wrappedError(int code, String message, Object id) {
        JsonWriter w = new JsonWriter()
                .beginObject()
                .name("error")
                .beginObject()
                .name("code")
                .value(code)
                .name("msg")
                .value(message)
                .endObject()
                .name("id");
        writeId(w, id);
        return w.endObject().toString();
    }

    private static void writeId(JsonWriter w, Object id) {
        if (id == null) {
            w.nullValue();
        } else if (id instanceof String s) {
            w.value(s);
        } else {
            w.value(((Number) id).longValue());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
