package io.candlebus.market.candle;

import java.util.ArrayList;
import java.util.List;

/**
 * One feed ({@code exchange:market}, one connection delivering the trades of all its instruments in time
 * order): the latest trade time seen and the streams it feeds, in instrument order.
 */
final class TradeFeed {
    final String name;
    /** The latest trade time of the feed; a primitive field, as it is read and written on every trade. */
    long watermark = Long.MIN_VALUE;
    /** In instrument order, so candles closed by one trade come out in the same order as by the clock. */
    final List<MinuteStream> streams = new ArrayList<>();

    TradeFeed(String name) {
        this.name = name;
    }
}
