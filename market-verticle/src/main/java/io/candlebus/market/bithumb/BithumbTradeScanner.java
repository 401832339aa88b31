package io.candlebus.market.bithumb;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.contract.Trade;
import io.candlebus.market.CandleChecks;
import io.candlebus.market.PlainNumbers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Reads the one message shape that arrives thousands of times a second, a valid trade in the DEFAULT
 * or SIMPLE format, straight from the frame's UTF-8 bytes in one pass with no parser object: a flat
 * JSON object of ASCII strings without escapes, plain numbers and literals. The six values a trade needs
 * are taken where they stand, and the two decimals are built from a long and a scale. One scanner
 * serves one feed on its event loop: it keeps its position in fields, so it is not for sharing.
 *
 * <p>It answers null for anything else: another message type, a status or error, a nested value,
 * an escape or a non-ASCII byte, an exponent, a null or unexpected value type, a value failing a check,
 * malformed JSON, more than {@link #MAX_BYTES} bytes. {@link BithumbTradeParser} then reads the message
 * through its selected-field tree, which decides and names every problem exactly as before. So this
 * scanner accepts only what the tree accepts, with the same values (a repeated field: the last counts).
 */
final class BithumbTradeScanner {
    /** Far above a trade (about 330 bytes) and far below Jackson's string, name and number limits. */
    static final int MAX_BYTES = 8_192;

    /** Longer number texts are left to the tree, whose parser limits them. */
    private static final int MAX_NUMBER = 100;

    private static final long ABSENT = Long.MIN_VALUE;

    private static final byte[] TRADE = ascii("trade");
    private static final byte[] BID = ascii("BID");
    private static final byte[] ASK = ascii("ASK");
    private static final byte[] SNAPSHOT = ascii("SNAPSHOT");

    private final Function<String, Instrument> codes;

    // The scan's position and the bounds of the last string or number read.
    private byte[] in;
    private int pos;
    private int start;
    private int end;

    BithumbTradeScanner(Function<String, Instrument> codes) {
        this.codes = codes;
    }

    /** Returns the trade in {@code utf8}, or null when the message is not a valid trade in the common shape. */
    BithumbMessage.TradeMessage read(byte[] utf8) {
        if (utf8.length > MAX_BYTES) {
            return null;
        }
        in = utf8;
        pos = 0;
        try {
            return scan();
        } finally {
            in = null;
        }
    }

    private BithumbMessage.TradeMessage scan() {
        if (next() != '{') {
            return null;
        }
        boolean trade = false;
        int code = -1;
        int codeEnd = -1;
        int codeAlias = -1;
        int codeAliasEnd = -1;
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
        int c = next();
        if (c == '}') {
            return null;
        }
        while (true) {
            if (c != '"' || !string() || next() != ':') {
                return null;
            }
            int nameStart = start;
            int nameLength = end - start;
            int v = next();
            BithumbTradeField field = BithumbTradeField.of(in, nameStart, nameLength);
            switch (field) {
                case TYPE -> {
                    if (v != '"' || !string() || !is(TRADE)) {
                        return null;
                    }
                    trade = true;
                }
                case CODE, CODE_ALIAS -> {
                    if (v != '"' || !string()) {
                        return null;
                    }
                    if (field == BithumbTradeField.CODE) {
                        code = start;
                        codeEnd = end;
                    } else {
                        codeAlias = start;
                        codeAliasEnd = end;
                    }
                }
                case PRICE, PRICE_ALIAS, VOLUME, VOLUME_ALIAS -> {
                    BigDecimal d = decimal(v);
                    if (d == null) {
                        return null;
                    }
                    switch (field) {
                        case PRICE -> price = d;
                        case PRICE_ALIAS -> priceAlias = d;
                        case VOLUME -> volume = d;
                        default -> volumeAlias = d;
                    }
                }
                case SIDE, SIDE_ALIAS -> {
                    if (v != '"' || !string()) {
                        return null;
                    }
                    Side s = is(BID) ? Side.BUY : is(ASK) ? Side.SELL : null;
                    if (s == null) {
                        return null;
                    }
                    if (field == BithumbTradeField.SIDE) {
                        side = s;
                    } else {
                        sideAlias = s;
                    }
                }
                case TIME, TIME_ALIAS, ID, ID_ALIAS -> {
                    long n = integer(v);
                    if (n == PlainNumbers.NOT_PLAIN) {
                        return null;
                    }
                    switch (field) {
                        case TIME -> time = n;
                        case TIME_ALIAS -> timeAlias = n;
                        case ID -> id = n;
                        default -> idAlias = n;
                    }
                }
                case STREAM, STREAM_ALIAS -> {
                    if (v != '"' || !string()) {
                        return null;
                    }
                    int kind = is(SNAPSHOT) ? 1 : 2;
                    if (field == BithumbTradeField.STREAM) {
                        stream = kind;
                    } else {
                        streamAlias = kind;
                    }
                }
                case REFUSED -> {
                    return null;
                }
                default -> {
                    if (!skip(v)) {
                        return null;
                    }
                }
            }
            c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return null;
            }
            c = next();
        }
        if (next() != -1 || !trade) {
            return null;
        }
        BigDecimal px = price != null ? price : priceAlias;
        BigDecimal qty = volume != null ? volume : volumeAlias;
        Side aggressor = side != null ? side : sideAlias;
        long at = time != ABSENT ? time : timeAlias;
        long tradeId = id != ABSENT ? id : idAlias;
        int kind = stream != 0 ? stream : streamAlias;
        if (px == null || qty == null || aggressor == null || at == ABSENT || tradeId == ABSENT) {
            return null;
        }
        if (px.signum() <= 0 || qty.signum() <= 0 || at <= 0 || at > CandleChecks.MAX_TIME) {
            return null;
        }
        Instrument instrument =
                code >= 0 ? instrument(code, codeEnd) : codeAlias >= 0 ? instrument(codeAlias, codeAliasEnd) : null;
        if (instrument == null) {
            return null;
        }
        return new BithumbMessage.TradeMessage(new Trade(instrument, px, qty, at, aggressor, tradeId), kind == 1);
    }

    /** Returns the next byte that is not JSON whitespace, or -1 at the end. */
    private int next() {
        while (pos < in.length) {
            int b = in[pos++];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b & 0xFF;
            }
        }
        return -1;
    }

    /**
     * Reads a string whose opening quote was just consumed, setting its bounds; false for an escape, a
     * control character, a non-ASCII byte or a missing closing quote (the tree reads those).
     */
    private boolean string() {
        byte[] bytes = in;
        int i = pos;
        start = i;
        while (i < bytes.length) {
            int b = bytes[i];
            if (b == '"') {
                end = i;
                pos = i + 1;
                return true;
            }
            if (b < 0x20 || b == '\\') {
                return false; // also every byte >= 0x80, negative as a Java byte
            }
            i++;
        }
        return false;
    }

    /** Reads a number whose first byte {@code first} was just consumed, setting its bounds; false unless plain JSON. */
    private boolean number(int first) {
        start = pos - 1;
        int i = pos;
        int length = in.length;
        if (first == '-') {
            if (i >= length) {
                return false;
            }
            first = in[i++];
        }
        if (first >= '1' && first <= '9') {
            while (i < length && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
        } else if (first != '0') {
            return false;
        }
        if (i < length && in[i] == '.') {
            int fraction = ++i;
            while (i < length && in[i] >= '0' && in[i] <= '9') {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        if (i < length && (in[i] == 'e' || in[i] == 'E' || (in[i] >= '0' && in[i] <= '9'))) {
            return false; // an exponent, or a digit after a leading zero: left to the tree
        }
        if (i - start > MAX_NUMBER) {
            return false;
        }
        pos = i;
        end = i;
        return true;
    }

    /** Skips a value of a field not read: a flat string, a plain number, or a literal. */
    private boolean skip(int first) {
        if (first == '"') {
            return string();
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return number(first);
        }
        return literal(first, "true") || literal(first, "false") || literal(first, "null");
    }

    private boolean literal(int first, String word) {
        if (first != word.charAt(0) || pos + word.length() - 1 > in.length) {
            return false;
        }
        for (int k = 1; k < word.length(); k++) {
            if (in[pos + k - 1] != word.charAt(k)) {
                return false;
            }
        }
        // What follows ("truex") is the grammar's to judge: only a comma, a brace or whitespace may.
        pos += word.length() - 1;
        return true;
    }

    /** Reads a decimal given as a plain JSON number or a string holding one. */
    private BigDecimal decimal(int first) {
        if (first == '"' ? !string() : !number(first)) {
            return null;
        }
        return PlainNumbers.decimal(in, start, end - start);
    }

    /** Reads an integer given as a plain JSON integer or a string of digits. */
    private long integer(int first) {
        if (first == '"' ? !string() : !number(first)) {
            return PlainNumbers.NOT_PLAIN;
        }
        return PlainNumbers.integer(in, start, end - start);
    }

    /** Whether the last string read is {@code expected} (ASCII). */
    private boolean is(byte[] expected) {
        return Arrays.equals(in, start, end, expected, 0, expected.length);
    }

    /**
     * Returns the followed instrument of the code between {@code from} and {@code to}, or null. Not
     * cached: the feed's followed codes change while it runs.
     */
    private Instrument instrument(int from, int to) {
        return codes.apply(new String(in, from, to - from, StandardCharsets.US_ASCII));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
