package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Trade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 */
public final class CandleAggregator {
    /** Receives every closed candle, once, in order per stream. */
    public interface Sink {
        void closed(Candle candle);
    }

    private final List<Interval> larger;
    private final long graceMillis;
    private final long silenceMillis;
    private final Sink sink;
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

    private long klines;
    private long trades;
    private long closedCandles;
    private long lateTrades;
    private long duplicates;
    private long staleKlines;
    private long superseded;
    private long discardedInDoubt;
    private long partialSkipped;
    private long lateForLarger;
    private long ignored;
    private long quietMinutes;

    /**
     * {@code intervals} must contain 1m, the others are built from 1m. A trade-built minute closes by the
     * clock at boundary + {@code closeGraceMillis}, once its feed was heard {@code silenceMillis} after
     * that (the feeds replace a connection silent that long, so a stall is caught before it can leave a
     * closed candle short of trades).
     */
    public CandleAggregator(List<Interval> intervals, long closeGraceMillis, long silenceMillis, Sink sink) {
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
        this.sink = sink;
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
        publishMinute(s, kline);
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
            advanceWatermark(feed, time);
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
            closeBuilding(s);
        }
        if (s.building == null) {
            if (!s.suspended) {
                // The stream's trades arrive in order, so the minutes before this one with no trade had none.
                advanceComplete(s, minute);
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
                closeBuilding(s);
            }
            advanceComplete(s, Interval.M1.openTimeOf(time - graceMillis));
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
        checkBuckets(s);
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
                bucket = new HigherBucket(key.interval(), bucketOpen, covers(s, bucketOpen));
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
        c.put("closedCandles", closedCandles);
        c.put("lateTrades", lateTrades);
        c.put("duplicates", duplicates);
        c.put("staleKlines", staleKlines);
        c.put("superseded", superseded);
        c.put("discardedInDoubt", discardedInDoubt);
        c.put("partialSkipped", partialSkipped);
        c.put("lateForLarger", lateForLarger);
        c.put("ignored", ignored);
        c.put("quietMinutes", quietMinutes);
        return c;
    }

    private MinuteStream stream(Instrument instrument) {
        MinuteStream s = streams.get(instrument);
        return s != null ? s : newStream(instrument);
    }

    private MinuteStream newStream(Instrument instrument) {
        TradeFeed feed = feeds.computeIfAbsent(MinuteStream.feedOf(instrument), TradeFeed::new);
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

    private void advanceWatermark(TradeFeed feed, long watermark) {
        long through = Interval.M1.openTimeOf(watermark);
        for (MinuteStream s : feed.streams) {
            if (!s.tradeFed || s.suspended || s.removed) {
                continue;
            }
            if (s.building != null && s.building.endTime() <= watermark) {
                closeBuilding(s);
            }
            advanceComplete(s, through);
        }
    }

    /**
     * The connection proved every minute before {@code through} over (a later trade on it, or the clock
     * past boundary + grace while it was heard): those without a candle had no trade and close flat.
     */
    private void advanceComplete(MinuteStream s, long through) {
        // A candle still in progress before `through` (trades released after a seam) keeps the stream open.
        if (s.building != null && s.building.openTime() < through) {
            return;
        }
        if (through > s.completeThrough) {
            closeQuietMinutes(s, through);
            s.completeThrough = through;
            checkBuckets(s);
        }
    }

    /**
     * Publishes a flat candle for each minute in [completeThrough, through) after the last one published.
     * Minutes before completeThrough are not this connection's to prove (REST covered them up to a resume),
     * and nothing is invented before the stream's first candle.
     */
    private void closeQuietMinutes(MinuteStream s, long through) {
        if (s.lastPublished == MinuteStream.NONE) {
            return;
        }
        long minute = Interval.M1.millis();
        long first = Math.max(s.lastPublished + minute, s.completeThrough);
        for (long t = first; t < through; t += minute) {
            quietMinutes++;
            publishMinute(s, QuietMinutes.flat(s.instrument, t, s.lastClose));
        }
    }

    private void closeBuilding(MinuteStream s) {
        Candle candle = s.building.toCandle(s.instrument, true);
        s.building = null;
        publishMinute(s, candle);
    }

    private void publishMinute(MinuteStream s, Candle candle) {
        Candle closed = candle.closed() ? candle : candle.asClosed(CandleSource.AGGREGATED);
        sink.closed(closed);
        closedCandles++;
        s.lastPublished = closed.openTime();
        s.lastClose = closed.close();
        if (s.firstOpen == MinuteStream.NONE) {
            s.firstOpen = closed.openTime();
        }
        if (closed.endTime() > s.completeThrough) {
            s.completeThrough = closed.endTime();
        }
        for (Interval interval : larger) {
            long bucketOpen = interval.openTimeOf(closed.openTime());
            HigherBucket bucket = s.buckets.get(interval);
            if (bucket != null && bucket.openTime() < bucketOpen) {
                closeBucket(s, bucket, interval);
                bucket = null;
            }
            if (bucket == null) {
                if (closed.openTime() < s.bucketsClosedThrough.getOrDefault(interval, MinuteStream.NONE)) {
                    lateForLarger++;
                    continue;
                }
                bucket = new HigherBucket(interval, bucketOpen, covers(s, bucketOpen));
                s.buckets.put(interval, bucket);
            }
            bucket.add(closed);
        }
        checkBuckets(s);
        markDirty(s);
    }

    private static boolean covers(MinuteStream s, long bucketOpen) {
        return s.firstOpen != MinuteStream.NONE && s.firstOpen <= bucketOpen;
    }

    private void checkBuckets(MinuteStream s) {
        for (Interval interval : larger) {
            HigherBucket bucket = s.buckets.get(interval);
            if (bucket != null && bucket.endTime() <= s.completeThrough) {
                closeBucket(s, bucket, interval);
            }
        }
    }

    private void closeBucket(MinuteStream s, HigherBucket bucket, Interval interval) {
        s.buckets.remove(interval);
        s.bucketsClosedThrough.put(interval, bucket.endTime());
        if (!bucket.complete()) {
            partialSkipped++;
            return;
        }
        Candle candle = bucket.candle(null, true);
        if (candle != null) {
            sink.closed(candle);
            closedCandles++;
        }
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
