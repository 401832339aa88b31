package io.candlebus.sim.orders;

/**
 * The engine refused an order or a cancel; each venue's routes turn the {@link Reason} into its own
 * error code and wording, and the detail names the field.
 */
public final class OrderRejection extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an order or a cancel was refused. */
    public enum Reason {
        /** The instrument is not simulated on this venue. */
        UNKNOWN_INSTRUMENT,
        /** The price is not a multiple of the tick. */
        PRICE_TICK,
        /** The quantity is not a multiple of the step or has too many decimals. */
        QUANTITY_STEP,
        /** price x quantity is below the venue's minimum. */
        MIN_NOTIONAL,
        /** The account lacks the free balance to reserve. */
        INSUFFICIENT_BALANCE,
        /** The client order id is taken (by an open order on Binance, by any other order on Bithumb). */
        DUPLICATE_CLIENT_ORDER_ID,
        /** No such order for this account. */
        ORDER_NOT_FOUND,
        /** The order is final and cannot be cancelled. */
        NOT_CANCELABLE
    }

    private final Reason reason;

    /** Creates a rejection for {@code reason}; {@code detail} says which field and what was wrong. */
    public OrderRejection(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /** Returns why. */
    public Reason reason() {
        return reason;
    }
}
