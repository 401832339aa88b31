package io.candlebus.sim.binance.orders;

/** A signed request is refused: answered with {@code status} and {@code {"code":code,"msg":message}}. */
final class BinanceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int code;

    BinanceFailure(int status, int code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** A 400 with {@code code}. */
    static BinanceFailure bad(int code, String message) {
        return new BinanceFailure(400, code, message);
    }

    /** -1102 for a missing parameter, in Binance's words. */
    static BinanceFailure mandatory(String name) {
        return bad(-1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    /** -1100 for a malformed parameter, in Binance's words. */
    static BinanceFailure illegal(String name, String legal) {
        return bad(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '" + legal + "'.");
    }

    int status() {
        return status;
    }

    int code() {
        return code;
    }
}
