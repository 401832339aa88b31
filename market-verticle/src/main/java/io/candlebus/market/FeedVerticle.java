package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.FeedRepair;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.market.lease.FeedLeaseGate;
import io.candlebus.market.venue.TradeStreamFeed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one venue feed on its own event loop: the feed calls its {@link FeedSink}, a {@link FeedEventSink} that
 * numbers each event and sends it to the candle shard of its instrument. Every tick it tells each shard how long its
 * connection is known alive ({@link io.candlebus.contract.FeedEvent.Alive}). It serves its own subscriptions on
 * {@code market.feed.<feed>.control} (the subscription owner dispatches to it) and repair requests of candle shards
 * on {@code market.feed.<feed>.repair}, and publishes its heartbeat under the feed's component name.
 *
 * <p>In a cluster the feed runs only while this node holds its venue market's lease ({@link FeedLeaseGate}):
 * standing by, it sends nothing (no follow, no liveness: a second epoch of the same feed would look like a restart
 * to the shards) and serves neither address, so subscription changes and repairs reach the holder. A lost lease
 * stops the feed and stands by with a fresh one under a new epoch.
 */
public final class FeedVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);
    private static final SecureRandom EPOCHS = new SecureRandom();

    private final MarketConfig config;
    private final Clock clock;
    private final Venues.Venue venue;
    private final Market market;
    private final FeedPart part;
    private final FeedParts parts;
    private final String node;
    private final String feedId;
    private final int shards;
    /** Clients given by the deployer, shared with the other feeds; null: this verticle makes and closes its own. */
    private final FeedClients shared;

    private FeedClients clients;
    private FeedEventSink sink;
    private Feed feed;
    private HeartbeatTimer heartbeat;
    private FeedLeaseGate leases;
    private final List<MessageConsumer<Object>> served = new ArrayList<>();
    private long tickTimer = -1;
    private long repairsServed;

    /** The feed verticle of one venue market of {@code venue} (a {@link Venues} row), the whole of its codes. */
    public FeedVerticle(MarketConfig config, Clock clock, String node, Venues.Venue venue, Market market) {
        this(config, clock, node, venue, market, FeedPart.WHOLE);
    }

    /** The feed verticle of part {@code part} of the codes of one venue market of {@code venue}. */
    public FeedVerticle(
            MarketConfig config, Clock clock, String node, Venues.Venue venue, Market market, FeedPart part) {
        this(config, clock, node, venue, market, part, null);
    }

    /**
     * The feed verticle of part {@code part} of the codes of one venue market, using {@code clients} (the deployer's,
     * which it closes; null: its own).
     */
    public FeedVerticle(
            MarketConfig config,
            Clock clock,
            String node,
            Venues.Venue venue,
            Market market,
            FeedPart part,
            FeedClients clients) {
        this.shared = clients;
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.venue = venue;
        this.market = market;
        this.part = part;
        this.parts = FeedParts.of(config);
        if (part.count() != parts.count(venue.exchange())) {
            throw new IllegalArgumentException("feed part: expected one of " + parts.count(venue.exchange())
                    + " parts of " + venue.exchange().wireName() + " (market.feedConnections), was " + part);
        }
        this.feedId = FeedParts.feedId(venue.exchange(), market, part);
        this.shards = config.effectiveCandleShards();
    }

    /** Creates the feed, on this verticle's context, from the venue's registration row. */
    private Feed newFeed(WebSocketClient ws, RestClient rest, FeedSink sink) {
        return venue.feed().create(vertx, ws, rest, clock, config, market, sink, part);
    }

    /** Returns the feed id, e.g. {@code binance.spot}, {@code bithumb.spot#1}. */
    public String feedId() {
        return feedId;
    }

    /**
     * Handles one websocket message as the connection's frame handler does; call it on {@link #context()}. The bench
     * enters here, so that it measures the very path of a frame in a node. Only a trade-stream feed (Bithumb, Upbit:
     * one connection) has a single frame handler to stand in for.
     */
    public void onFrame(byte[] utf8) {
        if (!(feed instanceof TradeStreamFeed trades)) {
            throw new IllegalStateException("onFrame: expected a trade-stream feed (Bithumb, Upbit), was " + feedId);
        }
        trades.onFrame(utf8);
    }

    /** Returns the context this verticle runs on, for a caller outside it to run {@link #onFrame} there. */
    public Context context() {
        return context;
    }

    /** Returns the sink the feed calls; tests read the epoch. */
    public FeedEventSink sink() {
        return sink;
    }

    @Override
    public Future<?> start() {
        clients = shared != null ? shared : FeedClients.create(vertx);
        sink = newSink();
        feed = newFeed(clients.ws(), new RestClient(clients.web()), sink);
        for (Instrument instrument : config.instruments()) {
            if (parts.feedId(instrument).equals(feedId)) {
                feed.add(instrument);
            }
        }
        leases = FeedLeaseGate.forNode(vertx, node, this::replaceFeed);
        heartbeat = new HeartbeatTimer(vertx, feed.component(), clock, this::heartbeat);
        tickTimer = vertx.setPeriodic(config.tickMillis(), id -> onTick());
        heartbeat.start();
        return leases.start(List.of(feed), this::startFeed)
                .onSuccess(v -> LOG.info(
                        "feed {} deployed on {} ({} candle shards{})",
                        feedId,
                        node,
                        shards,
                        vertx.isClustered() ? ", runs while this node holds its lease" : ""));
    }

    /**
     * The feed's heartbeat: its own while this node holds the lease (with the sink's counters and the repairs served),
     * a standby's otherwise.
     */
    private Heartbeat heartbeat(long now) {
        Heartbeat h = leases.heartbeat(feed, now);
        if (!leases.active(feed)) {
            return h;
        }
        Map<String, Long> c = new TreeMap<>(h.counters());
        c.putAll(sink.counters());
        c.put("repairsServed", repairsServed);
        return new Heartbeat(h.node(), h.component(), h.state(), c, h.lastEventTime(), h.time(), h.streams());
    }

    private FeedEventSink newSink() {
        return new FeedEventSink(vertx.eventBus(), context, feedId, EPOCHS.nextLong() & Long.MAX_VALUE, shards);
    }

    /** Announces the feed's instruments to their shards under the sink's epoch, serves the feed's addresses, runs. */
    private void startFeed(Feed started) {
        for (Instrument instrument : started.instruments()) {
            sink.follow(instrument);
        }
        served.add(vertx.eventBus().consumer(Addresses.marketFeedControl(feedId), this::onControl));
        served.add(vertx.eventBus().consumer(Addresses.marketFeedRepair(feedId), this::onRepair));
        started.start();
        LOG.info("feed {} started on {} (epoch {}, {} candle shards)", feedId, node, sink.epoch(), shards);
    }

    /**
     * A fresh, unstarted feed (and sink, so a new epoch) in place of one stopped because its lease was lost; it
     * stands by until the lease comes back.
     */
    private Feed replaceFeed(Feed stopped) {
        served.forEach(MessageConsumer::unregister);
        served.clear();
        sink.close();
        sink = newSink();
        Feed fresh = newFeed(clients.ws(), new RestClient(clients.web()), sink);
        stopped.instruments().forEach(fresh::add);
        feed = fresh;
        return fresh;
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(tickTimer);
        heartbeat.stop();
        return Future.join(leases.stop(), feed.stop())
                .eventually(() -> shared != null ? Future.succeededFuture() : clients.close());
    }

    private void onTick() {
        if (!leases.active(feed)) {
            return;
        }
        long now = clock.millis();
        sink.alive(feed.aliveUntil(), now);
        feed.tick(now);
    }

    // ---- subscriptions of this feed (the subscription owner checks the venue market and the node's cap) ----

    private void onControl(Message<Object> message) {
        if (!(message.body() instanceof SubscriptionCommand command)) {
            message.fail(
                    FailureCode.INVALID.code(),
                    Addresses.marketFeedControl(feedId) + ": expected a SubscriptionCommand, was "
                            + (message.body() == null
                                    ? "null"
                                    : message.body().getClass().getSimpleName()));
            return;
        }
        Instrument instrument = command.instrument();
        switch (command.action()) {
            case ADD -> add(message, instrument);
            case REMOVE -> {
                if (!feed.instruments().contains(instrument)) {
                    message.fail(
                            FailureCode.NOT_FOUND.code(),
                            "control.subscriptions: expected a followed instrument, was '" + instrument.key() + "'");
                    return;
                }
                LOG.info("removing {}", instrument);
                feed.remove(instrument);
                sink.unfollow(instrument);
                message.reply(list());
            }
            default -> message.reply(list());
        }
    }

    /** Follows {@code instrument} unless the venue does not list it (refused as REJECTED naming it). */
    private void add(Message<Object> message, Instrument instrument) {
        if (!parts.feedId(instrument).equals(feedId)) {
            message.fail(
                    FailureCode.INVALID.code(),
                    "control.subscriptions: expected an instrument of " + feedId + ", was '" + instrument.key() + "'");
            return;
        }
        if (feed.instruments().contains(instrument)) {
            message.reply(list());
            return;
        }
        feed.check(instrument).onComplete(ar -> {
            if (ar.succeeded() && ar.result() == SymbolDirectory.Verdict.UNKNOWN) {
                message.fail(
                        FailureCode.REJECTED.code(),
                        "control.subscriptions: refused '" + instrument.key() + "': the venue does not list symbol '"
                                + instrument.symbol() + "'");
                return;
            }
            if (!feed.instruments().contains(instrument)) {
                LOG.info("adding {}", instrument);
                sink.follow(instrument);
                feed.add(instrument);
            }
            message.reply(list());
        });
    }

    private SubscriptionList list() {
        return new SubscriptionList(new ArrayList<>(feed.instruments()));
    }

    // ---- repairs asked by candle shards ----

    private void onRepair(Message<Object> message) {
        if (!(message.body() instanceof FeedRepair repair)) {
            message.fail(
                    FailureCode.INVALID.code(),
                    Addresses.marketFeedRepair(feedId) + ": expected a FeedRepair, was "
                            + (message.body() == null
                                    ? "null"
                                    : message.body().getClass().getSimpleName()));
            return;
        }
        if (repair.shards() != shards) {
            LOG.error(
                    "feed {}: candle shard {} counts {} shards, this feed routes by {}: market.candleShards must"
                            + " resolve to the same number on every node running feeds or candles",
                    feedId,
                    repair.shard(),
                    repair.shards(),
                    shards);
        }
        Map<Instrument, Long> from = new TreeMap<>();
        for (Instrument i : feed.instruments()) {
            if (sink.shardOf(i) == repair.shard()) {
                from.put(i, repair.fromOpenTime().getOrDefault(i.key(), Long.MIN_VALUE));
            }
        }
        repairsServed++;
        // In-band first: everything after this marker in the shard's sequence belongs to the re-cover. The shard's
        // instruments are announced again, in case what was lost was their Follow (a shard that registered after
        // this feed started).
        sink.repairStart(repair.shard(), repair.token());
        from.keySet().forEach(sink::follow);
        feed.recover(from);
        message.reply(null);
    }
}
