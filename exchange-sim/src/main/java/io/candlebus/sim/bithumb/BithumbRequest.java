package io.candlebus.sim.bithumb;

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

/**
 * A parsed Bithumb websocket subscription: one JSON array of a ticket object, type objects with
 * {@code codes} (and optional {@code isOnlySnapshot} / {@code isOnlyRealtime}) and an optional format.
 *
 * @param ticket the client's ticket
 * @param types the requested types by name
 */
record BithumbRequest(String ticket, Map<String, TypeRequest> types) {
    private static final Set<String> TYPE_NAMES = Set.of("ticker", "trade", "orderbook");

    BithumbRequest {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    /**
     * One requested type.
     *
     * @param type ticker, trade or orderbook
     * @param codes the upper-case market codes
     * @param snapshot whether a snapshot is sent first
     * @param realtime whether realtime messages follow
     */
    record TypeRequest(String type, List<String> codes, boolean snapshot, boolean realtime) {
        TypeRequest {
            codes = List.copyOf(codes);
        }
    }

    /** A request Bithumb would refuse, with its error name. */
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
    static BithumbRequest parse(String text) throws RequestException {
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
                Object format = object.getValue("format");
                if (!"DEFAULT".equals(format)) {
                    throw new RequestException(
                            "INVALID_PARAM",
                            "format: expected DEFAULT (SIMPLE is not simulated), was '" + format + "'");
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
        return new BithumbRequest(ticket, types);
    }

    private static TypeRequest type(JsonObject object) throws RequestException {
        Object type = object.getValue("type");
        if (!(type instanceof String name) || !TYPE_NAMES.contains(name)) {
            throw new RequestException(
                    "INVALID_PARAM", "type: expected ticker, trade or orderbook, was '" + type + "'");
        }
        if (!(object.getValue("codes") instanceof JsonArray codes) || codes.isEmpty()) {
            throw new RequestException(
                    "NO_CODES",
                    name + ".codes: expected a non-empty array of market codes, was " + object.getValue("codes"));
        }
        List<String> list = new ArrayList<>();
        for (Object code : codes) {
            if (!(code instanceof String c) || !c.matches("[A-Z0-9]{1,10}-[A-Z0-9]{1,20}")) {
                throw new RequestException(
                        "INVALID_PARAM",
                        name + ".codes: expected upper-case codes such as KRW-BTC, was '" + code + "'");
            }
            if (!list.contains(c)) {
                list.add(c);
            }
        }
        boolean onlySnapshot = flag(object, "isOnlySnapshot", "is_only_snapshot");
        boolean onlyRealtime = flag(object, "isOnlyRealtime", "is_only_realtime");
        return new TypeRequest(name, list, !onlyRealtime, !onlySnapshot);
    }

    private static boolean flag(JsonObject object, String camel, String snake) throws RequestException {
        Object value = object.containsKey(camel) ? object.getValue(camel) : object.getValue(snake);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new RequestException("WRONG_FORMAT", camel + ": expected true or false, was '" + value + "'");
        }
        return b;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
