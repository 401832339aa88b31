package io.candlebus.market.bithumb;

import java.util.Arrays;

/** The field names {@link BithumbTradeScanner} tells apart; every other name is skipped. */
enum BithumbTradeField {
    TYPE,
    CODE,
    CODE_ALIAS,
    PRICE,
    PRICE_ALIAS,
    VOLUME,
    VOLUME_ALIAS,
    SIDE,
    SIDE_ALIAS,
    TIME,
    TIME_ALIAS,
    ID,
    ID_ALIAS,
    STREAM,
    STREAM_ALIAS,
    /** A field that makes the message something else than a plain trade: the tree reads it. */
    REFUSED,
    OTHER;

    private static final String[] NAMES = {
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
        "status",
        "error"
    };
    private static final BithumbTradeField[] FIELDS = {
        TYPE,
        TYPE,
        CODE,
        CODE_ALIAS,
        PRICE,
        PRICE_ALIAS,
        VOLUME,
        VOLUME_ALIAS,
        SIDE,
        SIDE_ALIAS,
        TIME,
        TIME_ALIAS,
        ID,
        ID_ALIAS,
        STREAM,
        STREAM_ALIAS,
        REFUSED,
        REFUSED
    };
    private static final byte[][] BYTES = new byte[NAMES.length][];

    static {
        for (int k = 0; k < NAMES.length; k++) {
            BYTES[k] = BithumbTradeScanner.ascii(NAMES[k]);
        }
    }

    static BithumbTradeField of(byte[] in, int from, int length) {
        byte first = in[from];
        for (int k = 0; k < BYTES.length; k++) {
            byte[] name = BYTES[k];
            if (name.length == length && name[0] == first && Arrays.equals(in, from, from + length, name, 0, length)) {
                return FIELDS[k];
            }
        }
        return OTHER;
    }
}
