package io.candlebus.market;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.candlebus.contract.codec.ContractJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads venue JSON into exact values: decimals come from the JSON text (strings or numbers) as
 * BigDecimal, never through a double; every failure is a {@link BadInputException} naming the field.
 */
public final class JsonFields {
    /**
     * The contract's mapper, except that a JSON number keeps its scale: Jackson's default tree strips
     * trailing zeros (Bithumb's {@code 9.0} became {@code 9}, {@code 131250000.0} became
     * {@code 1.3125E+8}), and a venue's decimal text must survive exactly.
     */
    private static final ObjectMapper MAPPER =
            ContractJson.mapper().copy().configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** Far more than any venue price or size needs (Binance: 8 decimals, Bithumb: KRW amounts). */
    private static final int MAX_INTEGER_DIGITS = 30;

    private static final int MAX_FRACTION_DIGITS = 30;

    private static final int MAX_DECIMAL_TEXT = 80;

    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?[0-9]*(\\.[0-9]*)?([eE][+-]?[0-9]+)?");

    /** An optional minus and ASCII digits, at most as many as a long has (19). */
    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]{1,19}");

    private JsonFields() {}

    /** Parses {@code text} into a tree; unparseable text (including NaN tokens) is {@code malformed-json}. */
    public static JsonNode parse(String text) throws BadInputException {
        return tree(() -> MAPPER.readTree(text));
    }

    /**
     * Parses a JSON object keeping only the top-level fields named in {@code keep}; the others are
     * tokenized (so malformed JSON anywhere is still {@code malformed-json}) but never materialised.
     * A Bithumb ticker has about 30 fields of which a trade needs 6: building the whole tree, with a
     * BigDecimal per number, was most of the feed's CPU time. Anything but an object falls back to
     * {@link #parse(String)}, so errors read the same.
     */
    public static JsonNode parseSelected(String text, Set<String> keep) throws BadInputException {
        return selected(() -> MAPPER.createParser(text), () -> MAPPER.readTree(text), keep);
    }

    /** {@link #parseSelected(String, Set)} over UTF-8 bytes, as a websocket frame carries them. */
    public static JsonNode parseSelected(byte[] utf8, Set<String> keep) throws BadInputException {
        return selected(() -> MAPPER.createParser(utf8), () -> MAPPER.readTree(utf8), keep);
    }

    /** Opens a streaming parser over the input. */
    private interface ParserOpen {
        JsonParser open() throws IOException;
    }

    private static JsonNode selected(ParserOpen open, TreeRead whole, Set<String> keep) throws BadInputException {
        try (JsonParser parser = open.open()) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return tree(whole);
            }
            ObjectNode out = MAPPER.createObjectNode();
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (keep.contains(name)) {
                    out.set(name, parser.readValueAsTree());
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new BadInputException("malformed-json", "expected the end of the object, was " + token);
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new BadInputException("malformed-json", e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("malformed-json", String.valueOf(e.getMessage()));
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        }
    }

    /** Parses {@code bytes} (UTF-8) into a tree. */
    public static JsonNode parse(byte[] bytes) throws BadInputException {
        return tree(() -> MAPPER.readTree(bytes));
    }

    /** Reads one JSON tree from text or bytes. */
    private interface TreeRead {
        JsonNode read() throws IOException;
    }

    private static JsonNode tree(TreeRead read) throws BadInputException {
        try {
            JsonNode node = read.read();
            if (node == null || node.isMissingNode()) {
                throw new BadInputException("malformed-json", "expected a JSON value, was empty input");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("malformed-json", e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("malformed-json", String.valueOf(e.getMessage()));
        } catch (NumberFormatException e) {
            throw unreadableNumber(e);
        }
    }

    /**
     * Jackson reads every JSON number into a BigDecimal while parsing and throws an unchecked
     * NumberFormatException for valid JSON such as {@code 1e2147483648} (exponent overflow).
     */
    private static BadInputException unreadableNumber(NumberFormatException e) {
        return new BadInputException(
                "bad-number",
                "message: expected numbers a decimal can hold, was " + shorten(String.valueOf(e.getMessage())));
    }

    /** Returns the field, failing with {@code missing-field} if absent or null. */
    public static JsonNode field(JsonNode node, String name, String path) throws BadInputException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new BadInputException("missing-field", path + "." + name + ": expected a value, was absent");
        }
        return value;
    }

    /** Returns the first present of two alternative field names (e.g. DEFAULT and SIMPLE formats). */
    public static JsonNode field(JsonNode node, String name, String alias, String path) throws BadInputException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            value = node.get(alias);
        }
        if (value == null || value.isNull()) {
            throw new BadInputException("missing-field", path + "." + name + ": expected a value, was absent");
        }
        return value;
    }

    /** Returns an object-valued field. */
    public static JsonNode object(JsonNode node, String name, String path) throws BadInputException {
        JsonNode value = field(node, name, path);
        if (!value.isObject()) {
            throw new BadInputException("wrong-type", path + "." + name + ": expected an object, was " + brief(value));
        }
        return value;
    }

    /** Returns a text-valued field. */
    public static String text(JsonNode value, String path) throws BadInputException {
        if (!value.isTextual()) {
            throw new BadInputException("wrong-type", path + ": expected a string, was " + brief(value));
        }
        return value.textValue();
    }

    /** Returns an integral field that fits a long. */
    public static long longValue(JsonNode value, String path) throws BadInputException {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadInputException("wrong-type", path + ": expected an integer, was " + brief(value));
        }
        return value.longValue();
    }

    /**
     * Returns an integer given as a JSON number or as a string of ASCII digits, fitting a long. Bithumb
     * sends both for the same field: {@code sequential_id} is a number in its docs and a string such as
     * {@code "862683813820523888"} in real trade messages, and some REST endpoints send every value as a
     * string. Anything else (an empty string, a fraction, an exponent, a sign other than a leading minus,
     * non-ASCII digits, more than a long holds) is rejected.
     */
    public static long integer(JsonNode value, String path) throws BadInputException {
        if (value.isTextual()) {
            String text = value.textValue();
            if (INTEGER_TEXT.matcher(text).matches()) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    // 19 digits past Long.MAX_VALUE: reported below like any other bad text.
                }
            }
            throw new BadInputException(
                    "bad-number", path + ": expected an integer or a string of digits, was '" + shorten(text) + "'");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadInputException(
                    "wrong-type", path + ": expected an integer or a string of digits, was " + brief(value));
        }
        return value.longValue();
    }

    /**
     * Returns an optional text field, or null when it is absent, {@code null} or {@code ""}: Bithumb's
     * docs show {@code "delisting_date":null} where real messages carry {@code ""}, and both mean none.
     */
    public static String optionalText(JsonNode node, String name, String path) throws BadInputException {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadInputException(
                    "wrong-type", path + "." + name + ": expected a string, \"\" or null, was " + brief(value));
        }
        return value.textValue().isEmpty() ? null : value.textValue();
    }

    /** Returns a boolean field. */
    public static boolean bool(JsonNode value, String path) throws BadInputException {
        if (!value.isBoolean()) {
            throw new BadInputException("wrong-type", path + ": expected true or false, was " + brief(value));
        }
        return value.booleanValue();
    }

    /** Returns a decimal given as a JSON string (Binance) or a JSON number (Bithumb), exactly. */
    public static BigDecimal decimal(JsonNode value, String path) throws BadInputException {
        if (value.isNumber()) {
            if (!(value.isIntegralNumber() || value.isBigDecimal())) {
                throw new BadInputException("bad-number", path + ": expected an exact decimal, was " + brief(value));
            }
            return bounded(value.decimalValue(), path);
        }
        if (value.isTextual()) {
            String text = value.textValue();
            // BigDecimal also reads non-ASCII digits ("١٢٣" is 123); a venue never sends them, so they are bad.
            if (text.length() > MAX_DECIMAL_TEXT || !DECIMAL_TEXT.matcher(text).matches()) {
                throw new BadInputException("bad-number", path + ": expected a decimal, was '" + shorten(text) + "'");
            }
            try {
                return bounded(new BigDecimal(text), path);
            } catch (NumberFormatException e) {
                throw new BadInputException("bad-number", path + ": expected a decimal, was '" + shorten(text) + "'");
            }
        }
        throw new BadInputException("wrong-type", path + ": expected a decimal string or number, was " + brief(value));
    }

    /**
     * Rejects decimals no venue sends: an exponent such as {@code 1E999999999} is a short text, but the
     * first {@code toPlainString()} (an error message, the recorder) or sum with another candle's value
     * would build a number with a billion digits.
     */
    private static BigDecimal bounded(BigDecimal value, String path) throws BadInputException {
        int integerDigits = value.precision() - value.scale();
        if (value.scale() > MAX_FRACTION_DIGITS || integerDigits > MAX_INTEGER_DIGITS) {
            throw new BadInputException(
                    "bad-number",
                    path + ": expected at most " + MAX_INTEGER_DIGITS + " integer and " + MAX_FRACTION_DIGITS
                            + " fraction digits, was " + shorten(value.toString()));
        }
        return value;
    }

    private static String brief(JsonNode value) {
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + shorten(value.toString());
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
