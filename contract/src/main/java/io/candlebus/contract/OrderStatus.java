package io.candlebus.contract;

/** Lifecycle states of an order as published on {@code orders.events}. */
public enum OrderStatus {
    ACCEPTED,
    FILLED,
    REJECTED,
    CANCELLED
}
