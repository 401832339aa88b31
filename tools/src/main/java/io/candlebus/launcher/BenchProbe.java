package io.candlebus.launcher;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Bands;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.HdrHistogram.Histogram;

/**
 * The bench's observer, a reader of the node's addresses like any other: it keeps the last {@code candles.live} and
 * {@code candles.closed} candle of each stream, and for every band on {@code bands} traces the newest message its
 * candle holds ({@link BenchStream#newest}), or for a closed candle the message that closed it, and records the time
 * from that message's injection to the band. It also
 * keeps the last heartbeat of each feed (its state and counters). Bands of candles holding no bench message (REST
 * history, minutes without trades) count as history bands.
 */
final class BenchProbe extends VerticleBase {
    private static final long MAX_NANOS = 60_000_000_000L;
    /** Candles of one stream kept waiting for their band at most (a band never lags further behind). */
    private static final int MAX_PENDING = 4_096;

    /** What the probe saw, copied on its event loop. */
    record Seen(
            Histogram latency,
            Histogram liveLatency,
            Histogram closedLatency,
            long liveBands,
            long closedBands,
            long historyBands,
            long untraced) {}

    private record Key(Instrument instrument, Interval interval, boolean closed) {}

    private record Arrived(Bands bands, long nanos) {}

    private final BenchStream stream;
    private final long[] injected;
    private final int[] shardOfCode;
    private final List<String> feedComponents;
    private final Map<Key, ArrayDeque<Candle>> pending = new HashMap<>();
    /** Bands that came before their candle, which the shard had handed to the strategy first. */
    private final Map<Key, ArrayDeque<Arrived>> earlyBands = new HashMap<>();

    private final Histogram latency = new Histogram(MAX_NANOS, 3);
    private final Histogram liveLatency = new Histogram(MAX_NANOS, 3);
    private final Histogram closedLatency = new Histogram(MAX_NANOS, 3);
    private final AtomicIntegerArray reflected;
    private final Map<String, Heartbeat> feedHeartbeats = new ConcurrentHashMap<>();
    private long liveBands;
    private long closedBands;
    private long historyBands;
    private long untraced;
    private volatile long bandNanos;

    /**
     * {@code shardOfCode[c]} is the candle shard of market {@code c}; {@code injected[i]} is written by the driver
     * before message {@code i} is handed to the feed.
     */
    BenchProbe(BenchStream stream, long[] injected, int[] shardOfCode, List<String> feedComponents) {
        this.stream = stream;
        this.shardOfCode = shardOfCode.clone();
        this.injected = injected;
        this.feedComponents = List.copyOf(feedComponents);
        this.reflected = new AtomicIntegerArray(Math.max(1, stream.codes().size()));
        for (int c = 0; c < reflected.length(); c++) {
            reflected.set(c, -1);
        }
    }

    @Override
    public Future<?> start() {
        return Future.all(
                vertx.eventBus()
                        .<Candle>localConsumer(Addresses.CANDLES_LIVE, this::onCandle)
                        .completion(),
                vertx.eventBus()
                        .<Candle>localConsumer(Addresses.CANDLES_CLOSED, this::onCandle)
                        .completion(),
                vertx.eventBus()
                        .<Bands>localConsumer(Addresses.BANDS, this::onBands)
                        .completion(),
                vertx.eventBus()
                        .<Heartbeat>localConsumer(Addresses.STATUS_HEARTBEAT, this::onHeartbeat)
                        .completion());
    }

    /** Returns the newest message of market {@code c} seen in a band, -1 if none yet (any thread). */
    int reflected(int c) {
        return reflected.get(c);
    }

    /** Returns when the last band traced to a message arrived ({@link System#nanoTime()}). */
    long lastBandNanos() {
        return bandNanos;
    }

    /** Returns the last heartbeat of every feed, in the order of their components, null for one not heard (any thread). */
    List<Heartbeat> feedHeartbeats() {
        List<Heartbeat> out = new ArrayList<>();
        for (String component : feedComponents) {
            out.add(feedHeartbeats.get(component));
        }
        return out;
    }

    /** Copies what the probe saw, on its event loop. */
    Future<Seen> seen() {
        Context probe = context;
        Promise<Seen> promise = Promise.promise();
        probe.runOnContext(v -> promise.complete(new Seen(
                latency.copy(),
                liveLatency.copy(),
                closedLatency.copy(),
                liveBands,
                closedBands,
                historyBands,
                untraced)));
        return promise.future();
    }

    private void onCandle(Message<Candle> message) {
        Candle c = message.body();
        Key key = new Key(c.instrument(), c.interval(), c.closed());
        ArrayDeque<Arrived> early = earlyBands.get(key);
        if (early != null && !early.isEmpty() && matches(c, early.peekFirst().bands())) {
            // The band overtook its candle: the shard handed the candle to the strategy before it handed it here.
            Arrived band = early.pollFirst();
            pending.getOrDefault(key, new ArrayDeque<>()).clear();
            trace(band.bands(), c, band.nanos());
            return;
        }
        ArrayDeque<Candle> queue = pending.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (queue.size() == MAX_PENDING) {
            queue.removeFirst();
        }
        queue.addLast(c);
    }

    private void onBands(Message<Bands> message) {
        Bands b = message.body();
        long now = System.nanoTime();
        Key key = new Key(b.instrument(), b.interval(), b.closed());
        ArrayDeque<Candle> queue = pending.get(key);
        // The strategy takes candles in order and gives at most one band each: the band's candle is the first one
        // waiting of the same open time and close; those before it gave none.
        if (queue != null) {
            for (Candle c : queue) {
                if (matches(c, b)) {
                    while (queue.pollFirst() != c) {
                        // dropped: candles that gave no band
                    }
                    trace(b, c, now);
                    return;
                }
            }
        }
        ArrayDeque<Arrived> early = earlyBands.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (early.size() == MAX_PENDING) {
            early.removeFirst();
            historyBands++;
        }
        early.addLast(new Arrived(b, now));
    }

    private static boolean matches(Candle c, Bands b) {
        return c.openTime() == b.openTime() && c.close().doubleValue() == b.close();
    }

    private void trace(Bands b, Candle candle, long now) {
        int c = stream.codeOf(b.instrument().symbol());
        int newest = c < 0
                ? -1
                : stream.newest(
                        c,
                        b.interval(),
                        b.openTime(),
                        candle.tradeCount(),
                        candle.close().doubleValue());
        // A live candle is published with the newest message it holds; a closed one when its shard gets the first
        // trade of the feed past its end (the feed's trades come in time order): that message is the band's cause.
        int cause = newest >= 0 && b.closed()
                ? closer(newest, b.openTime() + b.interval().millis())
                : newest;
        if (cause < 0) {
            if (candle.tradeCount() > 0 && c >= 0) {
                untraced++;
            } else {
                historyBands++;
            }
            return;
        }
        long nanos = Math.max(0, Math.min(MAX_NANOS, now - injected[cause]));
        latency.recordValue(nanos);
        if (b.closed()) {
            closedBands++;
            closedLatency.recordValue(nanos);
        } else {
            liveBands++;
            liveLatency.recordValue(nanos);
        }
        if (cause > reflected.get(c)) {
            reflected.set(c, cause);
        }
        bandNanos = now;
    }

    /** Returns the first message after {@code newest} of a market of its shard at or past {@code end}, or -1. */
    private int closer(int newest, long end) {
        int shard = shardOfCode[stream.code(newest)];
        for (int i = newest + 1; i < stream.size(); i++) {
            int c = stream.code(i);
            if (c >= 0 && shardOfCode[c] == shard && stream.time(i) >= end) {
                return i;
            }
        }
        return -1;
    }

    private void onHeartbeat(Message<Heartbeat> message) {
        if (feedComponents.contains(message.body().component())) {
            feedHeartbeats.put(message.body().component(), message.body());
        }
    }
}
