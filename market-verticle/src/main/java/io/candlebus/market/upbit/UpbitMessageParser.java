package io.candlebus.market.upbit;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.BadInputException;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import io.candlebus.market.venue.TradeVenue;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads Upbit public websocket messages (UTF-8 JSON in binary frames; the {@code {"status":"UP"}} answer
 * to a {@code PING} may come as text) in the DEFAULT or the abbreviated SIMPLE format. A trade's time is
 * {@code trade_timestamp} (epoch ms; Upbit's {@code trade_date}/{@code trade_time} are UTC, unlike
 * Bithumb's KST, but are not read); {@code sequential_id} is a JSON number on Upbit (a digit string is
 * accepted too, as Bithumb sends it); prices and volumes keep the JSON number text exactly.
 */
final class UpbitMessageParser implements TradeVenue.Reader {
    /** Every field a message kind below reads, in the DEFAULT and the SIMPLE format. */
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
            "st");

    private final Function<String, Instrument> codes;

    /** {@code codes} maps a market code ({@code KRW-BTC}) to a followed instrument, or null if unknown. */
    UpbitMessageParser(Function<String, Instrument> codes) {
        this.codes = codes;
    }

    @Override
    public void read(byte[] utf8, TradeVenue.Messages to) throws BadInputException {
        JsonNode root = JsonFields.parseSelected(utf8, FIELDS);
        if (!root.isObject()) {
            throw new BadInputException("wrong-type", "message: expected a JSON object, was " + root.getNodeType());
        }
        boolean typed = root.has("type") || root.has("ty");
        JsonNode status = root.get("status");
        if (status != null && !typed) {
            if ("UP".equals(status.asText())) {
                to.statusUp();
            } else {
                to.ignored();
            }
            return;
        }
        JsonNode error = root.get("error");
        if (error != null && !typed) {
            UpbitErrors.Error e = UpbitErrors.read(error, "error");
            to.venueError(e.name(), e.message());
            return;
        }
        String type = JsonFields.text(JsonFields.field(root, "type", "ty", "message"), "message.type");
        if (type.equals("trade")) {
            trade(root, to);
        } else {
            to.ignored();
        }
    }

    private void trade(JsonNode root, TradeVenue.Messages to) throws BadInputException {
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
        to.trade(new Trade(instrument, price, volume, time, aggressor, sequentialId), snapshot);
    }
}
