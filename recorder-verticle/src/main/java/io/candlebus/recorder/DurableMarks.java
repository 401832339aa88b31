package io.candlebus.recorder;

import io.candlebus.contract.Candle;
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
    private final Map<String, Long> newest = new HashMap<>();

    /** Notes that {@code candle} is durable. */
    void durable(Candle candle) {
        newest.merge(StreamOwners.streamKey(candle), candle.openTime(), Math::max);
    }

    /** Returns, per recorded stream that {@code self} owns among {@code live}, its newest durable open time. */
    Map<String, Long> owned(String self, Collection<String> live) {
        Map<String, Long> owned = new HashMap<>();
        newest.forEach((stream, openTime) -> {
            if (self.equals(StreamOwners.ownerOf(stream, live))) {
                owned.put(stream, openTime);
            }
        });
        return owned;
    }
}
