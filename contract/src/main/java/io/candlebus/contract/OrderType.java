package io.candlebus.contract;

/** Says how an order is priced. */
public enum OrderType {
    MARKET,
    LIMIT
}
