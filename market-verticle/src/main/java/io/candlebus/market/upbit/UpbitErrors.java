package io.candlebus.market.upbit;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;

/**
 * Reads Upbit's error object {@code {"name":...,"message":...}} (websocket replies such as
 * {@code WRONG_FORMAT}, {@code INVALID_PARAM}; REST bodies such as {@code too_many_requests}). {@code name}
 * is kept as text whether it comes as a string or a number; {@code message} is optional.
 */
final class UpbitErrors {
    /** An error the venue sent. */
    record Error(String name, String message) {}

    private UpbitErrors() {}

    static Error read(JsonNode error, String path) throws BadInputException {
        if (!error.isObject()) {
            throw new BadInputException("wrong-type", path + ": expected an object, was " + error.getNodeType());
        }
        JsonNode name = JsonFields.field(error, "name", path);
        if (!name.isTextual() && !name.isIntegralNumber()) {
            throw new BadInputException(
                    "wrong-type", path + ".name: expected a string or an integer, was " + name.getNodeType());
        }
        String message = JsonFields.optionalText(error, "message", path);
        return new Error(name.asText(), message == null ? "" : message);
    }
}
