package io.candlebus.strategy;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Side;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Raises signals for one instrument and interval from its closed candles and their indicators. Every
 * rule compares a closed candle with the previous closed candle handled (gaps included), so nothing
 * fires at the first candle whose indicators are defined:
 *
 * <ul>
 *   <li>band cross: close &lt; lower now and close &gt;= lower before is a BUY ({@value #BAND_LOWER});
 *       close &gt; upper now and close &lt;= upper before a SELL ({@value #BAND_UPPER});
 *   <li>band touch: low &lt;= lower now and low &gt; lower before is a BUY ({@value #BAND_LOWER_TOUCH});
 *       high &gt;= upper now and high &lt; upper before a SELL ({@value #BAND_UPPER_TOUCH}): once per run of
 *       touching candles;
 *   <li>SMA cross: fast - slow &gt; 0 now and &lt;= 0 before is a BUY ({@value #GOLDEN_CROSS}); &lt; 0 now
 *       and &gt;= 0 before a SELL ({@value #DEAD_CROSS}).
 * </ul>
 *
 * <p>After a candle that raised a signal, the next {@code cooldownCandles} candles (counted by open
 * time, so gaps count) raise none, whatever the rule; the rules still track those candles, so a cross
 * or touch that happens during the cooldown is not raised later. Candles must come in open-time order;
 * one whose open time is not after the last one seen is ignored. Each rule raises at most one signal
 * per side and candle, and ids contain the rule, side and open time, so no id is ever emitted twice.
 */
final class SignalRules {
    static final String BAND_LOWER = "band_lower";
    static final String BAND_UPPER = "band_upper";
    static final String BAND_LOWER_TOUCH = "band_lower_touch";
    static final String BAND_UPPER_TOUCH = "band_upper_touch";
    static final String GOLDEN_CROSS = "golden_cross";
    static final String DEAD_CROSS = "dead_cross";

    private static final MathContext REASON_DIGITS = new MathContext(10);

    private final Instrument instrument;
    private final Interval interval;
    private final Set<SignalRule> rules;
    private final int cooldownCandles;
    private Reading previous;
    private long lastSignalOpenTime = Long.MIN_VALUE;

    /** What the rules remember of a candle: bands null and no SMA sign while they warm up. */
    private record Reading(long openTime, double low, double high, Bands bands, boolean smaReady, int smaSign) {}

    SignalRules(Instrument instrument, Interval interval, Set<SignalRule> rules, int cooldownCandles) {
        if (cooldownCandles < 0) {
            throw new IllegalArgumentException("cooldownCandles: expected >= 0, was " + cooldownCandles);
        }
        this.instrument = instrument;
        this.interval = interval;
        this.rules = rules.isEmpty() ? EnumSet.noneOf(SignalRule.class) : EnumSet.copyOf(rules);
        this.cooldownCandles = cooldownCandles;
    }

    /**
     * Evaluates the rules at a closed candle; {@code bands} are its bands, or null while they warm up,
     * {@code sma} the averages including it, or null while they warm up or the SMA rule is off;
     * {@code now} stamps the signals. Returns the signals raised, usually none, in rule order.
     */
    List<Signal> onClosed(Candle candle, Bands bands, ExactSmaPair sma, long now) {
        requireStream(candle, bands);
        if (previous != null && candle.openTime() <= previous.openTime()) {
            return List.of();
        }
        Reading before = previous;
        Reading current = new Reading(
                candle.openTime(),
                candle.low().doubleValue(),
                candle.high().doubleValue(),
                bands,
                sma != null,
                sma != null ? sma.sign() : 0);
        previous = current;
        if (before == null || inCooldown(candle.openTime())) {
            return List.of();
        }
        // Most candles raise nothing: the list is made only when a rule fires.
        List<Signal> signals = null;
        if (current.bands() != null && before.bands() != null) {
            if (rules.contains(SignalRule.BAND_CROSS)) {
                signals = bandCross(candle, current.bands(), before.bands(), now, signals);
            }
            if (rules.contains(SignalRule.BAND_TOUCH)) {
                signals = bandTouch(candle, current, before, now, signals);
            }
        }
        if (rules.contains(SignalRule.SMA_CROSS) && current.smaReady() && before.smaReady()) {
            signals = smaCross(candle, sma, current.smaSign(), before.smaSign(), now, signals);
        }
        if (signals == null) {
            return List.of();
        }
        lastSignalOpenTime = candle.openTime();
        return signals;
    }

    private List<Signal> bandCross(Candle candle, Bands bands, Bands before, long now, List<Signal> signals) {
        double close = bands.close();
        if (close < bands.lower() && before.close() >= before.lower()) {
            String reason =
                    "close " + candle.close().toPlainString() + " crossed below lower band " + digits(bands.lower());
            signals = add(signals, signal(BAND_LOWER, Side.BUY, candle, now, reason));
        }
        if (close > bands.upper() && before.close() <= before.upper()) {
            String reason =
                    "close " + candle.close().toPlainString() + " crossed above upper band " + digits(bands.upper());
            signals = add(signals, signal(BAND_UPPER, Side.SELL, candle, now, reason));
        }
        return signals;
    }

    private List<Signal> bandTouch(Candle candle, Reading current, Reading before, long now, List<Signal> signals) {
        Bands bands = current.bands();
        if (current.low() <= bands.lower() && before.low() > before.bands().lower()) {
            String reason = "low " + candle.low().toPlainString() + " touched lower band " + digits(bands.lower());
            signals = add(signals, signal(BAND_LOWER_TOUCH, Side.BUY, candle, now, reason));
        }
        if (current.high() >= bands.upper() && before.high() < before.bands().upper()) {
            String reason = "high " + candle.high().toPlainString() + " touched upper band " + digits(bands.upper());
            signals = add(signals, signal(BAND_UPPER_TOUCH, Side.SELL, candle, now, reason));
        }
        return signals;
    }

    private List<Signal> smaCross(
            Candle candle, ExactSmaPair sma, int sign, int before, long now, List<Signal> signals) {
        if (sign > 0 && before <= 0) {
            signals = add(signals, signal(GOLDEN_CROSS, Side.BUY, candle, now, smaReason(sma, "above")));
        }
        if (sign < 0 && before >= 0) {
            signals = add(signals, signal(DEAD_CROSS, Side.SELL, candle, now, smaReason(sma, "below")));
        }
        return signals;
    }

    private static List<Signal> add(List<Signal> signals, Signal signal) {
        List<Signal> out = signals == null ? new ArrayList<>(2) : signals;
        out.add(signal);
        return out;
    }

    private static String smaReason(ExactSmaPair sma, String direction) {
        return "SMA(" + sma.fastPeriod() + ") " + sma.fast().toPlainString() + " crossed " + direction + " SMA("
                + sma.slowPeriod() + ") " + sma.slow().toPlainString();
    }

    private boolean inCooldown(long openTime) {
        return lastSignalOpenTime != Long.MIN_VALUE
                && (openTime - lastSignalOpenTime) / interval.millis() <= cooldownCandles;
    }

    private Signal signal(String rule, Side side, Candle candle, long now, String reason) {
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

    private static String digits(double band) {
        return new BigDecimal(band).round(REASON_DIGITS).stripTrailingZeros().toPlainString();
    }

    private void requireStream(Candle candle, Bands bands) {
        if (!candle.instrument().equals(instrument)
                || candle.interval() != interval
                || (bands != null
                        && (!bands.instrument().equals(instrument)
                                || bands.interval() != interval
                                || bands.openTime() != candle.openTime()))) {
            throw new IllegalArgumentException("expected a candle and bands of " + instrument + " " + interval
                    + " at one open time, was " + candle.key() + " and bands at "
                    + (bands == null ? "none" : bands.instrument() + " " + bands.interval() + " " + bands.openTime()));
        }
    }
}
