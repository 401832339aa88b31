package io.candlebus.strategy;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Signal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the candles of one instrument and interval into Bollinger bands and signals, the same way live
 * (inside {@link StrategyVerticle}) and in a replay over historical candles: closed candles advance
 * the indicators and the rules, live candles only read them. Plain Java, no Vert.x; not thread-safe
 * (one owner feeds it, in open-time order).
 *
 * <p>A closed candle whose open time is not after the last one handled is a duplicate or out of order
 * and is ignored. The {@link Clock} stamps the signals ({@link Signal#time()}) and throttles live
 * bands; nothing else reads it, so bands and signal ids depend on the candles alone.
 */
public final class StrategyEngine {
    private final Instrument instrument;
    private final Interval interval;
    private final StrategyConfig config;
    private final Clock clock;
    private final PriceSource source;
    private final BollingerBands bands;
    private final ExactSmaPair sma;
    private final SignalRules rules;
    private long lastClosedOpenTime = Long.MIN_VALUE;
    private boolean livePublished;
    private long lastLiveAt;

    /**
     * What a closed candle produced: its bands (empty while fewer than {@code period} closed candles are
     * known) and its signals, usually none. {@code ignored} is true when the candle was a duplicate or
     * out of order and changed nothing.
     */
    public record Result(Optional<Bands> bands, List<Signal> signals, boolean ignored) {
        private static final Result IGNORED = new Result(Optional.empty(), List.of(), true);

        public Result {
            Objects.requireNonNull(bands, "bands");
            signals = List.copyOf(signals);
        }
    }

    /** Creates the engine of one instrument and interval; {@code clock} stamps signals and throttles live bands. */
    public StrategyEngine(StrategyConfig config, Instrument instrument, Interval interval, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.source = config.priceSource();
        this.bands = new BollingerBands(config.period(), config.k());
        this.sma = config.rules().contains(SignalRule.SMA_CROSS)
                ? new ExactSmaPair(config.sma().fast(), config.sma().slow(), source.count())
                : null;
        this.rules = new SignalRules(instrument, interval, config.rules(), config.cooldownCandles());
    }

    /** Returns the instrument this engine follows. */
    public Instrument instrument() {
        return instrument;
    }

    /** Returns the interval this engine follows. */
    public Interval interval() {
        return interval;
    }

    /**
     * Handles a closed candle of this engine's instrument and interval: adds its price to the bands and
     * averages and evaluates the rules. Throws {@link IllegalArgumentException} for a candle that is not
     * closed or belongs to another stream.
     */
    public Result onClosedCandle(Candle candle) {
        requireStream(candle);
        if (!candle.closed()) {
            throw new IllegalArgumentException("expected a closed candle, was one in progress: " + candle.key());
        }
        if (candle.openTime() <= lastClosedOpenTime) {
            return Result.IGNORED;
        }
        lastClosedOpenTime = candle.openTime();
        bands.add(source.of(candle));
        if (sma != null) {
            sma.add(source.exactSum(candle));
        }
        Bands closed = bands.isReady() ? toBands(candle, bands.current(), true) : null;
        List<Signal> signals =
                rules.onClosed(candle, closed, sma != null && sma.isReady() ? sma : null, clock.millis());
        return new Result(Optional.ofNullable(closed), signals, false);
    }

    /**
     * Returns the live bands for a candle in progress, as if it closed now: over the last
     * {@code period - 1} closed candles and this one. Empty when live bands are off, fewer than
     * {@code period - 1} closed candles are known, the candle does not open after the last closed one,
     * or the throttle ({@code liveThrottleMillis} by the clock) holds it back. Changes nothing but the
     * throttle's state; its {@code closed} flag is not looked at.
     */
    public Optional<Bands> onLiveCandle(Candle candle) {
        requireStream(candle);
        if (!config.publishLive() || !bands.isLiveReady() || candle.openTime() <= lastClosedOpenTime) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (livePublished && now - lastLiveAt < config.liveThrottleMillis()) {
            return Optional.empty();
        }
        livePublished = true;
        lastLiveAt = now;
        return Optional.of(toBands(candle, bands.live(source.of(candle)), false));
    }

    private Bands toBands(Candle candle, BandValue value, boolean closed) {
        // %b and the band cross rule read the close, whatever the price source of the bands.
        double close = candle.close().doubleValue();
        return new Bands(
                instrument,
                interval,
                candle.openTime(),
                bands.period(),
                bands.k(),
                close,
                value.middle(),
                value.upper(),
                value.lower(),
                value.percentB(close),
                value.bandwidth(),
                closed);
    }

    private void requireStream(Candle candle) {
        if (!candle.instrument().equals(instrument) || candle.interval() != interval) {
            throw new IllegalArgumentException(
                    "expected a candle of " + instrument + " " + interval + ", was " + candle.key());
        }
    }
}
