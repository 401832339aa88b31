package io.candlebus.sim.binance;

/**
 * Chooses which kline open times a klines request returns. Spot and USDT-M page forward from
 * {@code startTime} (or give the newest rows up to {@code endTime}); COIN-M gives the newest
 * {@code limit} rows before {@code endTime} within a 200-day window.
 */
final class KlineSelection {
    private KlineSelection() {}

    /**
     * The open times {@code first, first + length, ..., last} to return; empty when first > last.
     *
     * @param first the first open time
     * @param last the last open time
     */
    record Range(long first, long last) {
        boolean isEmpty() {
            return first > last;
        }
    }

    /**
     * Returns the rows to send.
     *
     * @param forward true for spot and USDT-M semantics, false for COIN-M
     * @param firstOpen the open time of the oldest kline that exists
     * @param now the sim time; the kline containing it is the newest (still open)
     * @param length the interval length in ms
     * @param startTime the startTime parameter or null
     * @param endTime the endTime parameter or null
     * @param limit the row limit, already capped
     */
    static Range select(
            boolean forward, long firstOpen, long now, long length, Long startTime, Long endTime, int limit) {
        long currentOpen = floor(now, length);
        long span = (limit - 1) * length;
        if (forward) {
            if (startTime != null) {
                long first = Math.max(firstOpen, ceil(startTime, length));
                long last = currentOpen;
                if (endTime != null) {
                    last = Math.min(last, floor(endTime, length));
                }
                return new Range(first, Math.min(last, first + span));
            }
            long last = endTime == null ? currentOpen : Math.min(currentOpen, floor(endTime, length));
            return new Range(Math.max(firstOpen, last - span), last);
        }
        long end;
        long start;
        if (startTime == null && endTime == null) {
            end = now;
            start = now - BinanceRules.COINM_MAX_WINDOW_MILLIS;
        } else if (endTime == null) {
            start = startTime;
            end = Math.min(startTime + BinanceRules.COINM_MAX_WINDOW_MILLIS, now);
        } else if (startTime == null) {
            end = endTime;
            start = endTime - BinanceRules.COINM_MAX_WINDOW_MILLIS;
        } else {
            start = startTime;
            end = endTime;
        }
        long last = Math.min(currentOpen, floor(end, length));
        long first = Math.max(Math.max(firstOpen, ceil(start, length)), last - span);
        return new Range(first, last);
    }

    static long floor(long time, long length) {
        return Math.floorDiv(time, length) * length;
    }

    static long ceil(long time, long length) {
        return -Math.floorDiv(-time, length) * length;
    }
}
