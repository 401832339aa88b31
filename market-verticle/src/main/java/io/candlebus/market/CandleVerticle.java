package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.FeedEvent;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Trade;
import io.candlebus.market.candle.CandleAggregator;
import io.candlebus.market.candle.LiveThrottle;
import io.candlebus.market.candle.OutboxSpool;
import io.candlebus.market.candle.RecorderOutbox;
import io.candlebus.market.candle.SequenceTracker;
import io.candlebus.market.candle.ShardRepairs;
import io.candlebus.market.candle.StreamKey;
import io.candlebus.market.lease.TakeoverMarks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One candle shard: aggregates the instruments {@link FeedShards#shardOf} gives it, on its own event loop. It
 * takes every feed's numbered {@link FeedEvent}s for its shard ({@code market.feed.<feed>.<shard>}), publishes
 * {@code candles.live} and {@code candles.closed}, and hands every closed candle to a recorder through its own
 * {@link RecorderOutbox}.
 *
 * <p>A hole in a feed's sequence (an event lost or reordered on the bus, or a feed first heard mid-sequence) puts
 * the feed's instruments of this shard in doubt: trade-built ones are suspended, the feed's events for them are
 * dropped until the feed starts the repair this shard asks for ({@link FeedRepair}, answered in-band by {@link
 * FeedEvent.RepairStart}), which re-covers them from REST as after a reconnect ({@link ShardRepairs}). No candle is
 * closed from a sequence known to have a hole (ADR 0005).
 */
public final class CandleVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CandleVerticle.class);
    private static final String COMPONENT = "market.aggregator";
    /** Real time a stop waits at most for recorders to acknowledge the candles in flight. */
    private static final long STOP_SETTLE_MILLIS = 3_000;

    private final MarketConfig config;
    private final Clock clock;
    private final String node;
    private final int shard;
    private final int shards;
    private final Path spoolDir;
    private final List<String> feedIds;
    private final boolean localFeeds;
    /** What other nodes already published (a takeover's warm-up must not publish it again); clustered only. */
    private final FeedParts parts;

    private final TakeoverMarks marks;

    private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
    /** Feeds whose liveness the aggregator knows (unheard ones start as not alive, never as unlimited). */
    private final Set<String> aliveKnown = new HashSet<>();
    /** Instruments already reported as not this shard's, so the log says it once each. */
    private final Set<Instrument> strays = new HashSet<>();
    /** Feeds whose shard count was already reported as different, by feed and epoch. */
    private final Set<String> mismatched = new HashSet<>();

    private CandleAggregator aggregator;
    private LiveThrottle throttle;
    private RecorderOutbox outbox;
    private BadInputCounter busInput;
    private HeartbeatTimer heartbeat;
    private ShardRepairs repairs;
    private long tickTimer = -1;
    private long lastEvent;
    /** The latest clock time a feed reported: with feeds on another node, their clock drives the closing. */
    private long feedNow = Long.MIN_VALUE;

    private long wrongShard;
    private long shardMismatch;

    /**
     * Shard {@code shard} of {@code shards}, taking events of the feeds {@code feedIds}; unacknowledged closed
     * candles are kept in {@code spoolDir} at a stop (null: nowhere).
     */
    public CandleVerticle(
            MarketConfig config, Clock clock, String node, int shard, int shards, Path spoolDir, List<String> feedIds) {
        this(config, clock, node, shard, shards, spoolDir, feedIds, false);
    }

    /**
     * As above; {@code localFeeds}: take only the events of this node's feeds (a {@code market} node, which runs
     * both halves: several such nodes in a cluster must not split one shard's events between them), else of
     * whichever node runs the feed (a {@code candles} node).
     */
    public CandleVerticle(
            MarketConfig config,
            Clock clock,
            String node,
            int shard,
            int shards,
            Path spoolDir,
            List<String> feedIds,
            boolean localFeeds) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard: expected 0 <= shard < " + shards + ", was " + shard);
        }
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.shard = shard;
        this.shards = shards;
        this.spoolDir = spoolDir;
        this.feedIds = List.copyOf(feedIds);
        this.localFeeds = localFeeds;
        this.parts = FeedParts.of(config);
        this.marks = new TakeoverMarks(parts::feedKey);
    }

    /** Returns the heartbeat component of shard {@code shard}, {@code market.aggregator.<shard>}. */
    public static String component(int shard) {
        return COMPONENT + "." + shard;
    }

    @Override
    public Future<?> start() {
        busInput = new BadInputCounter(LOG, component(shard));
        outbox = new RecorderOutbox(
                vertx,
                config.recorderTimeoutMillis(),
                config.recorderOutboxCapacity(),
                new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()),
                spoolDir == null ? null : new OutboxSpool(spoolDir));
        aggregator = new CandleAggregator(
                config.intervals(),
                config.closeGraceMillis(),
                config.stallTimeoutMillis(),
                this::onClosed,
                parts::feedKey);
        throttle = new LiveThrottle(config.liveThrottleMillis());
        repairs = new ShardRepairs(
                shard,
                shards,
                aggregator,
                parts::feedId,
                new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()),
                ShardRepairs.Link.of(vertx, config.recorderTimeoutMillis()));
        heartbeat = new HeartbeatTimer(vertx, node, component(shard), clock, new HeartbeatTimer.Source() {
            @Override
            public String state() {
                return repairs.isEmpty() ? "live" : "repairing";
            }

            @Override
            public Map<String, Long> counters() {
                return CandleVerticle.this.counters();
            }

            @Override
            public long lastEventTime() {
                return lastEvent;
            }
        });
        List<Future<Void>> registered = new ArrayList<>();
        for (String feed : feedIds) {
            String address = Addresses.marketFeed(feed, shard);
            MessageConsumer<Object> consumer = localFeeds
                    ? vertx.eventBus().localConsumer(address, this::onMessage)
                    : vertx.eventBus().consumer(address, this::onMessage);
            consumers.add(consumer);
            registered.add(consumer.completion());
        }
        if (vertx.isClustered()) {
            MessageConsumer<Object> heard = vertx.eventBus().consumer(Addresses.CANDLES_CLOSED, m -> {
                if (m.body() instanceof Candle c && FeedShards.shardOf(c.instrument(), shards) == shard) {
                    marks.heard(c);
                }
            });
            consumers.add(heard);
            registered.add(heard.completion());
        }
        return Future.all(registered).compose(v -> outbox.restore()).onSuccess(v -> {
            tickTimer = vertx.setPeriodic(config.tickMillis(), id -> onTick());
            heartbeat.start();
            LOG.info("candle shard {} of {} started on {}", shard, shards, node);
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(tickTimer);
        heartbeat.stop();
        repairs.cancelTimers();
        // No candle closes from here on; the recorders (undeployed after the market) get a moment to acknowledge
        // what is in flight, and what they have not acknowledged by then is kept for the next start.
        List<Future<Void>> unregistered = new ArrayList<>();
        consumers.forEach(c -> unregistered.add(c.unregister()));
        return Future.join(unregistered)
                .eventually(() -> outbox.settle(Math.min(config.recorderTimeoutMillis(), STOP_SETTLE_MILLIS)))
                .eventually(() -> outbox.keep());
    }

    private void onMessage(Message<Object> message) {
        if (!(message.body() instanceof FeedEvent event)) {
            busInput.record(
                    new BadInputException("wrong-type", "market.feed: expected a FeedEvent"),
                    String.valueOf(message.body()));
            return;
        }
        SequenceTracker.Verdict verdict = repairs.check(event);
        if (verdict == SequenceTracker.Verdict.LATE) {
            return;
        }
        if (verdict == SequenceTracker.Verdict.FRESH) {
            // In a cluster a feed's fresh start may be a takeover: what was published before is not published again.
            marks.gained(Set.of(FeedParts.feedKey(event.feed())));
        }
        if (aliveKnown.add(event.feed())) {
            aggregator.alive(FeedParts.feedKey(event.feed()), Long.MIN_VALUE);
        }
        apply(event);
    }

    private void apply(FeedEvent event) {
        if (event instanceof FeedEvent.Trades t) {
            if (!repairs.drops(event.feed())) {
                lastEvent = clock.millis();
                for (Trade trade : t.trades()) {
                    if (owns(trade.instrument())) {
                        aggregator.onTrade(trade);
                    }
                }
            }
        } else if (event instanceof FeedEvent.KlineEvent k) {
            if (owns(k.kline().instrument()) && !repairs.drops(event.feed())) {
                lastEvent = clock.millis();
                aggregator.onKline(k.kline());
            }
        } else if (event instanceof FeedEvent.Alive a) {
            checkShards(a);
            feedNow = Math.max(feedNow, a.now());
            if (!repairs.drops(event.feed())) {
                aggregator.alive(FeedParts.feedKey(a.feed()), a.aliveUntil());
            }
        } else if (event instanceof FeedEvent.Suspend s) {
            if (owns(s.instrument())) {
                aggregator.suspend(s.instrument());
            }
        } else if (event instanceof FeedEvent.Cover c) {
            if (owns(c.instrument())) {
                aggregator.cover(c.instrument(), c.fromOpenTime());
            }
        } else if (event instanceof FeedEvent.Resume r) {
            if (owns(r.instrument()) && !repairs.drops(event.feed())) {
                aggregator.resume(r.instrument(), r.liveFrom());
            }
            // The trades a feed held back until this resume follow it, each its own message: this shard's tick may
            // run between them, and the feed's last Alive counted them as heard. Until the feed's next Alive (sent
            // after them) nothing of the feed is closed by the clock, or a minute would close without them.
            aggregator.alive(FeedParts.feedKey(r.feed()), Long.MIN_VALUE);
        } else if (event instanceof FeedEvent.Follow f) {
            if (owns(f.instrument())) {
                aggregator.add(f.instrument());
            }
        } else if (event instanceof FeedEvent.Unfollow u) {
            if (owns(u.instrument())) {
                aggregator.remove(u.instrument());
            }
        } else if (event instanceof FeedEvent.RepairStart start) {
            repairs.started(start.feed(), start.token());
        }
    }

    private boolean owns(Instrument instrument) {
        if (FeedShards.shardOf(instrument, shards) == shard) {
            return true;
        }
        wrongShard++;
        if (strays.add(instrument)) {
            LOG.error(
                    "candle shard {} of {} got events of {}, which belongs to shard {}: the feed routes by another"
                            + " market.candleShards; every node running feeds or candles must set the same",
                    shard,
                    shards,
                    instrument,
                    FeedShards.shardOf(instrument, shards));
        }
        return false;
    }

    private void checkShards(FeedEvent.Alive alive) {
        if (alive.shards() != shards) {
            shardMismatch++;
            if (mismatched.add(alive.feed() + "/" + alive.epoch())) {
                LOG.error(
                        "feed {} routes by {} candle shards, this node runs {}: market.candleShards must resolve to"
                                + " the same number on every node running feeds or candles",
                        alive.feed(),
                        alive.shards(),
                        shards);
            }
        }
    }

    private void onClosed(Candle candle) {
        if (marks.publishes(candle)) {
            vertx.eventBus().publish(Addresses.CANDLES_CLOSED, candle);
        }
        // Always to the recorders: they skip the keys they hold.
        outbox.offer(candle);
    }

    private void onTick() {
        aggregator.onTick(Math.max(clock.millis(), feedNow));
        long nanos = System.nanoTime();
        for (Candle live : aggregator.drainLive(key -> throttle.due(key, nanos))) {
            throttle.sent(new StreamKey(live.instrument(), live.interval()), nanos);
            vertx.eventBus().publish(Addresses.CANDLES_LIVE, live);
        }
    }

    private Map<String, Long> counters() {
        Map<String, Long> c = new TreeMap<>(aggregator.counters());
        c.putAll(outbox.counters());
        busInput.exportTo(c);
        repairs.exportTo(c);
        c.put("wrongShard", wrongShard);
        c.put("shardMismatch", shardMismatch);
        c.put(
                "takeoverSuppressed",
                marks.suppressed(feedIds.stream().map(FeedParts::feedKey).collect(Collectors.toSet())));
        return c;
    }
}
