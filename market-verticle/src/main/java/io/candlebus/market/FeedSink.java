package io.candlebus.market;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;

/**
 * Receives what a feed produces, in order: data for {@code market.klines} and {@code market.trades},
 * and the feed's connection events for the aggregator (delivered in order with the data).
 */
public interface FeedSink {
    /** A kline or REST candle, as the venue sent it. */
    void kline(Candle candle);

    /** A trade. */
    void trade(Trade trade);

    /** The connection carrying {@code instrument} is down or not yet joined to history. */
    void suspend(Instrument instrument);

    /** History of {@code instrument} is complete from {@code fromOpenTime}. */
    void cover(Instrument instrument, long fromOpenTime);

    /** Everything of {@code instrument} before {@code liveFrom} was published; live data follows. */
    void resume(Instrument instrument, long liveFrom);
}
