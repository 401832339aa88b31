package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.FeedRepair;
import io.candlebus.contract.FeedShards;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
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
 */
public abstract class FeedVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(FeedVerticle.class);
    private static final SecureRandom EPOCHS = new SecureRandom();

    protected final MarketConfig config;
    protected final Clock clock;
    private final String node;
    private final String feedId;
    private final int shards;
    private WebClient webClient;
    private WebSocketClient wsClient;
    private FeedEventSink sink;
    private Feed feed;
    private HeartbeatTimer heartbeat;
    private long tickTimer = -1;
    private long repairsServed;

    protected FeedVerticle(MarketConfig config, Clock clock, String node, String feedId) {
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.feedId = feedId;
        this.shards = config.effectiveCandleShards();
    }

    /** Creates the feed, on this verticle's context. */
    protected abstract Feed newFeed(WebSocketClient ws, RestClient rest, FeedSink sink);

    /** Returns the feed id, e.g. {@code binance.spot}. */
    public String feedId() {
        return feedId;
    }

    /** Returns the sink the feed calls; tests read the epoch. */
    public FeedEventSink sink() {
        return sink;
    }

    @Override
    public Future<?> start() {
        webClient = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("candlebus"));
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(4 << 20)
                .setMaxFrameSize(1 << 20)
                .setConnectTimeout(10_000));
        sink = new FeedEventSink(vertx.eventBus(), feedId, EPOCHS.nextLong() & Long.MAX_VALUE, shards);
        feed = newFeed(wsClient, new RestClient(webClient), sink);
        for (Instrument instrument : config.instruments()) {
            if (FeedShards.feedId(instrument).equals(feedId)) {
                sink.follow(instrument);
                feed.add(instrument);
            }
        }
        heartbeat = new HeartbeatTimer(vertx, node, feed.component(), clock, new HeartbeatTimer.Source() {
            @Override
            public String state() {
                return feed.state();
            }

            @Override
            public Map<String, Long> counters() {
                Map<String, Long> c = new TreeMap<>(feed.counters());
                c.putAll(sink.counters());
                c.put("repairsServed", repairsServed);
                return c;
            }

            @Override
            public long lastEventTime() {
                return feed.lastEventTime();
            }

            @Override
            public List<StreamStatus> streams() {
                return feed.streams();
            }
        });
        List<Future<Void>> registered = List.of(
                vertx.eventBus()
                        .<Object>consumer(Addresses.marketFeedControl(feedId), this::onControl)
                        .completion(),
                vertx.eventBus()
                        .<Object>consumer(Addresses.marketFeedRepair(feedId), this::onRepair)
                        .completion());
        return Future.all(registered).onSuccess(v -> {
            tickTimer = vertx.setPeriodic(config.tickMillis(), id -> onTick());
            heartbeat.start();
            feed.start();
            LOG.info("feed {} started on {} (epoch {}, {} candle shards)", feedId, node, sink.epoch(), shards);
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(tickTimer);
        heartbeat.stop();
        return feed.stop().eventually(() -> wsClient.close()).eventually(() -> {
            webClient.close();
            return Future.succeededFuture();
        });
    }

    private void onTick() {
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
        if (!FeedShards.feedId(instrument).equals(feedId)) {
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
        // In-band first: everything after this marker in the shard's sequence belongs to the re-cover.
        sink.repairStart(repair.shard(), repair.token());
        feed.recover(from);
        message.reply(null);
    }
}
