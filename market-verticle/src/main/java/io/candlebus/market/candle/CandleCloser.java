package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Interval;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Closes the candles of a {@link CandleAggregator}: a trade-built minute once its feed's trades or the clock
 * prove it over, the minutes without a trade as flat candles ({@link QuietMinutes}), and the buckets of the
 * larger intervals once the 1m stream is complete through their end. It exists so the aggregator itself
 * only routes its inputs to streams; everything published goes through here, counted.
 */
final class CandleCloser {
    /** The larger intervals, ascending. */
    private final List<Interval> larger;

    private final CandleAggregator.Sink sink;
    /** Told of every stream whose candles in progress changed. */
    private final Consumer<MinuteStream> changed;

    private long closedCandles;
    private long partialSkipped;
    private long lateForLarger;
    private long quietMinutes;

    CandleCloser(List<Interval> larger, CandleAggregator.Sink sink, Consumer<MinuteStream> changed) {
        this.larger = larger;
        this.sink = sink;
        this.changed = changed;
    }

    /** Puts the closing counters into {@code c}. */
    void exportTo(Map<String, Long> c) {
        c.put("closedCandles", closedCandles);
        c.put("partialSkipped", partialSkipped);
        c.put("lateForLarger", lateForLarger);
        c.put("quietMinutes", quietMinutes);
    }

    /** The feed's trades reached {@code watermark}: its streams close what ended before it. */
    void advanceWatermark(TradeFeed feed, long watermark) {
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
    void advanceComplete(MinuteStream s, long through) {
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

    /** Publishes the trade-built minute of {@code s}. */
    void closeBuilding(MinuteStream s) {
        Candle candle = s.building.toCandle(s.instrument, true);
        s.building = null;
        publishMinute(s, candle);
    }

    /** Publishes a closed 1m candle of {@code s} and adds it to the buckets of the larger intervals. */
    void publishMinute(MinuteStream s, Candle candle) {
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
        changed.accept(s);
    }

    /** Returns whether the 1m stream of {@code s} covers the bucket opening at {@code bucketOpen} from its start. */
    static boolean covers(MinuteStream s, long bucketOpen) {
        return s.firstOpen != MinuteStream.NONE && s.firstOpen <= bucketOpen;
    }

    /** Closes the buckets the 1m stream of {@code s} is complete through. */
    void checkBuckets(MinuteStream s) {
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
}
