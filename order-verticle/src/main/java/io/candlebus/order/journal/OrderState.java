package io.candlebus.order.journal;

/**
 * Where an intent is in the journal. {@link #PENDING} is written before the request leaves: after a crash
 * it means the order may or may not have reached the venue, and only a lookup by client order id can
 * tell. The other states are the venue's, and the last four are final.
 */
public enum OrderState {
    PENDING,
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED;

    /** Returns whether nothing more can happen to the order. */
    public boolean isFinal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }

    /**
     * Returns whether an order in this state may move to {@code next}: never out of a final state, never
     * back to PENDING, and a fill never undone (PARTIALLY_FILLED does not go back to NEW). Repeating the
     * same state is allowed: a partial fill grows, and a reconciliation may confirm what is known.
     */
    public boolean canMoveTo(OrderState next) {
        if (isFinal()) {
            return next == this;
        }
        return switch (next) {
            case PENDING -> this == PENDING;
            case NEW -> this == PENDING || this == NEW;
            default -> true;
        };
    }
}
