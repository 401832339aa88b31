package io.candlebus.strategy;

import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Signal;
import java.util.List;
import java.util.Optional;

/**
 * Turns the candles of one instrument and interval into bands and signals: closed candles advance
 * the bands and the rules, live candles only read them. A closed candle whose open time is not after
 * the last one handled is a duplicate or out of order and is ignored.
 */
final class StrategyStream {
    private final Instrument instrument;
    private final Interval interval;
    private final StrategyConfig config;
    private final BollingerBands bands;
    private final SignalRules rules;
    private long lastClosedOpenTime = Long.MIN_VALUE;
    private boolean livePublished;
    private long lastLiveAt;

    /** What a closed candle produced: {@code handled} is false when it was ignored as stale. */
    record Outcome(boolean handled, Optional<Bands> bands, List<Signal> signals) {
        static final Outcome IGNORED = new Outcome(false, Optional.empty(), List.of());
    }

    StrategyStream(Instrument instrument, Interval interval, StrategyConfig config) {
        this.instrument = instrument;
        this.interval = interval;
        this.config = config;
        this.bands = new BollingerBands(config.period(), config.k());
        this.rules = new SignalRules(instrument, interval, config.cooldownCandles());
    }

    /** Handles a closed candle at time {@code now}. */
    Outcome onClosed(Candle candle, long now) {
        requireStream(candle);
        if (candle.openTime() <= lastClosedOpenTime) {
            return Outcome.IGNORED;
        }
        lastClosedOpenTime = candle.openTime();
        bands.add(candle.close().doubleValue());
        if (!bands.isReady()) {
            return new Outcome(true, Optional.empty(), List.of());
        }
        Bands closed = toBands(candle, bands.current(), true);
        return new Outcome(true, Optional.of(closed), rules.onClosed(candle, closed, now));
    }

    /**
     * Returns the live bands for a candle in progress at time {@code now}, or empty when live bands
     * are off, too few closes are known, the candle is not after the last closed one, or the throttle
     * holds it back.
     */
    Optional<Bands> onLive(Candle candle, long now) {
        requireStream(candle);
        if (!config.publishLive()
                || !bands.isLiveReady()
                || candle.openTime() <= lastClosedOpenTime
                || (livePublished && now - lastLiveAt < config.liveThrottleMillis())) {
            return Optional.empty();
        }
        livePublished = true;
        lastLiveAt = now;
        return Optional.of(toBands(candle, bands.live(candle.close().doubleValue()), false));
    }

    private Bands toBands(Candle candle, BandValue value, boolean closed) {
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
