package io.candlebus.market.lease;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps a taking-over feed from publishing on {@code candles.closed} what the previous holder already published.
 * Every closed candle heard on the cluster's {@code candles.closed} is noted (newest open time per stream); when
 * this node gains a feed's lease, the marks of that feed's venue markets are frozen as its thresholds, and a closed
 * candle at or before its stream's threshold is then not published again (its warm-up history repeats what
 * subscribers had). Candles after the threshold (the minutes that closed while no feed was active, filled from
 * REST, and everything live) are published; a larger interval's candle counts as published once the minute it
 * ends with was. The recorder path does not go through this: every candle still goes
 * to the outbox, and recorders skip keys they hold. Owned by the market verticle's thread.
 */
public final class TakeoverMarks {
    private record Stream(Instrument instrument, Interval interval) {}

    private static final long MINUTE = Interval.M1.millis();

    private final Map<Stream, Long> heard = new HashMap<>();
    private final Map<Stream, Long> thresholds = new HashMap<>();
    private final Map<String, Long> suppressed = new HashMap<>();
    private final Function<Instrument, String> feedOf;

    /** Marks keyed by venue market ({@code exchange:market}), each market one feed. */
    public TakeoverMarks() {
        this(TakeoverMarks::venueMarket);
    }

    /** Marks keyed by the feed {@code feedOf} names for an instrument ({@code bithumb:spot#1} when spread). */
    public TakeoverMarks(Function<Instrument, String> feedOf) {
        this.feedOf = feedOf;
    }

    /** Notes a closed candle published by any node (this one included). */
    public void heard(Candle candle) {
        heard.merge(new Stream(candle.instrument(), candle.interval()), candle.openTime(), Math::max);
    }

    /**
     * Freezes, as thresholds, the newest open time heard of every stream whose venue market
     * ({@code exchange:market}) is in {@code venueMarkets}: the feed of those markets was just granted here.
     */
    public void gained(Set<String> venueMarkets) {
        heard.forEach((stream, openTime) -> {
            if (venueMarkets.contains(feedOf.apply(stream.instrument()))) {
                thresholds.put(stream, openTime);
            }
        });
    }

    /** Returns whether {@code candle}, closed by this node's aggregator, is to be published on candles.closed. */
    public boolean publishes(Candle candle) {
        Long threshold = thresholds.get(new Stream(candle.instrument(), candle.interval()));
        boolean published = threshold != null && candle.openTime() <= threshold;
        if (!published && candle.interval() != Interval.M1) {
            // A larger candle closes with its last minute, in the same tick: the previous holder published every
            // one that ended by the end of the newest minute it published. This covers a standby that joined after
            // the holder's last close of this interval (it heard none of them).
            Long minute = thresholds.get(new Stream(candle.instrument(), Interval.M1));
            published = minute != null && candle.openTime() + candle.interval().millis() <= minute + MINUTE;
        }
        if (published) {
            suppressed.merge(feedOf.apply(candle.instrument()), 1L, Long::sum);
            return false;
        }
        return true;
    }

    /** Returns how many closed candles of {@code venueMarkets} were not published again after a takeover. */
    public long suppressed(Set<String> venueMarkets) {
        return venueMarkets.stream()
                .mapToLong(k -> suppressed.getOrDefault(k, 0L))
                .sum();
    }

    /** Returns the {@code exchange:market} key of {@code instrument}, as {@code Feed.feedKeys()} names them. */
    public static String venueMarket(Instrument instrument) {
        return instrument.exchange().wireName() + ":" + instrument.market().wireName();
    }
}
