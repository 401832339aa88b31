package io.candlebus.contract;

/** Says which way an order or an aggressive trade goes. */
public enum Side {
    BUY,
    SELL
}
