package io.candlebus.market.bithumb;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
    /** Every field any message kind below reads, in both the DEFAULT and the SIMPLE format. */
    private static final Set<String> FIELDS = Set.of(
            "status",
            "error",
            "type",
            "ty",
            "code",
            "cd",
            "trade_price",
            "tp",
            "trade_volume",
            "tv",
            "ask_bid",
            "ab",
            "trade_timestamp",
            "ttms",
            "sequential_id",
            "sid",
            "stream_type",
            "st",
            "delisting_date");

    private final Function<String, Instrument> codes;
    private final BithumbTradeScanner scanner;

    /** {@code codes} maps a market code ({@code KRW-BTC}) to a followed instrument, or null if unknown. */
    public BithumbTradeParser(Function<String, Instrument> codes) {
        this.codes = codes;
        this.scanner = new BithumbTradeScanner(codes);
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
        if (status != null && !root.has("type") && !root.has("ty")) {
            return "UP".equals(status.asText()) ? new BithumbMessage.StatusUp() : new BithumbMessage.Other("status");
        }
        JsonNode error = root.get("error");
        if (error != null && !root.has("type") && !root.has("ty")) {
            return BithumbErrors.read(error, "error");
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
        String kind = "trade";
        String code = JsonFields.text(JsonFields.field(root, "code", "cd", kind), kind + ".code");
        Instrument instrument = codes.apply(code);
        if (instrument == null) {
            throw new BadInputException(
                    "unknown-symbol", kind + ".code: expected a followed market, was '" + code + "'");
        }
        BigDecimal price = CandleChecks.positive(
                JsonFields.decimal(JsonFields.field(root, "trade_price", "tp", kind), kind + ".trade_price"),
                kind + ".trade_price");
        BigDecimal volume = CandleChecks.positive(
                JsonFields.decimal(JsonFields.field(root, "trade_volume", "tv", kind), kind + ".trade_volume"),
                kind + ".trade_volume");
        String askBid = JsonFields.text(JsonFields.field(root, "ask_bid", "ab", kind), kind + ".ask_bid");
        Side aggressor;
        if (askBid.equals("BID")) {
            aggressor = Side.BUY;
        } else if (askBid.equals("ASK")) {
            aggressor = Side.SELL;
        } else {
            throw new BadInputException("bad-side", kind + ".ask_bid: expected ASK or BID, was '" + askBid + "'");
        }
        long time =
                JsonFields.integer(JsonFields.field(root, "trade_timestamp", "ttms", kind), kind + ".trade_timestamp");
        if (time <= 0) {
            throw new BadInputException("non-positive", kind + ".trade_timestamp: expected > 0, was " + time);
        }
        CandleChecks.time(time, kind + ".trade_timestamp");
        long sequentialId =
                JsonFields.integer(JsonFields.field(root, "sequential_id", "sid", kind), kind + ".sequential_id");
        JsonNode streamType = root.has("stream_type") ? root.get("stream_type") : root.get("st");
        boolean snapshot = streamType != null && "SNAPSHOT".equals(streamType.asText());
        return new BithumbMessage.TradeMessage(
                new Trade(instrument, price, volume, time, aggressor, sequentialId), snapshot);
    }
}
