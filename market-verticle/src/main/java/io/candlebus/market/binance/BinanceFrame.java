package io.candlebus.market.binance;

import io.candlebus.contract.Candle;

/** One message received on a Binance market-data websocket, as far as candlebus cares. */
sealed interface BinanceFrame {

    /** A kline update; {@code candle.closed()} is Binance's {@code x}. */
    record Kline(Candle candle, long eventTime) implements BinanceFrame {}

    /** A reply to a control request (SUBSCRIBE, UNSUBSCRIBE, ...); {@code error} is null on success. */
    record Reply(String id, String error) implements BinanceFrame {}

    /** The server announces it is going away: reconnect now. */
    record Shutdown(long eventTime) implements BinanceFrame {}

    /** Any other event type (trades, tickers), ignored by the kline feed. */
    record Other(String eventType) implements BinanceFrame {}
}
