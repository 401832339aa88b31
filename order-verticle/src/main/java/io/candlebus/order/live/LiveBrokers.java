package io.candlebus.order.live;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.Broker;
import io.candlebus.order.binance.BinanceOrderClient;
import io.candlebus.order.binance.BinanceServerTime;
import io.candlebus.order.binance.BinanceSigner;
import io.candlebus.order.binance.BinanceTimeSync;
import io.candlebus.order.bithumb.BithumbJwtSigner;
import io.candlebus.order.bithumb.BithumbOrderClient;
import io.candlebus.order.journal.JournalEntry;
import io.candlebus.order.journal.OrderJournalFile;
import io.candlebus.order.journal.ReplayReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live brokers of one node over one shared durable journal: a {@link LiveBroker} per venue market with
 * keys (Bithumb; Binance spot, USDT-M and COIN-M), an order routed by its instrument. An instrument of a
 * venue without keys is REJECTED before anything is journaled.
 */
public final class LiveBrokers implements Broker {
    private final OrderJournalFile journal;
    private final WebClient client;
    private final Map<String, LiveBroker> brokers;
    private final Clock clock;
    private final List<BinanceTimeSync> timeSyncs;
    private long timeSyncTimer = -1;

    /** Connections per venue host: order, lookup and cancel calls of every market traded there at once. */
    public static final int HTTP_CONNECTIONS = 32;

    /** How often (real ms) Binance's server time is measured again, besides at start and after a -1021. */
    public static final long TIME_SYNC_PERIOD_MILLIS = 60_000;

    private LiveBrokers(
            OrderJournalFile journal,
            WebClient client,
            Map<String, LiveBroker> brokers,
            Clock clock,
            List<BinanceTimeSync> timeSyncs) {
        this.journal = journal;
        this.client = client;
        this.brokers = brokers;
        this.clock = clock;
        this.timeSyncs = List.copyOf(timeSyncs);
    }

    /**
     * Opens (and replays) the journal off the event loop, then builds a broker per venue market with keys and
     * measures each Binance market's server time (a failed measurement leaves the local clock; the next
     * periodic one, or a -1021, tries again).
     */
    public static Future<LiveBrokers> open(Vertx vertx, LiveSetup setup, Clock clock) {
        return vertx.executeBlocking(() -> OrderJournalFile.open(setup.journalDir()))
                .map(journal -> {
                    // One pool for every venue market: against the simulator they share a host, and a request
                    // queued behind busy connections ages its Binance timestamp past recvWindow.
                    WebClient client = WebClient.create(
                            vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(HTTP_CONNECTIONS));
                    List<BinanceTimeSync> timeSyncs = new ArrayList<>();
                    Map<String, LiveBroker> brokers = new LinkedHashMap<>();
                    ApiCredentials bithumb = setup.keys().get(Exchange.BITHUMB);
                    if (bithumb != null) {
                        BithumbOrderClient venue = new BithumbOrderClient(
                                client, setup.endpoints().bithumb(), new BithumbJwtSigner(bithumb, clock));
                        brokers.put(
                                route(Exchange.BITHUMB, Market.SPOT),
                                new LiveBroker(vertx, setup.settings(), venue, journal, clock));
                    }
                    ApiCredentials binance = setup.keys().get(Exchange.BINANCE);
                    if (binance != null) {
                        for (Market market : Market.values()) {
                            BinanceTimeSync timeSync = new BinanceTimeSync(
                                    client, setup.endpoints().binance(market), market, new BinanceServerTime(clock));
                            timeSyncs.add(timeSync);
                            BinanceOrderClient venue = new BinanceOrderClient(
                                    client,
                                    setup.endpoints().binance(market),
                                    market,
                                    new BinanceSigner(binance),
                                    timeSync,
                                    setup.binanceRecvWindowMillis());
                            brokers.put(
                                    route(Exchange.BINANCE, market),
                                    new LiveBroker(vertx, setup.settings(), venue, journal, clock));
                        }
                    }
                    return new LiveBrokers(journal, client, brokers, clock, timeSyncs);
                })
                .compose(brokers -> brokers.syncTime().map(v -> {
                    brokers.timeSyncTimer = vertx.setPeriodic(TIME_SYNC_PERIOD_MILLIS, id -> brokers.syncTime());
                    return brokers;
                }));
    }

    /** Measures every Binance market's server time; completes when all measurements ended, failed or not. */
    private Future<Void> syncTime() {
        List<Future<Long>> all = new ArrayList<>();
        for (BinanceTimeSync sync : timeSyncs) {
            all.add(sync.sync());
        }
        return Future.join(all).<Void>mapEmpty().otherwiseEmpty();
    }

    /** Returns the server-time offset (ms) in force per Binance market traded, for status and tests. */
    public Map<Market, Long> binanceTimeOffsets() {
        Map<Market, Long> out = new java.util.EnumMap<>(Market.class);
        for (BinanceTimeSync sync : timeSyncs) {
            out.put(sync.market(), sync.clock().offsetMillis());
        }
        return out;
    }

    private static String route(Exchange exchange, Market market) {
        return exchange.wireName() + ":" + market.wireName();
    }

    private LiveBroker brokerFor(Instrument instrument) {
        return brokers.get(route(instrument.exchange(), instrument.market()));
    }

    @Override
    public Future<OrderEvent> submit(OrderRequest request) {
        LiveBroker broker = brokerFor(request.instrument());
        if (broker == null) {
            return Future.succeededFuture(new OrderEvent(
                    request.clientOrderId(),
                    null,
                    request.instrument(),
                    request.side(),
                    OrderStatus.REJECTED,
                    request.quantity(),
                    BigDecimal.ZERO,
                    request.price(),
                    BigDecimal.ZERO,
                    "live mode has no keys for "
                            + request.instrument().exchange().wireName() + " (this node does not trade it)",
                    false,
                    clock.millis()));
        }
        return broker.submit(request);
    }

    @Override
    public BigDecimal position(Instrument instrument) {
        LiveBroker broker = brokerFor(instrument);
        return broker == null ? BigDecimal.ZERO : broker.position(instrument);
    }

    /** Returns what replaying the journal found. */
    public ReplayReport replayReport() {
        return journal.replayReport();
    }

    /** Returns how many journaled intents are not final (PENDING ones included). */
    public int openIntents() {
        return journal.openEntries().size();
    }

    /** Returns the latest state of every journaled intent as an event, oldest intent first. */
    public List<OrderEvent> journaled() {
        List<OrderEvent> events = new ArrayList<>();
        for (JournalEntry e : journal.entries()) {
            OrderRequest r = e.request();
            events.add(new OrderEvent(
                    r.clientOrderId(),
                    e.exchangeOrderId(),
                    r.instrument(),
                    r.side(),
                    LiveBroker.status(e.state()),
                    r.quantity(),
                    e.filledQuantity(),
                    r.price(),
                    position(r.instrument()),
                    e.reason() == null || e.reason().isBlank() ? "journaled " + e.state() : e.reason(),
                    false,
                    e.updatedAt()));
        }
        return events;
    }

    /**
     * Settles every non-final intent with its venue, broker after broker; fails if any outcome stays
     * unknown (the caller retries: no new order may be placed before this succeeds).
     */
    public Future<List<OrderEvent>> reconcile() {
        return each(LiveBroker::reconcile);
    }

    /** Looks up every open order at its venue and returns the events of those that changed. */
    public Future<List<OrderEvent>> poll() {
        return each(LiveBroker::poll);
    }

    /** Cancels every open order at its venue for the kill switch (see {@link LiveBroker#cancelOpen()}). */
    public Future<List<OrderEvent>> cancelOpen() {
        return each(LiveBroker::cancelOpen);
    }

    /** Settles, once each, the intents whose submit ended with an unknown outcome (see {@link LiveBroker#settleUnknown()}). */
    public Future<List<OrderEvent>> settleUnknown() {
        return each(LiveBroker::settleUnknown);
    }

    private Future<List<OrderEvent>> each(java.util.function.Function<LiveBroker, Future<List<OrderEvent>>> step) {
        List<OrderEvent> out = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (LiveBroker broker : brokers.values()) {
            chain = chain.compose(v -> step.apply(broker).map(events -> {
                out.addAll(events);
                return null;
            }));
        }
        return chain.map(v -> out);
    }

    /** Closes the web client and, off the event loop, the journal. */
    public Future<Void> close(Vertx vertx) {
        if (timeSyncTimer != -1) {
            vertx.cancelTimer(timeSyncTimer);
        }
        client.close();
        return vertx.executeBlocking(() -> {
            journal.close();
            return null;
        });
    }
}
