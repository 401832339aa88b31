package io.candlebus.sim.faults;

/**
 * Names a kind of bad message {@link Faults#sendBadInput} sends on every open websocket, next to the real
 * stream. Each is built from a real message of the connection's first subscription (Binance: the open
 * kline of its first kline stream, {@code x:false}; Bithumb: the last trade of its first code, with a
 * {@code sequential_id} no real trade has) with one thing wrong, so a client that accepts it would publish
 * a wrong candle. A kind that cannot occur on a venue sends nothing there.
 */
public enum BadInput {
    /** Text that is not JSON ({@link Faults#GARBAGE}). */
    MALFORMED_JSON("malformed-json", true, true),
    /** A price that is a JSON object instead of a decimal: Binance {@code k.o}, Bithumb {@code trade_price}. */
    WRONG_TYPE("wrong-type", true, true),
    /** A required field left out: Binance {@code k.c}, Bithumb {@code trade_price}. */
    MISSING_FIELD("missing-field", true, true),
    /** A price of {@code "NaN"}: Binance {@code k.c}, Bithumb {@code trade_price}. */
    NAN_PRICE("nan-price", true, true),
    /** A price of zero: Binance {@code k.c}, Bithumb {@code trade_price}. */
    ZERO_PRICE("zero-price", true, true),
    /** A negative price: Binance {@code k.c}, Bithumb {@code trade_price}. */
    NEGATIVE_PRICE("negative-price", true, true),
    /** A size of {@code "NaN"}: Binance {@code k.v}, Bithumb {@code trade_volume}. */
    NAN_SIZE("nan-size", true, true),
    /** A trade of size zero (Bithumb only: a Binance kline of volume zero is a valid quiet minute). */
    ZERO_SIZE("zero-size", false, true),
    /** A negative size: Binance {@code k.v}, Bithumb {@code trade_volume}. */
    NEGATIVE_SIZE("negative-size", true, true),
    /** A kline whose high is below its low (Binance only: trades have no high or low). */
    HIGH_BELOW_LOW("high-below-low", true, false),
    /** A well-formed message for a symbol the venue does not list: {@code NOSUCHCOIN}, {@code KRW-NOSUCHCOIN}. */
    UNKNOWN_SYMBOL("unknown-symbol", true, true),
    /**
     * A well-formed Bithumb trade {@link Faults#LATE_TRADE_AGE_MILLIS} older than the last one sent, in a
     * minute that closed long ago, with a fresh {@code sequential_id} (Bithumb only; Binance sends klines).
     */
    LATE_TRADE("late-trade", false, true),
    /**
     * A frame of valid JSON of {@link Faults#OVERSIZED_BYTES} bytes by default: an event of an unknown type
     * ({@code "e":"padding"} on Binance, {@code "type":"padding"} on Bithumb) with a long padding string.
     */
    OVERSIZED("oversized", true, true);

    private final String label;
    private final boolean binance;
    private final boolean bithumb;

    BadInput(String label, boolean binance, boolean bithumb) {
        this.label = label;
        this.binance = binance;
        this.bithumb = bithumb;
    }

    /** Returns the kind's short name, e.g. {@code high-below-low}. */
    public String label() {
        return label;
    }

    /** Returns whether the kind is sent on Binance connections. */
    public boolean onBinance() {
        return binance;
    }

    /** Returns whether the kind is sent on Bithumb connections. */
    public boolean onBithumb() {
        return bithumb;
    }

    /** Returns whether the kind is sent on Upbit connections: the same as Bithumb, whose trade message copies Upbit's. */
    public boolean onUpbit() {
        return bithumb;
    }
}
