package io.candlebus.contract;

/** Says where a candle's values came from. */
public enum CandleSource {
    /** A kline pushed by the venue's websocket (Binance). */
    WEBSOCKET,
    /** A kline or candle fetched from the venue's REST history (warm-up, gap fill). */
    REST,
    /** Built by candlebus from trades, or from smaller closed candles. */
    AGGREGATED
}
