package io.candlebus.sim.upbit;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed Upbit websocket request: one JSON array of a ticket object, type objects with {@code codes}
 * (and optional {@code is_only_snapshot} / {@code is_only_realtime}, the docs' snake case, or the camel case
 * Bithumb documents) and an optional format object ({@code DEFAULT}, {@code SIMPLE}, {@code JSON_LIST},
 * {@code SIMPLE_LIST}). Refusals carry the error names of Upbit's websocket guide.
 *
 * @param ticket the client's ticket
 * @param types the requested types by name
 * @param format the form messages are written in
 */
record UpbitRequest(String ticket, Map<String, TypeRequest> types, UpbitFormat format) {
    /** The public types Upbit serves; only {@code trade} is simulated, the others are accepted and stay quiet. */
    static final Set<String> TYPE_NAMES = Set.of("trade", "ticker", "orderbook");

    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,10}-[A-Z0-9]{1,20}");

    UpbitRequest {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /**
     * One requested type.
     *
     * @param type trade, ticker or orderbook
     * @param codes the upper-case market codes, each once
     * @param snapshot whether a snapshot is sent first
     * @param realtime whether realtime messages follow
     */
    record TypeRequest(String type, List<String> codes, boolean snapshot, boolean realtime) {
        TypeRequest {
            codes = List.copyOf(codes);
        }
    }

    /** A request Upbit would refuse, with its error name. */
    static final class RequestException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String name;

        RequestException(String name, String message) {
            super(message);
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    /** Parses one request text. */
    static UpbitRequest parse(String text) throws RequestException {
        Object decoded;
        try {
            decoded = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new RequestException(
                    "WRONG_FORMAT", "request: expected a JSON array, was '" + abbreviate(text) + "'");
        }
        if (!(decoded instanceof JsonArray array)) {
            throw new RequestException(
                    "WRONG_FORMAT",
                    "request: expected a JSON array of ticket, type and format objects, was '" + abbreviate(text)
                            + "'");
        }
        String ticket = null;
        UpbitFormat format = UpbitFormat.DEFAULT;
        Map<String, TypeRequest> types = new LinkedHashMap<>();
        for (Object item : array) {
            if (!(item instanceof JsonObject object)) {
                throw new RequestException(
                        "WRONG_FORMAT", "request: expected objects in the array, was '" + item + "'");
            }
            if (object.containsKey("ticket")) {
                if (!(object.getValue("ticket") instanceof String t) || t.isBlank()) {
                    throw new RequestException(
                            "NO_TICKET", "ticket: expected a non-blank string, was " + object.getValue("ticket"));
                }
                ticket = t;
            } else if (object.containsKey("type")) {
                TypeRequest type = type(object);
                types.put(type.type(), type);
            } else if (object.containsKey("format")) {
                format = UpbitFormat.named(object.getValue("format"));
                if (format == null) {
                    throw new RequestException(
                            "INVALID_PARAM",
                            "format: expected DEFAULT, SIMPLE, JSON_LIST or SIMPLE_LIST, was '"
                                    + object.getValue("format") + "'");
                }
            } else {
                throw new RequestException(
                        "WRONG_FORMAT", "request: expected a ticket, type or format object, was " + object.encode());
            }
        }
        if (ticket == null) {
            throw new RequestException("NO_TICKET", "request: expected a ticket object, was none");
        }
        if (types.isEmpty()) {
            throw new RequestException("NO_TYPE", "request: expected at least one type object, was none");
        }
        return new UpbitRequest(ticket, types, format);
    }

    private static TypeRequest type(JsonObject object) throws RequestException {
        Object type = object.getValue("type");
        if (!(type instanceof String name) || !TYPE_NAMES.contains(name)) {
            throw new RequestException(
                    "INVALID_PARAM", "type: expected trade, ticker or orderbook, was '" + type + "'");
        }
        if (!(object.getValue("codes") instanceof JsonArray codes) || codes.isEmpty()) {
            throw new RequestException(
                    "NO_CODES",
                    name + ".codes: expected a non-empty array of market codes, was " + object.getValue("codes"));
        }
        List<String> list = new ArrayList<>();
        for (Object code : codes) {
            if (!(code instanceof String c) || !CODE.matcher(c).matches()) {
                throw new RequestException(
                        "INVALID_PARAM",
                        name + ".codes: expected upper-case codes such as KRW-BTC, was '" + code + "'");
            }
            if (!list.contains(c)) {
                list.add(c);
            }
        }
        boolean onlySnapshot = flag(object, "is_only_snapshot", "isOnlySnapshot");
        boolean onlyRealtime = flag(object, "is_only_realtime", "isOnlyRealtime");
        if (onlySnapshot && onlyRealtime) {
            throw new RequestException(
                    "INVALID_PARAM",
                    name + ": expected at most one of is_only_snapshot and is_only_realtime, was both");
        }
        return new TypeRequest(name, list, !onlyRealtime, !onlySnapshot);
    }

    private static boolean flag(JsonObject object, String snake, String camel) throws RequestException {
        Object value = object.containsKey(snake) ? object.getValue(snake) : object.getValue(camel);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new RequestException("WRONG_FORMAT", snake + ": expected true or false, was '" + value + "'");
        }
        return b;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
