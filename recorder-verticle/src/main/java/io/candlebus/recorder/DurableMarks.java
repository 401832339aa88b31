package io.candlebus.recorder;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.StreamOwners;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Per stream a recorder has recorded, the open time of its newest candle held durably (in a renamed file, or
 * found recorded already), for its presence: the streams it owns now and how far each is on disk. Owned by the
 * verticle's thread.
 */
final class DurableMarks {
    /** One stream; no text is built per candle. */
    private record Stream(Instrument instrument, Interval interval) {}

    private final Map<Stream, Long> newest = new HashMap<>();

    /** Notes that {@code candle} is durable. */
    void durable(Candle candle) {
        newest.merge(new Stream(candle.instrument(), candle.interval()), candle.openTime(), Math::max);
    }

    /** Returns, per recorded stream that {@code self} owns among {@code live}, its newest durable open time. */
    Map<String, Long> owned(String self, Collection<String> live) {
        Map<String, Long> owned = new HashMap<>();
        newest.forEach((stream, openTime) -> {
            String key = StreamOwners.streamKey(stream.instrument(), stream.interval());
            if (self.equals(StreamOwners.ownerOf(key, live))) {
                owned.put(key, openTime);
            }
        });
        return owned;
    }
}
