package io.candlebus.market.bithumb;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Parses Bithumb websocket messages (the JSON inside binary or text frames) into
 * {@link BithumbMessage}s. Trades are read in the DEFAULT format or the abbreviated SIMPLE format;
 * prices and volumes keep the JSON number text exactly; the trade time is {@code trade_timestamp}
 * (epoch ms), never the KST date and time fields.
 */
final class BithumbTradeParser {
    private final Function<String, Instrument> codes;

    /** {@code codes} maps a market code ({@code KRW-BTC}) to a followed instrument, or null if unknown. */
    BithumbTradeParser(Function<String, Instrument> codes) {
        this.codes = codes;
    }

    BithumbMessage parse(String text) throws BadInputException {
        JsonNode root = JsonFields.parse(text);
        if (!root.isObject()) {
            throw new BadInputException("wrong-type", "message: expected a JSON object, was " + root.getNodeType());
        }
        JsonNode status = root.get("status");
        if (status != null && !root.has("type") && !root.has("ty")) {
            return "UP".equals(status.asText()) ? new BithumbMessage.StatusUp() : new BithumbMessage.Other("status");
        }
        JsonNode error = root.get("error");
        if (error != null && error.isObject()) {
            return new BithumbMessage.Error(
                    error.path("name").asText(""), error.path("message").asText(""));
        }
        String type = JsonFields.text(JsonFields.field(root, "type", "ty", "message"), "message.type");
        switch (type) {
            case "trade":
                return trade(root);
            case "ticker":
                return new BithumbMessage.Ticker(
                        root.path("code").asText(root.path("cd").asText("")));
            default:
                return new BithumbMessage.Other(type);
        }
    }

    private BithumbMessage trade(JsonNode root) throws BadInputException {
        String code = JsonFields.text(JsonFields.field(root, "code", "cd", "trade"), "trade.code");
        Instrument instrument = codes.apply(code);
        if (instrument == null) {
            throw new BadInputException("unknown-symbol", "trade.code: expected a followed market, was '" + code + "'");
        }
        BigDecimal price = CandleChecks.positive(
                JsonFields.decimal(JsonFields.field(root, "trade_price", "tp", "trade"), "trade.trade_price"),
                "trade.trade_price");
        BigDecimal volume = CandleChecks.positive(
                JsonFields.decimal(JsonFields.field(root, "trade_volume", "tv", "trade"), "trade.trade_volume"),
                "trade.trade_volume");
        String askBid = JsonFields.text(JsonFields.field(root, "ask_bid", "ab", "trade"), "trade.ask_bid");
        Side aggressor;
        if (askBid.equals("BID")) {
            aggressor = Side.BUY;
        } else if (askBid.equals("ASK")) {
            aggressor = Side.SELL;
        } else {
            throw new BadInputException("bad-side", "trade.ask_bid: expected ASK or BID, was '" + askBid + "'");
        }
        long time = JsonFields.longValue(
                JsonFields.field(root, "trade_timestamp", "ttms", "trade"), "trade.trade_timestamp");
        if (time <= 0) {
            throw new BadInputException("non-positive", "trade.trade_timestamp: expected > 0, was " + time);
        }
        long sequentialId =
                JsonFields.longValue(JsonFields.field(root, "sequential_id", "sid", "trade"), "trade.sequential_id");
        JsonNode streamType = root.has("stream_type") ? root.get("stream_type") : root.get("st");
        boolean snapshot = streamType != null && "SNAPSHOT".equals(streamType.asText());
        return new BithumbMessage.TradeMessage(
                new Trade(instrument, price, volume, time, aggressor, sequentialId), snapshot);
    }
}
