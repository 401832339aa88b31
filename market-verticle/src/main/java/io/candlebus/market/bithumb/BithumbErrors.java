package io.candlebus.market.bithumb;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;

/**
 * Reads Bithumb's error object {@code {"name":...,"message":...}}, on the websocket and in REST bodies.
 * {@code name} is usually a string ({@code "WRONG_FORMAT"}, {@code "invalid_parameter"}), but real
 * replies also carry a number there ({@code 400}); both are kept as text. {@code message} is optional.
 */
final class BithumbErrors {
    private BithumbErrors() {}

    /** Returns the error {@code error} (the value of the {@code error} key) describes. */
    static BithumbMessage.Error read(JsonNode error, String path) throws BadInputException {
        if (!error.isObject()) {
            throw new BadInputException("wrong-type", path + ": expected an object, was " + error.getNodeType());
        }
        JsonNode name = JsonFields.field(error, "name", path);
        String text;
        if (name.isTextual()) {
            text = name.textValue();
        } else if (name.isIntegralNumber()) {
            text = name.asText();
        } else {
            throw new BadInputException(
                    "wrong-type", path + ".name: expected a string or an integer, was " + name.getNodeType());
        }
        String message = JsonFields.optionalText(error, "message", path);
        return new BithumbMessage.Error(text, message == null ? "" : message);
    }
}
