package io.candlebus.sim.upbit;

/**
 * Names the forms an Upbit websocket message is written in: full keys or SIMPLE abbreviations
 * ({@code trade_price} / {@code tp}), as a bare JSON object or (the {@code _LIST} forms) inside a JSON array.
 */
enum UpbitFormat {
    DEFAULT(false, false),
    SIMPLE(true, false),
    JSON_LIST(false, true),
    SIMPLE_LIST(true, true);

    private final boolean abbreviated;
    private final boolean list;

    UpbitFormat(boolean abbreviated, boolean list) {
        this.abbreviated = abbreviated;
        this.list = list;
    }

    /** Returns whether keys are abbreviated ({@code ty}, {@code cd}, {@code tp}, ...). */
    boolean abbreviated() {
        return abbreviated;
    }

    /** Returns whether each message is wrapped in a JSON array. */
    boolean list() {
        return list;
    }

    /** Returns the format named {@code name}, or null if Upbit has none of that name. */
    static UpbitFormat named(Object name) {
        for (UpbitFormat f : values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
