package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The aggregator's state for one instrument: its 1m stream and the buckets of larger intervals. */
final class MinuteStream {
    static final long NONE = Long.MIN_VALUE;

    final Instrument instrument;
    final TradeFeed feed;
    /** The live streams of this instrument: 1m, then the larger intervals in ascending order. */
    final StreamKey[] keys;
    /** Per entry of {@code keys}, whether it changed since its live candle was last drained. */
    final boolean[] dirty;
    /** No longer followed: inputs are ignored, state is kept so a re-add neither repeats nor skips. */
    boolean removed;
    /** The feed lost its connection: the candle in progress is in doubt, no time-based closing. */
    boolean suspended;
    /** Built from trades (so closed at the boundary by event time or clock), not from venue klines. */
    boolean tradeFed;
    /** Open time of the last 1m candle published. */
    long lastPublished = NONE;
    /** Close of the last 1m candle published: the price of the flat candle of a minute without trades. */
    BigDecimal lastClose;
    /** Every 1m candle that opens before this time has been published or is known not to exist. */
    long completeThrough = NONE;
    /** The earliest time from which the 1m stream is complete (start of the first history fetched). */
    long firstOpen = NONE;
    /** The trade-built candle in progress. */
    TradeCandleBuilder building;
    /** The latest open kline from the venue. */
    Candle openKline;
    /** The bucket in progress per larger interval. */
    final Map<Interval, HigherBucket> buckets = new EnumMap<>(Interval.class);
    /** Per larger interval, the end of the last bucket closed. */
    final Map<Interval, Long> bucketsClosedThrough = new EnumMap<>(Interval.class);

    MinuteStream(Instrument instrument, TradeFeed feed, List<Interval> larger) {
        this.instrument = instrument;
        this.feed = feed;
        this.keys = new StreamKey[larger.size() + 1];
        keys[0] = new StreamKey(instrument, Interval.M1);
        for (int i = 0; i < larger.size(); i++) {
            keys[i + 1] = new StreamKey(instrument, larger.get(i));
        }
        this.dirty = new boolean[keys.length];
    }

    static String feedOf(Instrument instrument) {
        return instrument.exchange().wireName() + ":" + instrument.market().wireName();
    }

    /** Returns the 1m candle in progress (trade-built or venue kline), or null. */
    Candle inProgress() {
        if (building != null) {
            return building.toCandle(instrument, false);
        }
        if (openKline != null && openKline.openTime() > lastPublished) {
            return openKline;
        }
        return null;
    }
}
