package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * Represents minutes without trades the way Binance does: a flat, zero-volume 1m candle at the previous
 * close (ADR 0004), so that every stream has exactly one closed 1m candle per minute from its first one on.
 * Pure functions.
 */
public final class QuietMinutes {

    /** The last 1m candle known before a range: its open time and close. */
    public record Previous(long openTime, BigDecimal close) {}

    private QuietMinutes() {}

    /**
     * Returns the closed candle of a minute without trades: open, high, low and close at {@code
     * previousClose}; volumes, trade count and taker volumes 0; source AGGREGATED (candlebus made it).
     */
    public static Candle flat(Instrument instrument, long openTime, BigDecimal previousClose) {
        return new Candle(
                instrument,
                Interval.M1,
                openTime,
                previousClose,
                previousClose,
                previousClose,
                previousClose,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                true,
                CandleSource.AGGREGATED);
    }

    /**
     * Returns the 1m candles of the range [{@code from}, {@code to}), oldest first, from a venue answer
     * that is complete for that range but omits minutes without trades ({@code rows} by open time, all
     * inside the range): each row as given, each missing minute flat at the close before it.
     *
     * <p>The close before a missing minute is the latest row before it in the range; before the first
     * row, {@code previous} (may be null) if it is the minute just before the range or inside it and
     * earlier than the missing minute (the range being complete, no trade happened between the two).
     * Minutes before anything is known are left out: nothing before a stream's first candle is invented.
     */
    public static List<Candle> fill(
            Instrument instrument, NavigableMap<Long, Candle> rows, long from, long to, Previous previous) {
        long minute = Interval.M1.millis();
        boolean previousUsable = previous != null && previous.openTime() >= from - minute;
        List<Candle> out = new ArrayList<>();
        BigDecimal close = null;
        for (long t = from; t < to; t += minute) {
            Candle row = rows.get(t);
            if (row != null) {
                out.add(row);
                close = row.close();
            } else if (close != null) {
                out.add(flat(instrument, t, close));
            } else if (previousUsable && t > previous.openTime()) {
                out.add(flat(instrument, t, previous.close()));
            }
        }
        return out;
    }
}
