package io.candlebus.market.venue;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;

/**
 * Reads the error object of the Upbit v1 family, {@code {"name":...,"message":...}}, on the websocket
 * ({@code WRONG_FORMAT}, {@code INVALID_PARAM}) and in REST bodies ({@code too_many_requests},
 * {@code invalid_parameter}). {@code name} is usually a string, but real Bithumb replies also carry a number
 * there ({@code 400}); both are kept as text. {@code message} is optional.
 */
public final class V1Errors {
    /** An error the venue sent. */
    public record Error(String name, String message) {}

    private V1Errors() {}

    /** Returns the error {@code error} (the value of the {@code error} key) describes. */
    public static Error read(JsonNode error, String path) throws BadInputException {
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
