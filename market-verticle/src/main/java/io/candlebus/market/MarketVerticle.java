package io.candlebus.market;

import io.candlebus.contract.Addresses;
import io.candlebus.contract.Candle;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.FailureCode;
import io.candlebus.contract.Heartbeat;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.SubscriptionCommand;
import io.candlebus.contract.SubscriptionList;
import io.candlebus.contract.Trade;
import io.candlebus.contract.codec.ContractJson;
import io.candlebus.market.binance.BinanceFeed;
import io.candlebus.market.bithumb.BithumbFeed;
import io.candlebus.market.candle.CandleAggregator;
import io.candlebus.market.candle.LiveThrottle;
import io.candlebus.market.candle.OutboxSpool;
import io.candlebus.market.candle.RecorderOutbox;
import io.candlebus.market.candle.StreamKey;
import io.candlebus.market.lease.FeedLeaseGate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the configured markets: owns the Binance feeds (one connection per market), the Bithumb feed
 * and the candle aggregator, all on this verticle's event loop. Feeds publish on {@code market.klines}
 * and {@code market.trades}; the aggregator consumes both (local to this node) and publishes
 * {@code candles.live} and {@code candles.closed}, and hands every closed candle to a recorder. Serves
 * {@code control.subscriptions}; publishes a heartbeat per component every second. In a cluster each feed runs
 * only while this node holds its venue market's lease ({@link FeedLeaseGate}).
 */
public final class MarketVerticle extends VerticleBase implements FeedSink {
    private static final Logger LOG = LoggerFactory.getLogger(MarketVerticle.class);
    private static final String AGGREGATOR = "market.aggregator";

    private final MarketConfig config;
    private final Clock clock;
    private final String node;
    private final Path outboxDir;
    private final Map<Market, BinanceFeed> binance = new EnumMap<>(Market.class);
    private final List<Feed> feeds = new ArrayList<>();
    private BithumbFeed bithumb;
    private CandleAggregator aggregator;
    private LiveThrottle throttle;
    private RecorderOutbox outbox;
    private WebClient webClient;
    private WebSocketClient wsClient;
    private BadInputCounter busInput;
    private FeedLeaseGate leases;
    private long tickTimer = -1;
    private long heartbeatTimer = -1;
    private long lastAggregatorEvent;

    public MarketVerticle(MarketConfig config, Clock clock, String node) {
        this(config, clock, node, null);
    }

    /**
     * A market verticle that keeps the closed candles no recorder has acknowledged at its stop in
     * {@code outboxDir} and re-sends them at its next start (null: they are lost, and the log says how many).
     */
    public MarketVerticle(MarketConfig config, Clock clock, String node, Path outboxDir) {
        this.config = config;
        this.clock = clock;
        this.node = node;
        this.outboxDir = outboxDir;
    }

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        webClient = WebClient.create(
                vertx, new WebClientOptions().setConnectTimeout(5_000).setUserAgent("candlebus"));
        wsClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxMessageSize(4 << 20)
                .setMaxFrameSize(1 << 20)
                .setConnectTimeout(10_000));
        busInput = new BadInputCounter(LOG, AGGREGATOR);
        outbox = new RecorderOutbox(
                vertx,
                config.recorderTimeoutMillis(),
                config.recorderOutboxCapacity(),
                new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()),
                outboxDir == null ? null : new OutboxSpool(outboxDir));
        aggregator = new CandleAggregator(
                config.intervals(), config.closeGraceMillis(), config.stallTimeoutMillis(), this::onClosed);
        throttle = new LiveThrottle(config.liveThrottleMillis());
        for (Market market : Market.values()) {
            BinanceFeed feed = new BinanceFeed(vertx, wsClient, new RestClient(webClient), clock, config, market, this);
            binance.put(market, feed);
            feeds.add(feed);
        }
        bithumb = new BithumbFeed(vertx, wsClient, new RestClient(webClient), clock, config, this);
        feeds.add(bithumb);
        leases = FeedLeaseGate.forNode(vertx, node, this::replaceFeed);
        for (Instrument instrument : config.instruments()) {
            feedOf(instrument).add(instrument);
        }
        List<Future<Void>> registered = List.of(
                bus.<Object>localConsumer(Addresses.MARKET_KLINES, this::onKlineMessage)
                        .completion(),
                bus.<Object>localConsumer(Addresses.MARKET_TRADES, this::onTradeMessage)
                        .completion(),
                bus.<Object>consumer(Addresses.CONTROL_SUBSCRIPTIONS, this::onControl)
                        .completion());
        return Future.all(registered)
                .compose(v -> outbox.restore())
                .compose(v -> {
                    tickTimer = vertx.setPeriodic(config.tickMillis(), id -> onTick());
                    heartbeatTimer = vertx.setPeriodic(1_000, id -> publishHeartbeats());
                    // Each feed starts now, or (clustered) once this node holds its venue market's lease.
                    return leases.start(feeds);
                })
                .onSuccess(v -> LOG.info("market verticle started on {}: {}", node, config.instruments()));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(tickTimer);
        vertx.cancelTimer(heartbeatTimer);
        List<Future<Void>> stopped = new ArrayList<>();
        feeds.forEach(f -> stopped.add(f.stop()));
        stopped.add(leases.stop());
        return Future.join(stopped)
                .eventually(() -> outbox.keep())
                .eventually(() -> wsClient.close())
                .eventually(() -> {
                    webClient.close();
                    return Future.succeededFuture();
                });
    }

    // ---- FeedSink: feeds publish data on the bus; connection events reach the aggregator in order with it ----

    @Override
    public void kline(Candle candle) {
        vertx.eventBus().publish(Addresses.MARKET_KLINES, candle);
    }

    @Override
    public void trade(Trade trade) {
        vertx.eventBus().publish(Addresses.MARKET_TRADES, trade);
    }

    @Override
    public void suspend(Instrument instrument) {
        // Queued behind the messages already published, so the aggregator sees it after them.
        context.runOnContext(v -> aggregator.suspend(instrument));
    }

    @Override
    public void cover(Instrument instrument, long fromOpenTime) {
        context.runOnContext(v -> aggregator.cover(instrument, fromOpenTime));
    }

    @Override
    public void resume(Instrument instrument, long liveFrom) {
        context.runOnContext(v -> aggregator.resume(instrument, liveFrom));
    }

    // ---- aggregator ----

    private void onKlineMessage(Message<Object> message) {
        if (message.body() instanceof Candle candle) {
            lastAggregatorEvent = clock.millis();
            aggregator.onKline(candle);
        } else {
            busInput.record(
                    new BadInputException("wrong-type", "market.klines: expected a Candle"),
                    String.valueOf(message.body()));
        }
    }

    private void onTradeMessage(Message<Object> message) {
        if (message.body() instanceof Trade trade) {
            lastAggregatorEvent = clock.millis();
            aggregator.onTrade(trade);
        } else {
            busInput.record(
                    new BadInputException("wrong-type", "market.trades: expected a Trade"),
                    String.valueOf(message.body()));
        }
    }

    private void onClosed(Candle candle) {
        if (leases.publishes(candle)) {
            vertx.eventBus().publish(Addresses.CANDLES_CLOSED, candle);
        }
        outbox.offer(candle);
    }

    private void onTick() {
        long now = clock.millis();
        for (Feed feed : feeds) {
            for (String key : feed.feedKeys()) {
                aggregator.alive(key, feed.aliveUntil());
            }
        }
        aggregator.onTick(now);
        for (Feed feed : feeds) {
            if (leases.active(feed)) {
                feed.tick(now);
            }
        }
        long nanos = System.nanoTime();
        for (Candle live : aggregator.drainLive(key -> throttle.due(key, nanos))) {
            throttle.sent(new StreamKey(live.instrument(), live.interval()), nanos);
            vertx.eventBus().publish(Addresses.CANDLES_LIVE, live);
        }
    }

    // ---- control ----

    private void onControl(Message<Object> message) {
        SubscriptionCommand command;
        try {
            command = commandOf(message.body());
        } catch (IllegalArgumentException e) {
            message.fail(FailureCode.INVALID.code(), "control.subscriptions: " + e.getMessage());
            return;
        }
        Instrument instrument = command.instrument();
        switch (command.action()) {
            case ADD:
                if (!config.supports(instrument)) {
                    message.fail(
                            FailureCode.INVALID.code(),
                            "control.subscriptions: expected a configured venue market, was '"
                                    + instrument.exchange().wireName() + ":"
                                    + instrument.market().wireName() + "'");
                    return;
                }
                if (!feedOf(instrument).instruments().contains(instrument)) {
                    add(message, instrument);
                    return;
                }
                break;
            case REMOVE:
                if (!feedOf(instrument).instruments().contains(instrument)) {
                    message.fail(
                            FailureCode.NOT_FOUND.code(),
                            "control.subscriptions: expected a followed instrument, was '" + instrument.key() + "'");
                    return;
                }
                LOG.info("removing {}", instrument);
                feedOf(instrument).remove(instrument);
                aggregator.remove(instrument);
                break;
            default:
                break;
        }
        message.reply(subscriptions());
    }

    /**
     * Follows {@code instrument} unless the node's cap is reached or the venue does not list it; both are
     * refused as {@link FailureCode#REJECTED} (HTTP 422) naming it. A venue whose list cannot be had
     * does not block the add: the feed follows the symbol unchecked.
     */
    private void add(Message<Object> message, Instrument instrument) {
        int followed = followedCount();
        if (followed >= config.maxInstruments()) {
            message.fail(
                    FailureCode.REJECTED.code(),
                    "control.subscriptions: refused '" + instrument.key() + "': this node already follows " + followed
                            + " instruments, the most market.maxInstruments allows");
            return;
        }
        Feed feed = feedOf(instrument);
        feed.check(instrument).onComplete(ar -> {
            if (ar.succeeded() && ar.result() == SymbolDirectory.Verdict.UNKNOWN) {
                message.fail(
                        FailureCode.REJECTED.code(),
                        "control.subscriptions: refused '" + instrument.key() + "': the venue does not list symbol '"
                                + instrument.symbol() + "'");
                return;
            }
            if (!feed.instruments().contains(instrument)) {
                if (followedCount() >= config.maxInstruments()) {
                    message.fail(
                            FailureCode.REJECTED.code(),
                            "control.subscriptions: refused '" + instrument.key()
                                    + "': this node already follows the most market.maxInstruments allows ("
                                    + config.maxInstruments() + ")");
                    return;
                }
                LOG.info("adding {}", instrument);
                aggregator.add(instrument);
                feed.add(instrument);
            }
            message.reply(subscriptions());
        });
    }

    private int followedCount() {
        return feeds.stream().mapToInt(f -> f.instruments().size()).sum();
    }

    private static SubscriptionCommand commandOf(Object body) {
        if (body instanceof SubscriptionCommand command) {
            return command;
        }
        if (body instanceof JsonObject json) {
            try {
                return ContractJson.fromJson(json.encode(), SubscriptionCommand.class);
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                throw new IllegalArgumentException("expected {\"action\":\"ADD|REMOVE|LIST\",\"instrument\":"
                        + "\"exchange:market:SYMBOL\"}, was " + json.encode() + " (" + cause.getMessage() + ")");
            }
        }
        throw new IllegalArgumentException("expected a SubscriptionCommand, was "
                + (body == null ? "null" : body.getClass().getSimpleName()));
    }

    /** A fresh, unstarted feed in place of one stopped because its lease was lost ({@link FeedLeaseGate}). */
    private Feed replaceFeed(Feed stopped) {
        Feed fresh;
        if (stopped == bithumb) {
            bithumb = new BithumbFeed(vertx, wsClient, new RestClient(webClient), clock, config, this);
            fresh = bithumb;
        } else {
            Market market = binance.entrySet().stream()
                    .filter(e -> e.getValue() == stopped)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "replaceFeed: expected a feed of this verticle, was " + stopped.component()));
            BinanceFeed feed = new BinanceFeed(vertx, wsClient, new RestClient(webClient), clock, config, market, this);
            binance.put(market, feed);
            fresh = feed;
        }
        stopped.instruments().forEach(fresh::add);
        feeds.set(feeds.indexOf(stopped), fresh);
        return fresh;
    }

    private Feed feedOf(Instrument instrument) {
        return instrument.exchange() == Exchange.BITHUMB ? bithumb : binance.get(instrument.market());
    }

    /** Returns every followed instrument, sorted by key. */
    private SubscriptionList subscriptions() {
        TreeSet<Instrument> all = new TreeSet<>();
        feeds.forEach(f -> all.addAll(f.instruments()));
        return new SubscriptionList(new ArrayList<>(all));
    }

    // ---- heartbeats ----

    private void publishHeartbeats() {
        long now = clock.millis();
        EventBus bus = vertx.eventBus();
        for (Feed feed : feeds) {
            bus.publish(Addresses.STATUS_HEARTBEAT, leases.heartbeat(feed, now));
        }
        Map<String, Long> counters = new TreeMap<>(aggregator.counters());
        counters.putAll(outbox.counters());
        busInput.exportTo(counters);
        bus.publish(
                Addresses.STATUS_HEARTBEAT,
                new Heartbeat(node, AGGREGATOR, "live", counters, lastAggregatorEvent, now));
    }
}
