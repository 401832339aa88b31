package io.candlebus.sim.v1family;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed websocket request of the Upbit v1 family: one JSON array of a ticket object, type objects with
 * {@code codes} (and optional only-flags, {@code is_only_snapshot} / {@code isOnlySnapshot} and the realtime
 * pair) and an optional format object. Refusals carry the error names of Upbit's websocket guide, which
 * Bithumb's copies; {@link V1Dialect} holds where the venues differ.
 *
 * @param ticket the client's ticket
 * @param types the requested types by name, in request order
 * @param format the format requested (the dialect's first if none)
 */
public record V1Request(String ticket, Map<String, TypeRequest> types, String format) {
    /** A market code as both venues write it: upper-case {@code QUOTE-BASE}. */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,10}-[A-Z0-9]{1,20}");

    public V1Request {
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
    public record TypeRequest(String type, List<String> codes, boolean snapshot, boolean realtime) {
        public TypeRequest {
            codes = List.copyOf(codes);
        }
    }

    /** A request the venue would refuse, with its error name. */
    public static final class RequestException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String name;

        RequestException(String name, String message) {
            super(message);
            this.name = name;
        }

        /** Returns the error name ({@code WRONG_FORMAT}, {@code NO_TICKET}, ...). */
        public String name() {
            return name;
        }
    }

    /** Parses one request text as {@code dialect} reads it. */
    public static V1Request parse(String text, V1Dialect dialect) throws RequestException {
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
        String format = dialect.defaultFormat();
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
                TypeRequest type = type(object, dialect);
                types.put(type.type(), type);
            } else if (object.containsKey("format")) {
                Object value = object.getValue("format");
                if (!(value instanceof String f) || !dialect.formats().contains(f)) {
                    throw new RequestException(
                            "INVALID_PARAM", "format: expected " + dialect.formatsExpected() + ", was '" + value + "'");
                }
                format = f;
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
        return new V1Request(ticket, types, format);
    }

    private static TypeRequest type(JsonObject object, V1Dialect dialect) throws RequestException {
        Object type = object.getValue("type");
        if (!(type instanceof String name) || !dialect.typeNames().contains(name)) {
            throw new RequestException(
                    "INVALID_PARAM", "type: expected " + dialect.typesExpected() + ", was '" + type + "'");
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
        boolean snake = dialect.snakeCaseFlags();
        boolean onlySnapshot = snake
                ? flag(object, "is_only_snapshot", "isOnlySnapshot")
                : flag(object, "isOnlySnapshot", "is_only_snapshot");
        boolean onlyRealtime = snake
                ? flag(object, "is_only_realtime", "isOnlyRealtime")
                : flag(object, "isOnlyRealtime", "is_only_realtime");
        if (dialect.refusesBothOnlyFlags() && onlySnapshot && onlyRealtime) {
            throw new RequestException(
                    "INVALID_PARAM",
                    name + ": expected at most one of is_only_snapshot and is_only_realtime, was both");
        }
        return new TypeRequest(name, list, !onlyRealtime, !onlySnapshot);
    }

    /** Reads a flag under its own spelling, else the other venue's; errors name the own spelling. */
    private static boolean flag(JsonObject object, String own, String other) throws RequestException {
        Object value = object.containsKey(own) ? object.getValue(own) : object.getValue(other);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new RequestException("WRONG_FORMAT", own + ": expected true or false, was '" + value + "'");
        }
        return b;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
