package io.candlebus.market.bithumb;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;
import io.candlebus.market.venue.V1Errors;
import io.candlebus.market.venue.V1TradeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses Bithumb websocket messages (the JSON inside binary or text frames) into
 * {@link BithumbMessage}s. Trades are read in the DEFAULT format or the abbreviated SIMPLE format;
 * prices and volumes keep the JSON number or string text exactly; the trade time is
 * {@code trade_timestamp} (epoch ms), never the KST date and time fields. Every numeric field may be a
 * JSON number or a numeric string: real trade messages carry {@code sequential_id} as a string
 * ({@code "862683813820523888"}) where the docs show a number.
 *
 * <p>A message is read from the frame's UTF-8 bytes. A valid trade, nearly every message, takes
 * {@link BithumbTradeScanner}'s single pass over the bytes; anything else (a status, an error, a ticker,
 * a message with a problem, an unusual but valid spelling) is read through a tree of the selected
 * fields, which names the problem. One parser serves one feed on its event loop (the scanner keeps its
 * position in fields).
 *
 * <p>Public so that the launcher's {@code bench} command drives raw messages through this parser.
 */
public final class BithumbTradeParser {
    /** Every field any message kind below reads: the family's, and a ticker's delisting date. */
    private static final Set<String> FIELDS = fields();

    private final Function<String, Instrument> codes;
    private final BithumbTradeScanner scanner;

    /** {@code codes} maps a market code ({@code KRW-BTC}) to a followed instrument, or null if unknown. */
    public BithumbTradeParser(Function<String, Instrument> codes) {
        this.codes = codes;
        this.scanner = new BithumbTradeScanner(codes);
    }

    private static Set<String> fields() {
        Set<String> fields = new HashSet<>(V1TradeMessage.FIELDS);
        fields.add("delisting_date");
        return Set.copyOf(fields);
    }

    /** Parses one message from its UTF-8 bytes; throws {@link BadInputException} naming the field. */
    public BithumbMessage parse(byte[] utf8) throws BadInputException {
        BithumbMessage trade = scanner.read(utf8);
        return trade != null ? trade : parseTree(utf8);
    }

    /** Parses one message given as text (tests, tools); the feed hands over the frame's bytes instead. */
    public BithumbMessage parse(String text) throws BadInputException {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads any message through a tree of the selected fields: the general path, and the one that names problems. */
    BithumbMessage parseTree(byte[] utf8) throws BadInputException {
        JsonNode root = JsonFields.parseSelected(utf8, FIELDS);
        if (!root.isObject()) {
            throw new BadInputException("wrong-type", "message: expected a JSON object, was " + root.getNodeType());
        }
        JsonNode status = root.get("status");
        if (status != null && V1TradeMessage.untyped(root)) {
            return "UP".equals(status.asText()) ? new BithumbMessage.StatusUp() : new BithumbMessage.Other("status");
        }
        JsonNode error = root.get("error");
        if (error != null && V1TradeMessage.untyped(root)) {
            V1Errors.Error e = V1Errors.read(error, "error");
            return new BithumbMessage.Error(e.name(), e.message());
        }
        String type = JsonFields.text(JsonFields.field(root, "type", "ty", "message"), "message.type");
        switch (type) {
            case "trade":
                return trade(root);
            case "ticker":
                return new BithumbMessage.Ticker(
                        root.path("code").asText(root.path("cd").asText("")),
                        JsonFields.optionalText(root, "delisting_date", "ticker"));
            default:
                return new BithumbMessage.Other(type);
        }
    }

    private BithumbMessage trade(JsonNode root) throws BadInputException {
        return new BithumbMessage.TradeMessage(V1TradeMessage.trade(root, codes), V1TradeMessage.snapshot(root));
    }
}
