package io.candlebus.market.venue;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a websocket trade message of the Upbit v1 family (Upbit, and Bithumb, whose v1 API copies it) from a
 * tree of its fields, in the DEFAULT or the abbreviated SIMPLE format: the trade time is {@code trade_timestamp}
 * (epoch ms; the venues' date and time fields, UTC on Upbit and KST on Bithumb, are not read), prices and volumes
 * keep the JSON text exactly, and {@code sequential_id} may be a JSON number (Upbit) or a digit string (Bithumb).
 */
public final class V1TradeMessage {
    /** Every field a status, error or trade message is read from, in the DEFAULT and the SIMPLE format. */
    public static final Set<String> FIELDS = Set.of(
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
            "st");

    private V1TradeMessage() {}

    /**
     * Returns the trade a message of type {@code trade} carries; {@code codes} maps a market code to a followed
     * instrument, or null if unknown. Throws {@link BadInputException} naming the field.
     */
    public static Trade trade(JsonNode root, Function<String, Instrument> codes) throws BadInputException {
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
        return new Trade(instrument, price, volume, time, aggressor, sequentialId);
    }

    /** Returns whether a trade message is the SNAPSHOT repeat sent on (re)subscribe. */
    public static boolean snapshot(JsonNode root) {
        JsonNode streamType = root.has("stream_type") ? root.get("stream_type") : root.get("st");
        return streamType != null && "SNAPSHOT".equals(streamType.asText());
    }

    /** Returns whether a message is untyped: a status or error reply rather than data. */
    public static boolean untyped(JsonNode root) {
        return !root.has("type") && !root.has("ty");
    }
}
