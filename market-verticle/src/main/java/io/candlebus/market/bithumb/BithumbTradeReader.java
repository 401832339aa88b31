package io.candlebus.market.bithumb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.JsonFields;
import io.candlebus.market.PlainNumbers;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Reads the one message shape that arrives thousands of times a second, a valid trade in the DEFAULT
 * or SIMPLE format, straight from the frame's UTF-8 bytes: one pass of Jackson's streaming parser, the
 * six values taken from the tokens, every other field skipped without being decoded, and no tree, no
 * intermediate strings for numbers, and two BigDecimals built from a long and a scale.
 *
 * <p>It answers null for anything else (another message type, a status or error, a null or
 * unexpected value type, a number that is not plain, a value that fails a check, malformed JSON), and
 * {@link BithumbTradeParser} then reads the message through its selected-field tree, which decides and
 * names every problem exactly as before. So this reader only ever accepts what the tree accepts, with
 * the same values: when a field repeats, the last one counts, as in the tree.
 */
final class BithumbTradeReader {
    private static final long ABSENT = Long.MIN_VALUE;

    private BithumbTradeReader() {}

    /** Returns the trade in {@code utf8}, or null when the message is not a valid trade in the common shape. */
    static BithumbMessage.TradeMessage read(byte[] utf8, Function<String, Instrument> codes) {
        try (JsonParser p = JsonFields.streaming(utf8)) {
            return read(p, codes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static BithumbMessage.TradeMessage read(JsonParser p, Function<String, Instrument> codes)
            throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        boolean trade = false;
        String code = null;
        String codeAlias = null;
        BigDecimal price = null;
        BigDecimal priceAlias = null;
        BigDecimal volume = null;
        BigDecimal volumeAlias = null;
        Side side = null;
        Side sideAlias = null;
        long time = ABSENT;
        long timeAlias = ABSENT;
        long id = ABSENT;
        long idAlias = ABSENT;
        // 0 absent, 1 a snapshot, 2 anything else (realtime).
        int stream = 0;
        int streamAlias = 0;
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type", "ty" -> {
                    if (value != JsonToken.VALUE_STRING || !is(p, "trade")) {
                        return null;
                    }
                    trade = true;
                }
                case "code" -> code = string(p, value);
                case "cd" -> codeAlias = string(p, value);
                case "trade_price" -> price = decimal(p, value);
                case "tp" -> priceAlias = decimal(p, value);
                case "trade_volume" -> volume = decimal(p, value);
                case "tv" -> volumeAlias = decimal(p, value);
                case "ask_bid" -> side = side(p, value);
                case "ab" -> sideAlias = side(p, value);
                case "trade_timestamp" -> time = integer(p, value);
                case "ttms" -> timeAlias = integer(p, value);
                case "sequential_id" -> id = integer(p, value);
                case "sid" -> idAlias = integer(p, value);
                case "stream_type" -> stream = streamType(p, value);
                case "st" -> streamAlias = streamType(p, value);
                case "status", "error" -> {
                    return null;
                }
                default -> p.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT || !trade) {
            return null;
        }
        String market = code != null ? code : codeAlias;
        BigDecimal px = price != null ? price : priceAlias;
        BigDecimal qty = volume != null ? volume : volumeAlias;
        Side aggressor = side != null ? side : sideAlias;
        long at = time != ABSENT ? time : timeAlias;
        long tradeId = id != ABSENT ? id : idAlias;
        int kind = stream != 0 ? stream : streamAlias;
        if (market == null || px == null || qty == null || aggressor == null || at == ABSENT || tradeId == ABSENT) {
            return null;
        }
        if (px.signum() <= 0 || qty.signum() <= 0 || at <= 0 || at > CandleChecks.MAX_TIME) {
            return null;
        }
        Instrument instrument = codes.apply(market);
        if (instrument == null) {
            return null;
        }
        return new BithumbMessage.TradeMessage(new Trade(instrument, px, qty, at, aggressor, tradeId), kind == 1);
    }

    /** A field this reader reads must not repeat with a value it cannot read: the tree takes the last one. */
    private static String string(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new Unreadable();
        }
        return p.getText();
    }

    private static BigDecimal decimal(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING
                && value != JsonToken.VALUE_NUMBER_INT
                && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new Unreadable();
        }
        BigDecimal d = PlainNumbers.decimal(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (d == null) {
            throw new Unreadable();
        }
        return d;
    }

    private static long integer(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
            throw new Unreadable();
        }
        long n = PlainNumbers.integer(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (n == PlainNumbers.NOT_PLAIN) {
            throw new Unreadable();
        }
        return n;
    }

    private static Side side(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            if (is(p, "BID")) {
                return Side.BUY;
            }
            if (is(p, "ASK")) {
                return Side.SELL;
            }
        }
        throw new Unreadable();
    }

    private static int streamType(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new Unreadable();
        }
        return is(p, "SNAPSHOT") ? 1 : 2;
    }

    /** Compares the current string token with {@code expected} without building a String. */
    private static boolean is(JsonParser p, String expected) throws IOException {
        int length = p.getTextLength();
        if (length != expected.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A value this reader leaves to the tree; thrown without a stack trace, it costs little. */
    private static final class Unreadable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unreadable() {
            super(null, null, false, false);
        }
    }
}
