package io.candlebus.sim;

import io.candlebus.contract.Market;

/** Names a websocket host the simulator stands in for: one per Binance market, Bithumb and Upbit. */
public enum WsHost {
    /** {@code stream.binance.com}. */
    BINANCE_SPOT,
    /** {@code fstream.binance.com}. */
    BINANCE_USDM,
    /** {@code dstream.binance.com}. */
    BINANCE_COINM,
    /** {@code ws-api.bithumb.com}. */
    BITHUMB,
    /** {@code api.upbit.com}. */
    UPBIT;

    /** Returns the host of a Binance market's streams. */
    public static WsHost binance(Market market) {
        return switch (market) {
            case SPOT -> BINANCE_SPOT;
            case USDM -> BINANCE_USDM;
            case COINM -> BINANCE_COINM;
        };
    }
}
