package io.candlebus.sim.market;

/**
 * One candle in the integer units of its instrument. A bar without trades ({@code count == 0}) has all
 * four prices at the previous close, zero volumes and ids of -1.
 *
 * @param openTime the first millisecond of the bar
 * @param open the first trade's price
 * @param high the highest price
 * @param low the lowest price
 * @param close the last trade's price
 * @param volume the summed quantity
 * @param quote the summed quote amount (COIN-M: base amount)
 * @param count the number of trades
 * @param takerBuyVolume the summed quantity of trades whose taker bought
 * @param takerBuyQuote the summed quote amount of trades whose taker bought
 * @param firstId the first trade's id, -1 without trades
 * @param lastId the last trade's id, -1 without trades
 * @param lastTradeTime the last trade's time, -1 without trades
 */
public record Bar(
        long openTime,
        long open,
        long high,
        long low,
        long close,
        long volume,
        long quote,
        long count,
        long takerBuyVolume,
        long takerBuyQuote,
        long firstId,
        long lastId,
        long lastTradeTime) {

    /** Returns a bar without trades whose prices all equal {@code previousClose}. */
    public static Bar empty(long openTime, long previousClose) {
        return new Bar(openTime, previousClose, previousClose, previousClose, previousClose, 0, 0, 0, 0, 0, -1, -1, -1);
    }

    /** Returns whether the bar has no trade. */
    public boolean isEmpty() {
        return count == 0;
    }
}
