package io.candlebus.strategy;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * Raises signals for one instrument and interval from its closed candles and their bands. The band
 * rule: a close that crosses below the lower band is a BUY ({@value #BAND_LOWER}), above the upper
 * band a SELL ({@value #BAND_UPPER}). A cross at a candle means the close is beyond the band there and
 * was not beyond it at the previous closed candle.
 *
 * <p>After a signal, the next {@code cooldownCandles} candles (counted by open time, so gaps count)
 * raise none. Candles must come in open-time order; one whose open time is not after the last one
 * seen is ignored. Signal ids contain the open time, so no id is ever emitted twice.
 */
final class SignalRules {
    static final String BAND_LOWER = "band_lower";
    static final String BAND_UPPER = "band_upper";

    private static final MathContext REASON_DIGITS = new MathContext(10);

    private final Instrument instrument;
    private final Interval interval;
    private final int cooldownCandles;
    private Bands previous;
    private long lastSignalOpenTime = Long.MIN_VALUE;

    SignalRules(Instrument instrument, Interval interval, int cooldownCandles) {
        if (cooldownCandles < 0) {
            throw new IllegalArgumentException("cooldownCandles: expected >= 0, was " + cooldownCandles);
        }
        this.instrument = instrument;
        this.interval = interval;
        this.cooldownCandles = cooldownCandles;
    }

    /**
     * Evaluates the rules at a closed candle whose bands are {@code bands}; {@code now} stamps the
     * signals. Returns the signals raised, usually none.
     */
    List<Signal> onClosed(Candle candle, Bands bands, long now) {
        if (!candle.instrument().equals(instrument)
                || candle.interval() != interval
                || !bands.instrument().equals(instrument)
                || bands.interval() != interval
                || bands.openTime() != candle.openTime()) {
            throw new IllegalArgumentException("expected a candle and bands of " + instrument + " " + interval
                    + " at one open time, was " + candle.key() + " and bands at " + bands.openTime());
        }
        if (previous != null && bands.openTime() <= previous.openTime()) {
            return List.of();
        }
        Bands before = previous;
        previous = bands;
        if (before == null || inCooldown(bands.openTime())) {
            return List.of();
        }
        double close = bands.close();
        if (close < bands.lower() && before.close() >= before.lower()) {
            return List.of(signal(BAND_LOWER, Side.BUY, candle, now, "below lower", bands.lower()));
        }
        if (close > bands.upper() && before.close() <= before.upper()) {
            return List.of(signal(BAND_UPPER, Side.SELL, candle, now, "above upper", bands.upper()));
        }
        return List.of();
    }

    private boolean inCooldown(long openTime) {
        return lastSignalOpenTime != Long.MIN_VALUE
                && (openTime - lastSignalOpenTime) / interval.millis() <= cooldownCandles;
    }

    private Signal signal(String rule, Side side, Candle candle, long now, String direction, double band) {
        lastSignalOpenTime = candle.openTime();
        String reason = "close " + candle.close().toPlainString() + " crossed " + direction + " band "
                + new BigDecimal(band).round(REASON_DIGITS).stripTrailingZeros().toPlainString();
        return new Signal(
                Signal.idOf(rule, instrument, interval, candle.openTime(), side),
                rule,
                instrument,
                interval,
                candle.openTime(),
                side,
                candle.close(),
                reason,
                now);
    }
}
