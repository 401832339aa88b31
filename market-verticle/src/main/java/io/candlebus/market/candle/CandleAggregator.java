package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Trade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns venue klines and trades into closed candles, each published once and in order per stream.
 *
 * <p>1m candles: a closed kline (Binance websocket {@code x:true}, or REST) is upserted by open time:
 * the first closed one wins, later ones for the same or an older open time are counted and dropped; it
 * supersedes a trade-built candle in progress for the same or an earlier minute. Trades build 1m
 * candles that close at the minute boundary by event time: when a trade of the same feed (one
 * connection, which delivers trades of all its instruments in time order) reaches the boundary, or when
 * the clock passes boundary + grace. A trade for a minute already closed is late: counted, dropped.
 * A minute of a trade-built stream that ends with no trade closes the same way, as a flat zero-volume
 * candle at the previous close ({@link QuietMinutes}, ADR 0004), from the stream's first candle on.
 *
 * <p>Larger intervals are built from the published 1m candles, aligned to UTC epoch multiples, and
 * close once the 1m stream is complete through their end. A bucket the 1m stream did not cover from its
 * first minute (the one in progress at start-up) is never published.
 *
 * <p>The feeds tell the aggregator about their connection through {@link #suspend}, {@link #cover} and
 * {@link #resume}, in order with the data they publish. Pure logic: single-threaded, time passed in.
 * Closing and publishing are {@link CandleCloser}'s.
 */
public final class CandleAggregator {
    /** Receives every closed candle, once, in order per stream. */
    public interface Sink {
        void closed(Candle candle);
    }

    private final List<Interval> larger;
    private final long graceMillis;
    private final long silenceMillis;
    /** Publishes every closed candle to the sink. */
    private final CandleCloser closer;
    /** Every trade looks its stream up here: by hash, not by comparing instruments down a tree. */
    private final Map<Instrument, MinuteStream> streams = new HashMap<>();
    /** The same streams in instrument order, the order the clock closes them in. */
    private final Map<Instrument, MinuteStream> ordered = new TreeMap<>();
    /** By name ({@code exchange:market}); each stream holds its feed, so trades never look one up. */
    private final Map<String, TradeFeed> feeds = new HashMap<>();
    /**
     * The live streams changed since they were last drained, in the order they first changed. A stream's
     * {@code dirty} flag says whether it is already here, so a trade to a dirty stream costs a flag test.
     */
    private final List<StreamKey> dirty = new ArrayList<>();
    /** Per feed, the clock time up to which its connection is known to have delivered everything. */
    private final Map<String, Long> alive = new HashMap<>();

    /** Names an instrument's feed, as {@link #alive} is told. */
    private final Function<Instrument, String> feedOf;

    private long klines;
    private long trades;
    private long lateTrades;
    private long duplicates;
    private long staleKlines;
    private long superseded;
    private long discardedInDoubt;
    private long ignored;

    /**
     * {@code intervals} must contain 1m, the others are built from 1m. A trade-built minute closes by the
     * clock at boundary + {@code closeGraceMillis}, once its feed was heard {@code silenceMillis} after
     * that (the feeds replace a connection silent that long, so a stall is caught before it can leave a
     * closed candle short of trades).
     */
    public CandleAggregator(List<Interval> intervals, long closeGraceMillis, long silenceMillis, Sink sink) {
        this(intervals, closeGraceMillis, silenceMillis, sink, MinuteStream::feedOf);
    }

    /**
     * As above, with the feeds named by {@code feedOf} (the name {@link #alive} is told for an instrument's feed), for
     * a node whose venue markets are spread over several feeds ({@code bithumb:spot#1}).
     */
    public CandleAggregator(
            List<Interval> intervals,
            long closeGraceMillis,
            long silenceMillis,
            Sink sink,
            Function<Instrument, String> feedOf) {
        this.feedOf = feedOf;
        if (!intervals.contains(Interval.M1)) {
            throw new IllegalArgumentException("intervals: expected a list containing 1m, was " + intervals);
        }
        this.larger = intervals.stream()
                .filter(i -> i.millis() > Interval.M1.millis())
                .sorted()
                .distinct()
                .toList();
        this.graceMillis = closeGraceMillis;
        this.silenceMillis = silenceMillis;
        this.closer = new CandleCloser(larger, sink, this::markDirty);
    }

    /** Handles a candle from {@code market.klines}: a closed one is upserted, an open one is shown live. */
    public void onKline(Candle kline) {
        klines++;
        if (kline.interval() != Interval.M1) {
            ignored++;
            return;
        }
        MinuteStream s = stream(kline.instrument());
        if (s.removed) {
            ignored++;
            return;
        }
        if (!kline.closed()) {
            if (kline.openTime() <= s.lastPublished) {
                staleKlines++;
                return;
            }
            s.openKline = kline;
            markDirty(s);
            return;
        }
        if (kline.openTime() <= s.lastPublished) {
            if (kline.openTime() == s.lastPublished) {
                duplicates++;
            } else {
                staleKlines++;
            }
            return;
        }
        if (s.building != null && s.building.openTime() <= kline.openTime()) {
            superseded++;
            s.building = null;
        }
        if (s.openKline != null && s.openKline.openTime() <= kline.openTime()) {
            s.openKline = null;
        }
        closer.publishMinute(s, kline);
    }

    /** Handles a trade from {@code market.trades}. */
    public void onTrade(Trade trade) {
        trades++;
        MinuteStream s = stream(trade.instrument());
        if (s.removed) {
            ignored++;
            return;
        }
        s.tradeFed = true;
        long time = trade.tradeTime();
        TradeFeed feed = s.feed;
        if (time > feed.watermark) {
            feed.watermark = time;
            closer.advanceWatermark(feed, time);
        }
        long minute = Interval.M1.openTimeOf(time);
        if (minute < s.completeThrough || minute <= s.lastPublished) {
            lateTrades++;
            return;
        }
        if (s.building != null && minute != s.building.openTime()) {
            if (minute < s.building.openTime()) {
                lateTrades++;
                return;
            }
            // A later trade on the same connection proves the earlier minute complete.
            closer.closeBuilding(s);
        }
        if (s.building == null) {
            if (!s.suspended) {
                // The stream's trades arrive in order, so the minutes before this one with no trade had none.
                closer.advanceComplete(s, minute);
            }
            s.building = new TradeCandleBuilder(minute);
        }
        s.building.add(trade);
        markDirty(s);
    }

    /**
     * Says that the feed {@code feed} ({@code exchange:market}) has heard from its venue at clock time
     * {@code until}: a silent (stalled) connection must not let the clock close candles it may lack
     * trades for. Feeds never reported are not limited.
     */
    public void alive(String feed, long until) {
        alive.put(feed, until);
    }

    /**
     * Closes what the clock says is over: trade-built minutes past boundary + grace, and their buckets,
     * but only as far as the feed was heard from at least the silence period later.
     */
    public void onTick(long now) {
        for (MinuteStream s : ordered.values()) {
            if (!s.tradeFed || s.suspended || s.removed) {
                continue;
            }
            long heard = alive.getOrDefault(s.feed.name, Long.MAX_VALUE);
            if (heard == Long.MIN_VALUE) {
                continue;
            }
            long time = Math.min(now, heard == Long.MAX_VALUE ? heard : heard - silenceMillis);
            if (s.building != null && time >= s.building.endTime() + graceMillis) {
                closer.closeBuilding(s);
            }
            closer.advanceComplete(s, Interval.M1.openTimeOf(time - graceMillis));
        }
    }

    /** The feed of {@code instrument} lost its connection: hold its trade-built candle, close nothing by time. */
    public void suspend(Instrument instrument) {
        MinuteStream s = stream(instrument);
        s.suspended = true;
        s.tradeFed = true;
    }

    /** History for {@code instrument} is complete from {@code fromOpenTime} (the first warm-up minute). */
    public void cover(Instrument instrument, long fromOpenTime) {
        MinuteStream s = stream(instrument);
        if (s.firstOpen == MinuteStream.NONE) {
            s.firstOpen = fromOpenTime;
        }
    }

    /**
     * The feed of {@code instrument} is live again: everything before {@code liveFrom} has been published
     * from REST, trades from {@code liveFrom} on follow. A trade-built candle in doubt is dropped.
     */
    public void resume(Instrument instrument, long liveFrom) {
        MinuteStream s = stream(instrument);
        s.suspended = false;
        s.tradeFed = true;
        if (s.building != null && s.building.openTime() < liveFrom) {
            discardedInDoubt++;
            s.building = null;
        }
        if (liveFrom > s.completeThrough) {
            s.completeThrough = liveFrom;
        }
        closer.checkBuckets(s);
        markDirty(s);
    }

    /**
     * Its feed's events for {@code instrument} are in doubt (one was lost on the way): a trade-built stream is
     * suspended until the feed re-covers it (suspend, REST, resume); a kline-built one closes nothing by itself.
     */
    public void hold(Instrument instrument) {
        MinuteStream s = streams.get(instrument);
        if (s != null && s.tradeFed) {
            s.suspended = true;
        }
    }

    /**
     * Returns the open time of the first 1m candle of {@code instrument} not yet published ({@code Long.MIN_VALUE}
     * if none was published): where a re-cover from REST must start.
     */
    public long nextOpenTime(Instrument instrument) {
        MinuteStream s = streams.get(instrument);
        return s == null || s.lastPublished == MinuteStream.NONE
                ? Long.MIN_VALUE
                : s.lastPublished + Interval.M1.millis();
    }

    /** Returns the instruments followed (seen and not removed), in order. */
    public List<Instrument> followed() {
        List<Instrument> out = new ArrayList<>();
        ordered.values().forEach(s -> {
            if (!s.removed) {
                out.add(s.instrument);
            }
        });
        return out;
    }

    /** Follows {@code instrument} (again). */
    public void add(Instrument instrument) {
        stream(instrument).removed = false;
    }

    /** Stops following {@code instrument}; what it published is remembered so a re-add does not repeat it. */
    public void remove(Instrument instrument) {
        MinuteStream s = streams.get(instrument);
        if (s == null) {
            return;
        }
        s.removed = true;
        // Until the feed resumes it after a re-add, the clock must not close (flat) the minutes it missed.
        s.suspended = true;
        s.building = null;
        s.openKline = null;
        Arrays.fill(s.dirty, false);
        dirty.removeIf(k -> k.instrument().equals(instrument));
    }

    /**
     * Returns the candles in progress of the streams that changed since they were last returned and for
     * which {@code due} is true (the caller throttles per stream).
     */
    public List<Candle> drainLive(Predicate<StreamKey> due) {
        List<Candle> out = new ArrayList<>();
        int kept = 0;
        for (int i = 0; i < dirty.size(); i++) {
            StreamKey key = dirty.get(i);
            if (!due.test(key)) {
                dirty.set(kept++, key);
                continue;
            }
            MinuteStream s = streams.get(key.instrument());
            s.dirty[slot(key.interval())] = false;
            Candle live = live(key);
            if (live != null) {
                out.add(live);
            }
        }
        dirty.subList(kept, dirty.size()).clear();
        return out;
    }

    /** Returns the candle in progress of {@code key}, or null if there is none (or it is incomplete). */
    public Candle live(StreamKey key) {
        MinuteStream s = streams.get(key.instrument());
        if (s == null || s.removed) {
            return null;
        }
        Candle minute = s.inProgress();
        if (key.interval() == Interval.M1) {
            return minute;
        }
        HigherBucket bucket = s.buckets.get(key.interval());
        if (minute != null) {
            long bucketOpen = key.interval().openTimeOf(minute.openTime());
            if (bucket == null || bucket.openTime() != bucketOpen) {
                bucket = new HigherBucket(key.interval(), bucketOpen, CandleCloser.covers(s, bucketOpen));
            }
        }
        if (bucket == null || !bucket.complete()) {
            return null;
        }
        Candle inBucket = minute != null && minute.openTime() >= bucket.openTime() ? minute : null;
        return bucket.candle(inBucket, false);
    }

    /** Returns the counters for the heartbeat. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>();
        c.put("klines", klines);
        c.put("trades", trades);
        c.put("lateTrades", lateTrades);
        c.put("duplicates", duplicates);
        c.put("staleKlines", staleKlines);
        c.put("superseded", superseded);
        c.put("discardedInDoubt", discardedInDoubt);
        c.put("ignored", ignored);
        closer.exportTo(c);
        return c;
    }

    private MinuteStream stream(Instrument instrument) {
        MinuteStream s = streams.get(instrument);
        return s != null ? s : newStream(instrument);
    }

    private MinuteStream newStream(Instrument instrument) {
        TradeFeed feed = feeds.computeIfAbsent(feedOf.apply(instrument), TradeFeed::new);
        MinuteStream s = new MinuteStream(instrument, feed, larger);
        streams.put(instrument, s);
        ordered.put(instrument, s);
        feed.streams.clear();
        for (MinuteStream o : ordered.values()) {
            if (o.feed == feed) {
                feed.streams.add(o);
            }
        }
        return s;
    }

    /** Returns the index of {@code interval} in a stream's {@code keys}. */
    private int slot(Interval interval) {
        return interval == Interval.M1 ? 0 : larger.indexOf(interval) + 1;
    }

    private void markDirty(MinuteStream s) {
        for (int i = 0; i < s.keys.length; i++) {
            if (!s.dirty[i]) {
                s.dirty[i] = true;
                dirty.add(s.keys[i]);
            }
        }
    }
}
