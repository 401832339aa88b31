package io.candlebus.order.live;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.order.ApiCredentials;
import io.candlebus.order.AssetBalance;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live brokers of one node over one shared durable journal: a {@link LiveBroker} per venue market with
 * keys (Bithumb; Binance spot, USDT-M and COIN-M), an order routed by its instrument. An instrument of a
 * venue without keys is REJECTED before anything is journaled.
 */
public final class LiveBrokers implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(LiveBrokers.class);

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
                    LiveLedger.status(e.state()),
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
     * Settles every non-final intent with its venue, broker after broker, then fetches every venue market's
     * balances and logs a one-line summary (assets and amounts only, never keys); fails if any outcome stays
     * unknown (the caller retries: no new order may be placed before this succeeds). A market whose balances
     * cannot be read is named in a warning but does not hold trading up: keys need not allow every market.
     * Then reads every market's positions the same way (see {@link #positionsByVenue}), a futures market's
     * becoming its broker's, and logs them in one line, the journal's next to the venue's.
     */
    public Future<List<OrderEvent>> reconcile() {
        return each(LiveBroker::reconcile)
                .compose(events -> balancesByVenue().map(balances -> {
                    LOG.info("live orders: balances {}", balances.summary());
                    balances.errors()
                            .forEach((venue, why) -> LOG.warn("live orders: balances of {} not read: {}", venue, why));
                    return events;
                }))
                .compose(events -> positionsByVenue(Set.of(), true).map(read -> {
                    LOG.info("live orders: positions {}", read.summary());
                    read.errors()
                            .forEach((venue, why) -> LOG.warn("live orders: positions of {} not read: {}", venue, why));
                    return events;
                }));
    }

    /**
     * Reads, market after market, the positions the venues hold (futures) or the base asset balances (spot) of
     * {@code instruments}, of every journaled instrument and of every one a broker holds a position in; never
     * fails (a market not read is in {@link VenuePositions#errors()}). With {@code adopt} (at reconcile) a futures
     * market's positions become its broker's (see {@link LiveBroker#venuePositions}).
     */
    public Future<VenuePositions> positionsByVenue(Set<Instrument> instruments, boolean adopt) {
        Map<String, Set<Instrument>> asked = new TreeMap<>();
        List<Instrument> all = new ArrayList<>(instruments);
        journal.entries().forEach(e -> all.add(e.request().instrument()));
        brokers.values().forEach(b -> all.addAll(b.positionInstruments()));
        for (Instrument i : all) {
            if (brokerFor(i) != null) {
                asked.computeIfAbsent(route(i.exchange(), i.market()), k -> new java.util.TreeSet<>())
                        .add(i);
            }
        }
        Map<Instrument, BigDecimal> held = new TreeMap<>();
        asked.values().forEach(set -> set.forEach(i -> held.put(i, position(i))));
        Map<Instrument, BigDecimal> venue = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, LiveBroker> e : brokers.entrySet()) {
            Set<Instrument> mine = asked.getOrDefault(e.getKey(), Set.of());
            chain = chain.compose(v -> e.getValue()
                    .venuePositions(mine, adopt)
                    .map(read -> {
                        venue.putAll(read);
                        return (Void) null;
                    })
                    .recover(failure -> {
                        errors.put(e.getKey(), String.valueOf(failure.getMessage()));
                        return Future.succeededFuture();
                    }));
        }
        return chain.map(v -> new VenuePositions(new TreeMap<>(held), new TreeMap<>(venue), new TreeMap<>(errors)));
    }

    /** Fetches the balances of every venue market with keys, one after the other; never fails. */
    public Future<VenueBalances> balancesByVenue() {
        Map<String, List<AssetBalance>> read = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        Future<Void> chain = Future.succeededFuture();
        for (Map.Entry<String, LiveBroker> e : brokers.entrySet()) {
            chain = chain.compose(v -> e.getValue()
                    .balances()
                    .map(list -> {
                        read.put(e.getKey(), list);
                        return (Void) null;
                    })
                    .recover(failure -> {
                        errors.put(e.getKey(), String.valueOf(failure.getMessage()));
                        return Future.succeededFuture();
                    }));
        }
        return chain.map(v -> new VenueBalances(new TreeMap<>(read), new TreeMap<>(errors)));
    }

    /** Returns the balances of every venue market together (see {@link #balancesByVenue()} for them apart). */
    @Override
    public Future<List<AssetBalance>> balances() {
        return balancesByVenue()
                .compose(byVenue -> byVenue.errors().isEmpty()
                        ? Future.succeededFuture(byVenue.balances().values().stream()
                                .flatMap(List::stream)
                                .toList())
                        : Future.failedFuture("balances not read: " + byVenue.errors()));
    }

    /** Cancels the journaled order of {@code clientOrderId} at its venue (see {@link LiveBroker#cancel}). */
    @Override
    public Future<OrderEvent> cancel(String clientOrderId) {
        Optional<LiveBroker> broker =
                journal.find(clientOrderId).map(e -> brokerFor(e.request().instrument()));
        return broker.isEmpty()
                ? Future.failedFuture("live orders: no order with client order id " + clientOrderId)
                : broker.get().cancel(clientOrderId);
    }

    /** Returns the request of every journaled intent, oldest first. */
    public List<OrderRequest> journaledRequests() {
        return journal.entries().stream().map(JournalEntry::request).toList();
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
