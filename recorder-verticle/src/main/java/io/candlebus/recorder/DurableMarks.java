package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.StreamOwners;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Per stream a recorder has recorded, the open time of its newest candle held durably (in a renamed file, or
 * found recorded already), for its presence: the streams it owns now and how far each is on disk. Owned by the
 * verticle's thread.
 */
final class DurableMarks {
    private static final Interval[] INTERVALS = Interval.values();
    private static final long NONE = Long.MIN_VALUE;

    /**
     * Per instrument, the newest durable open time per interval ordinal ({@link #NONE} for none): called for every
     * candle written, so it neither allocates nor boxes per candle.
     */
    private final Map<Instrument, long[]> newest = new HashMap<>();

    /** Notes that {@code candle} is durable. */
    void durable(Candle candle) {
        long[] times = newest.get(candle.instrument());
        if (times == null) {
            times = new long[INTERVALS.length];
            Arrays.fill(times, NONE);
            newest.put(candle.instrument(), times);
        }
        int i = candle.interval().ordinal();
        times[i] = Math.max(times[i], candle.openTime());
    }

    /** Returns, per recorded stream that {@code self} owns among {@code live}, its newest durable open time. */
    Map<String, Long> owned(String self, Collection<String> live) {
        Map<String, Long> owned = new HashMap<>();
        newest.forEach((instrument, times) -> {
            for (Interval interval : INTERVALS) {
                long openTime = times[interval.ordinal()];
                if (openTime == NONE) {
                    continue;
                }
                String key = StreamOwners.streamKey(instrument, interval);
                if (self.equals(StreamOwners.ownerOf(key, live))) {
                    owned.put(key, openTime);
                }
            }
        });
        return owned;
    }
}
