package io.candlebus.sim.orders;

/**
 * How long a limit order may wait: GTC rests until filled or cancelled; IOC and FOK take what fills at
 * once and expire the rest (the same here, because a marketable order fills in full at once).
 */
public enum TimeInForce {
    GTC,
    IOC,
    FOK
}
