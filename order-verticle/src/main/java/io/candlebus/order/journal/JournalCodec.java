package io.candlebus.order.journal;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * Writes and reads journal records: one line each, {@code <crc32c as 8 hex digits> <json>\n}. A record is
 * an intent ({@code "t":"intent"} with the whole order) or a state change ({@code "t":"state"}). Decimals
 * are JSON strings, so they come back exactly.
 */
final class JournalCodec {
    static final String INTENT = "intent";
    static final String STATE = "state";

    private JournalCodec() {}

    static String intent(OrderRequest r, long time) {
        return frame(new JsonObject()
                .put("t", INTENT)
                .put("id", r.clientOrderId())
                .put("instrument", r.instrument().key())
                .put("side", r.side().name())
                .put("type", r.type().name())
                .put("quantity", r.quantity().toPlainString())
                .put("price", r.price() == null ? null : r.price().toPlainString())
                .put("origin", r.origin())
                .put("time", time));
    }

    static String state(String id, OrderState state, String venueId, BigDecimal filled, String reason, long time) {
        return frame(new JsonObject()
                .put("t", STATE)
                .put("id", id)
                .put("state", state.name())
                .put("exchangeOrderId", venueId)
                .put("filled", filled.toPlainString())
                .put("reason", reason)
                .put("time", time));
    }

    /** Returns the record of a complete line (without its newline); {@code lineNumber} names it in errors. */
    static JsonObject read(String line, long lineNumber) throws JournalCorruptException {
        int space = line.indexOf(' ');
        if (space != 8) {
            throw corrupt(lineNumber, "expected '<8 hex digits> <json>'");
        }
        String json = line.substring(9);
        if (!line.substring(0, 8).equals(crc(json))) {
            throw corrupt(lineNumber, "checksum mismatch");
        }
        try {
            return new JsonObject(json);
        } catch (DecodeException e) {
            throw corrupt(lineNumber, "not a JSON object");
        }
    }

    static OrderRequest request(JsonObject record, long lineNumber) throws JournalCorruptException {
        try {
            String price = record.getString("price");
            return new OrderRequest(
                    record.getString("id"),
                    Instrument.parse(record.getString("instrument")),
                    Side.valueOf(record.getString("side")),
                    OrderType.valueOf(record.getString("type")),
                    new BigDecimal(record.getString("quantity")),
                    price == null ? null : new BigDecimal(price),
                    record.getString("origin"));
        } catch (RuntimeException e) {
            throw corrupt(lineNumber, "bad intent: " + e.getMessage());
        }
    }

    static JournalCorruptException corrupt(long lineNumber, String what) {
        return new JournalCorruptException("order journal line " + lineNumber + ": " + what);
    }

    private static String frame(JsonObject record) {
        String json = record.encode();
        return crc(json) + " " + json + "\n";
    }

    private static String crc(String json) {
        CRC32C crc = new CRC32C();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
