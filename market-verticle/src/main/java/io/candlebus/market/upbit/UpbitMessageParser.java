package io.candlebus.market.upbit;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Instrument;
import io.candlebus.market.BadInputException;
import io.candlebus.market.JsonFields;
import io.candlebus.market.venue.TradeVenue;
import io.candlebus.market.venue.V1Errors;
import io.candlebus.market.venue.V1TradeMessage;
import java.util.function.Function;

/**
 * Reads Upbit public websocket messages (UTF-8 JSON in binary frames; the {@code {"status":"UP"}} answer
 * to a {@code PING} may come as text) in the DEFAULT or the abbreviated SIMPLE format. A trade's time is
 * {@code trade_timestamp} (epoch ms; Upbit's {@code trade_date}/{@code trade_time} are UTC, unlike
 * Bithumb's KST, but are not read); {@code sequential_id} is a JSON number on Upbit (a digit string is
 * accepted too, as Bithumb sends it); prices and volumes keep the JSON number text exactly.
 */
final class UpbitMessageParser implements TradeVenue.Reader {
    private final Function<String, Instrument> codes;

    /** {@code codes} maps a market code ({@code KRW-BTC}) to a followed instrument, or null if unknown. */
    UpbitMessageParser(Function<String, Instrument> codes) {
        this.codes = codes;
    }

    @Override
    public void read(byte[] utf8, TradeVenue.Messages to) throws BadInputException {
        JsonNode root = JsonFields.parseSelected(utf8, V1TradeMessage.FIELDS);
        if (!root.isObject()) {
            throw new BadInputException("wrong-type", "message: expected a JSON object, was " + root.getNodeType());
        }
        boolean typed = !V1TradeMessage.untyped(root);
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
            V1Errors.Error e = V1Errors.read(error, "error");
            to.venueError(e.name(), e.message());
            return;
        }
        String type = JsonFields.text(JsonFields.field(root, "type", "ty", "message"), "message.type");
        if (type.equals("trade")) {
            to.trade(V1TradeMessage.trade(root, codes), V1TradeMessage.snapshot(root));
        } else {
            to.ignored();
        }
    }
}
