package io.candlebus.market.candle;

import io.candlebus.contract.Candle;
import io.candlebus.contract.StreamOwners;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's queue, cut into batches for the owners of the streams ({@link StreamOwners}): candles waiting,
 * and per stream which recorder holds its candles in flight. A stream whose owner changed while candles of it
 * were in flight to the old owner is held back until the old owner has answered for all of them: if it
 * acknowledged, they are recorded; if not, they are queued again and go to the new owner, which re-reads the
 * partition from disk before it writes. So two recorders never hold candles of one stream at once, which is
 * what keeps a key from being written twice. Plain logic, owned by one thread.
 */
final class OwnerBatches {
    /** One queued candle, its stream key, and whether it came from the spool. */
    record Item(Candle candle, StreamKey stream, boolean restored) {
        Item(Candle candle, boolean restored) {
            this(candle, new StreamKey(candle.instrument(), candle.interval()), restored);
        }
    }

    /** Candles for one recorder, sent as one request. */
    record Batch(String owner, List<Item> items) {}

    /** Which recorder holds a stream's candles in flight, and how many. */
    private static final class Route {
        final String recorder;
        int count;

        Route(String recorder) {
            this.recorder = recorder;
        }
    }

    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final Map<StreamKey, Route> routes = new HashMap<>();
    private int inFlight;

    /** Queues a new candle last. */
    void add(Item item) {
        queue.addLast(item);
    }

    /** Queues candles first, in their order (restored ones, or a batch to send again). */
    void addFirst(List<Item> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            queue.addFirst(items.get(i));
        }
    }

    /**
     * Takes the queued candles that may go now, in queue order, into batches of at most {@code maxBatch} per
     * owner among {@code live}, until {@code maxInFlight} candles are in flight; marks them in flight. Candles of
     * a held stream stay queued, in place.
     */
    List<Batch> take(Collection<String> live, int maxInFlight, int maxBatch) {
        List<Batch> out = new ArrayList<>();
        if (live.isEmpty()) {
            return out;
        }
        // The owner of each stream once per call: the rule hashes the stream's text key.
        Map<StreamKey, String> owners = new HashMap<>();
        Map<String, List<Item>> open = new LinkedHashMap<>();
        Iterator<Item> it = queue.iterator();
        while (it.hasNext() && inFlight < maxInFlight) {
            Item item = it.next();
            String owner = owners.computeIfAbsent(
                    item.stream(),
                    s -> StreamOwners.ownerOf(StreamOwners.streamKey(s.instrument(), s.interval()), live));
            Route route = routes.get(item.stream());
            if (route != null && !route.recorder.equals(owner)) {
                continue;
            }
            it.remove();
            routes.computeIfAbsent(item.stream(), s -> new Route(owner)).count++;
            inFlight++;
            List<Item> batch = open.computeIfAbsent(owner, o -> new ArrayList<>());
            batch.add(item);
            if (batch.size() >= maxBatch) {
                out.add(new Batch(owner, List.copyOf(batch)));
                open.remove(owner);
            }
        }
        open.forEach((owner, items) -> out.add(new Batch(owner, List.copyOf(items))));
        return out;
    }

    /** Notes that {@code batch} is answered (acknowledged or not): its streams are no longer held by its owner. */
    void settled(Batch batch) {
        for (Item item : batch.items()) {
            Route route = routes.get(item.stream());
            if (route != null && --route.count == 0) {
                routes.remove(item.stream());
            }
            inFlight--;
        }
    }

    /** Returns the candles queued. */
    int queued() {
        return queue.size();
    }

    /** Returns the candles in flight. */
    int inFlight() {
        return inFlight;
    }

    /** Empties the queue, returning what it held in order, and forgets what is in flight. */
    List<Item> clear() {
        List<Item> left = new ArrayList<>(queue);
        queue.clear();
        routes.clear();
        inFlight = 0;
        return left;
    }
}
