package io.candlebus.sim.orders;

/** Where a simulated order is in its life; the names are Binance's, Bithumb maps them to its states. */
public enum SimOrderStatus {
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    EXPIRED;

    /** Returns whether the order still rests on the book and can fill or be cancelled. */
    public boolean isOpen() {
        return this == NEW || this == PARTIALLY_FILLED;
    }
}
