package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.Feed;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.Retry;
import io.candlebus.market.SlidingWindowLimiter;
import io.candlebus.market.SymbolDirectory;
import io.candlebus.market.venue.FeedCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the 1m klines of every instrument of one Binance market over combined-stream websockets of at
 * most {@code binanceStreamsPerConnection} streams each, joined without gap or duplicate to REST history.
 *
 * <p>Seam: a stream's websocket klines are held back until REST has published every closed kline
 * before the first live one (REST rows that open before a kline the websocket already reports are
 * closed, so no clock is involved). After that, a kline that opens more than one minute after the last
 * closed one (a missed {@code x:true}, a reconnect) is held back again until REST has filled the gap; a
 * closed kline of a minute already published is dropped. A lost connection reconnects alone, with capped
 * exponential backoff; a connection older than {@code binanceRotateAfterMillis} is replaced
 * make-before-break. REST obeys the market's {@link RestGate} (418 ban, 429 pause, weight budget).
 *
 * <p>Symbols: nothing is subscribed before the market's {@code exchangeInfo} was asked once (weight
 * charged to the gate, refreshed hourly); a symbol it does not list is never subscribed, shows as
 * {@code unknown} and is logged once, and disturbs no other stream. When the list cannot be had, symbols
 * are followed unchecked and a refused SUBSCRIBE names the culprit (see {@link BinanceConnection}).
 * Liveness is judged per connection by any frame and per stream by its last kline ({@link Liveness}).
 */
public final class BinanceFeed implements Feed, BinanceConnection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);
    /** Binance allows 300 connection attempts per 5 minutes per IP. */
    private static final int ATTEMPTS_PER_WINDOW = 300;

    private static final long ATTEMPT_WINDOW_MILLIS = 300_000L;

    private final Vertx vertx;
    private final WebSocketClient wsClient;
    private final RestClient rest;
    private final Clock clock;
    private final MarketConfig config;
    private final Market market;
    private final Endpoint endpoint;
    private final FeedSink sink;
    private final String component;
    private final BinanceKlineParser parser;
    private final BadInputCounter badInput;
    private final Map<String, KlineStream> streams = new TreeMap<>();
    /**
     * Symbols no longer followed: their klines may still arrive until the UNSUBSCRIBE is through, and
     * are ignored rather than counted as bad input.
     */
    private final Map<String, Instrument> removed = new TreeMap<>();

    private final List<BinanceConnection> connections = new ArrayList<>();
    /**
     * Connection attempts to this market's host, in the venue's (clock) time: real time in production. An
     * accelerated simulator enforces its own cap, and a refused handshake is backed off like any failed
     * connect; counting real time here as well stalled a 24-hour soak at 600x for good after 300 reconnects.
     */
    private final SlidingWindowLimiter attempts = new SlidingWindowLimiter(ATTEMPTS_PER_WINDOW, ATTEMPT_WINDOW_MILLIS);

    private final RestGate gate;
    private final BinanceRest restApi;
    private final KlineSeam seam;
    private final KlineFill fill;
    private final BinanceSymbols symbols;

    private final FeedCounters counters = new FeedCounters();
    private final Rotation rotation;
    /** Pings sent and received by connections already closed. */
    private long retiredPings;

    private long retiredServerPings;

    private boolean started;
    private boolean stopped;
    private long nextConnectionId = 1;
    private long lastEventTime;
    /** Clock time of the last message received, MIN_VALUE if none yet. */
    private long lastHeard = Long.MIN_VALUE;

    private final FeedCounters.Counter messages;
    private final FeedCounters.Counter reconnects;
    private final FeedCounters.Counter stalls;
    private final FeedCounters.Counter controlReplies;
    private final FeedCounters.Counter controlErrors;
    private final FeedCounters.Counter refusedStreams;
    private final FeedCounters.Counter quietConfirms;
    private final FeedCounters.Counter ignoredMessages;
    private final FeedCounters.Counter attemptsDeferred;
    private final FeedCounters.Counter recoveries;

    public BinanceFeed(
            Vertx vertx,
            WebSocketClient wsClient,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            Market market,
            FeedSink sink) {
        this.vertx = vertx;
        this.wsClient = wsClient;
        this.rest = rest;
        this.clock = clock;
        this.config = config;
        this.market = market;
        this.endpoint = config.binance().endpoint(market);
        this.sink = sink;
        this.component = "market.binance." + market.wireName();
        this.parser = new BinanceKlineParser(this::instrumentOf);
        this.badInput = new BadInputCounter(LOG, component);
        this.gate = new RestGate(config.binance().restWeightLimit());
        this.restApi = new BinanceRest(vertx, rest, clock, config, market, gate, component);
        this.symbols = new BinanceSymbols(restApi, badInput, clock, () -> stopped, component);
        // Registered in the order the heartbeat lists them.
        this.messages = counters.counter("messages");
        counters.counter("klines");
        this.reconnects = counters.counter("reconnects");
        this.stalls = counters.counter("stalls");
        this.seam = new KlineSeam(sink, counters, () -> stopped);
        this.fill = new KlineFill(vertx, clock, config, sink, restApi, market, badInput, component, seam);
        seam.use(fill);
        counters.gauge("gapsFilled", fill::gapsFilled);
        counters.gauge("restRequests", rest::requests);
        counters.gauge("restFailures", rest::failures);
        counters.gauge("restRows", fill::restRows);
        counters.gauge("restBans", gate::bans);
        counters.gauge("restPauses", gate::pauses);
        counters.gauge("restWeightUsed", gate::lastReported);
        counters.gauge(
                "pings",
                () -> retiredPings
                        + connections.stream()
                                .mapToLong(BinanceConnection::pings)
                                .sum());
        counters.gauge(
                "serverPings",
                () -> retiredServerPings
                        + connections.stream()
                                .mapToLong(BinanceConnection::serverPings)
                                .sum());
        this.controlReplies = counters.counter("controlReplies");
        this.controlErrors = counters.counter("controlErrors");
        this.refusedStreams = counters.counter("refusedStreams");
        counters.gauge(
                "unknownSymbols",
                () -> streams.values().stream().filter(s -> s.unknown).count());
        counters.gauge("symbolListLoads", symbols::loads);
        counters.gauge("symbolListFailures", symbols::failures);
        this.quietConfirms = counters.counter("quietConfirms");
        counters.gauge("missedTrades", fill::missedTrades);
        this.ignoredMessages = counters.counter("ignoredMessages");
        counters.gauge("connections", connections::size);
        this.rotation =
                new Rotation(clock, config.binance().rotateAfterMillis(), component, counters, new Rotation.Owner() {
                    @Override
                    public BinanceConnection newConnection() {
                        return BinanceFeed.this.newConnection();
                    }

                    @Override
                    public void connect(BinanceConnection c) {
                        BinanceFeed.this.connect(c);
                    }

                    @Override
                    public void discard(BinanceConnection c) {
                        BinanceFeed.this.discard(c);
                    }
                });
        this.attemptsDeferred = counters.counter("connectAttemptsDeferred");
        counters.gauge(
                "bufferDropped",
                () -> streams.values().stream().mapToLong(s -> s.dropped).sum());
        counters.gauge("streams", streams::size);
        this.recoveries = counters.counter("recoveries");
    }

    @Override
    public String component() {
        return component;
    }

    @Override
    public Set<String> feedKeys() {
        return Set.of("binance:" + market.wireName());
    }

    @Override
    public void start() {
        started = true;
        symbols.ready().onComplete(v -> {
            if (stopped) {
                return;
            }
            // Every stream first, then the connections: each opens with all its streams in its URL.
            for (KlineStream s : List.copyOf(streams.values())) {
                if (s.checking) {
                    place(s, false);
                }
            }
            List.copyOf(connections).forEach(this::connect);
        });
    }

    @Override
    public Future<SymbolDirectory.Verdict> check(Instrument instrument) {
        if (instrument.market() != market) {
            return Future.succeededFuture(SymbolDirectory.Verdict.UNCHECKED);
        }
        return symbols.check(instrument.symbol());
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        List.copyOf(connections).forEach(BinanceConnection::retire);
        connections.clear();
        return Future.succeededFuture();
    }

    @Override
    public void add(Instrument instrument) {
        if (instrument.market() != market || streams.containsKey(instrument.symbol())) {
            return;
        }
        KlineStream s =
                new KlineStream(instrument, new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()));
        streams.put(instrument.symbol(), s);
        removed.remove(instrument.symbol());
        if (!symbols.attempted()) {
            // Placed once the symbol list has been asked for (start() waits for it).
            s.checking = true;
            return;
        }
        place(s, true);
    }

    /**
     * Puts a stream on a connection unless the venue's list says the symbol does not exist; {@code connect}:
     * open (or SUBSCRIBE on) that connection now.
     */
    private void place(KlineStream s, boolean connect) {
        s.checking = false;
        if (symbols.unlisted(s.instrument.symbol())) {
            markUnknown(s, "not listed in " + symbols.source());
            return;
        }
        s.unknown = false;
        s.placedAt = clock.millis();
        s.placedNanos = System.nanoTime();
        // A connection being replaced takes nothing new: its replacement does.
        BinanceConnection c = connections.stream()
                .filter(x -> x.replacedBy == null
                        && x.wanted.size() < config.binance().streamsPerConnection())
                .findFirst()
                .orElseGet(this::newConnection);
        c.wanted.add(s.streamName);
        s.connection = c;
        if (!connect) {
            return;
        }
        if (c.isOpen()) {
            c.flush(clock.millis());
        } else {
            connect(c);
        }
    }

    @Override
    public void remove(Instrument instrument) {
        KlineStream s = streams.remove(instrument.symbol());
        if (s == null) {
            return;
        }
        s.removed = true;
        s.buffer.clear();
        removed.put(instrument.symbol(), instrument);
        unsubscribe(s);
    }

    /** Takes {@code s} off every connection: an UNSUBSCRIBE, or the close of a connection left empty. */
    private void unsubscribe(KlineStream s) {
        for (BinanceConnection c : List.copyOf(connections)) {
            if (c.wanted.remove(s.streamName)) {
                if (c.wanted.isEmpty()) {
                    // Nothing left to carry: close the connection rather than keep an empty one alive.
                    discard(c);
                } else {
                    c.flush(clock.millis());
                }
            }
        }
    }

    @Override
    public void recover(Map<Instrument, Long> fromOpenTime) {
        for (Map.Entry<Instrument, Long> e : fromOpenTime.entrySet()) {
            KlineStream s = streams.get(e.getKey().symbol());
            if (s == null || s.removed || s.unknown || s.checking || !e.getKey().equals(s.instrument)) {
                continue;
            }
            recoveries.inc();
            if (s.filling) {
                // The running fill started after the doubt: abandon it, its held klines are replayed after ours.
                s.fillToken++;
                s.filling = false;
                s.fillingGap = false;
                s.confirming = false;
            }
            long from = e.getValue();
            if (from == KlineStream.NONE) {
                s.coveredUntil = KlineStream.NONE;
            } else if (s.coveredUntil != KlineStream.NONE) {
                s.coveredUntil = Math.min(s.coveredUntil, from);
            }
            Candle first = s.buffer.peekFirst();
            long to = first != null ? first.openTime() : Interval.M1.openTimeOf(clock.millis());
            LOG.info(
                    "{}: re-covering {} from REST from {} (a candle shard lost an event)",
                    component,
                    s.instrument,
                    from);
            fill.start(s, to, false);
        }
    }

    @Override
    public Set<Instrument> instruments() {
        return streams.values().stream().map(s -> s.instrument).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Returns the later of two {@link System#nanoTime()} readings (they may be negative). */
    private static long laterNanos(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    /**
     * Takes a stream off its connection for good (until the venue lists it): the others of that
     * connection are not touched beyond an UNSUBSCRIBE if it was subscribed.
     */
    private void markUnknown(KlineStream s, String reason) {
        s.unknown = true;
        s.checking = false;
        s.fillToken++;
        s.filling = false;
        s.buffer.clear();
        s.connection = null;
        unsubscribe(s);
        symbols.reportUnknown(s.instrument.symbol(), reason);
    }

    /** Applies a new symbol list: a newly listed symbol is placed, one never heard of and now unlisted dropped. */
    private void reconcileSymbols() {
        BinanceSymbols.Changes changes = symbols.changes(List.copyOf(streams.values()));
        changes.listed().forEach(s -> place(s, true));
        changes.unlisted().forEach(s -> markUnknown(s, "not listed in " + symbols.source()));
    }

    @Override
    public void tick(long now) {
        if (started && !stopped) {
            symbols.tick(now);
            reconcileSymbols();
        }
        for (BinanceConnection c : List.copyOf(connections)) {
            if (!connections.contains(c)) {
                continue;
            }
            String dead = c.isOpen()
                    ? Liveness.deadReason(
                            now, c.aliveSince(), c.dataSince(), c.missedTradesAt, config.stallTimeoutMillis())
                    : null;
            if (dead != null) {
                stalls.inc();
                c.drop(dead);
                continue;
            }
            c.flush(now);
            c.keepAlive(now, config.pingMillis());
            rotation.tick(c, now);
        }
        long nanos = System.nanoTime();
        for (KlineStream s : List.copyOf(streams.values())) {
            confirmQuiet(s, now, nanos);
        }
    }

    /**
     * Confirms from REST the closed minutes of a stream that has been silent since they ended; a stream
     * silent since it was subscribed gets its warm-up this way (no kline arrived to start it).
     */
    private void confirmQuiet(KlineStream s, long now, long nanos) {
        BinanceConnection c = s.connection;
        if (s.unknown || s.checking || s.filling) {
            return;
        }
        if (c == null || !c.isOpen() || c.replacedBy != null || !c.wanted.contains(s.streamName)) {
            return;
        }
        long silentSince = Math.max(s.lastMessageTime, Math.max(c.connectedAt(), s.placedAt));
        long silentNanos = laterNanos(c.openedNanos, s.placedNanos);
        if (s.lastMessageTime > 0) {
            silentNanos = laterNanos(silentNanos, s.lastMessageNanos);
        }
        long upTo = Liveness.confirmUpTo(now, nanos, s.coveredUntil, silentSince, silentNanos);
        if (upTo > s.coveredUntil) {
            quietConfirms.inc();
            fill.start(s, upTo, true);
        }
    }

    @Override
    public String state() {
        if (!started) {
            return "starting";
        }
        if (stopped || streams.isEmpty()) {
            return "stopped";
        }
        long now = clock.millis();
        StreamState worst = StreamState.UNKNOWN;
        for (KlineStream s : streams.values()) {
            StreamState state = StreamStates.of(s, gate, now);
            if (StreamStates.severity(state) > StreamStates.severity(worst)) {
                worst = state;
            }
        }
        return worst.wireName();
    }

    @Override
    public List<StreamStatus> streams() {
        long now = clock.millis();
        List<StreamStatus> out = new ArrayList<>();
        for (KlineStream s : streams.values()) {
            out.add(new StreamStatus(
                    s.instrument,
                    StreamStates.of(s, gate, now),
                    s.lastMessageTime,
                    s.reconnects,
                    s.gapsFilled,
                    s.filling && s.fillingGap && !s.confirming ? 1 : 0,
                    gate.lastReported(),
                    gate.bannedUntil(now)));
        }
        return out;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = counters.snapshot();
        badInput.exportTo(c);
        return c;
    }

    @Override
    public long lastEventTime() {
        return lastEventTime;
    }

    @Override
    public long aliveUntil() {
        return lastHeard;
    }

    private Instrument instrumentOf(String symbol) {
        KlineStream s = streams.get(symbol);
        return s == null ? removed.get(symbol) : s.instrument;
    }

    // ---- connections ----

    private BinanceConnection newConnection() {
        int perSecond = market == Market.SPOT ? 5 : 10;
        BinanceConnection c = new BinanceConnection(
                nextConnectionId++,
                wsClient,
                clock,
                perSecond,
                new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()),
                this);
        connections.add(c);
        return c;
    }

    /** Opens {@code c} unless it is open, opening, waiting for a reconnect, or the feed is not running. */
    private void connect(BinanceConnection c) {
        if (!started || stopped || !connections.contains(c) || c.wanted.isEmpty()) {
            return;
        }
        if (c.isOpen() || c.isConnecting() || c.backingOff) {
            return;
        }
        long now = clock.millis();
        long clockAt = attempts.nextAllowed(now);
        if (clockAt > now) {
            attemptsDeferred.inc();
            c.backingOff = true;
            Retry.after(vertx, clock, config.tickMillis(), clockAt, () -> {
                c.backingOff = false;
                connect(c);
            });
            return;
        }
        attempts.tryAcquire(now);
        c.connect(endpoint.wsUrl());
    }

    private void discard(BinanceConnection c) {
        retiredPings += c.pings();
        retiredServerPings += c.serverPings();
        c.retire();
        connections.remove(c);
        if (c.replacing != null) {
            c.replacing.replacedBy = null;
        }
        if (c.replacedBy != null) {
            c.replacedBy.replacing = null;
            for (KlineStream s : streams.values()) {
                if (s.connection == c) {
                    s.connection = c.replacedBy;
                }
            }
        }
    }

    @Override
    public void onOpen(BinanceConnection c) {
        LOG.info(
                "{}: connection {} open to {} ({} streams{})",
                component,
                c.id,
                endpoint.wsUrl(),
                c.wanted.size(),
                c.replacing == null ? "" : ", replacing connection " + c.replacing.id);
    }

    @Override
    public void onLost(BinanceConnection c, String reason, long retryAfterMillis) {
        if (stopped || !connections.contains(c)) {
            return;
        }
        if (c.replacing != null) {
            // The replacement failed; the old connection still carries everything.
            rotation.abandon(c, reason);
            return;
        }
        if (c.replacedBy != null) {
            // Cut while its replacement was being set up: the replacement carries on from here.
            BinanceConnection next = c.replacedBy;
            LOG.info("{}: connection {} lost ({}) during rotation; {} takes over", component, c.id, reason, next.id);
            discard(c);
            if (!next.isOpen()) {
                countReconnects(next);
            }
            return;
        }
        countReconnects(c);
        c.backingOff = true;
        long delay = c.backoff.next();
        LOG.warn("{}: connection {} lost: {}; reconnecting in {} ms", component, c.id, reason, delay);
        Retry.after(vertx, clock, delay, clock.millis() + retryAfterMillis, () -> {
            c.backingOff = false;
            connect(c);
        });
    }

    private void countReconnects(BinanceConnection c) {
        reconnects.inc();
        for (KlineStream s : streams.values()) {
            if (c.wanted.contains(s.streamName)) {
                s.reconnects++;
            }
        }
    }

    // ---- messages ----

    @Override
    public void onMessage(BinanceConnection c, byte[] utf8, long bytes) {
        messages.inc();
        lastEventTime = clock.millis();
        lastHeard = lastEventTime;
        if (!c.heard) {
            c.heard = true;
            c.backoff.reset();
        }
        if (badInput.oversized(utf8, bytes, config.maxMessageBytes())) {
            return;
        }
        BinanceFrame frame;
        try {
            frame = parser.parse(utf8);
        } catch (BadInputException e) {
            badInput.record(e, utf8);
            return;
        } catch (RuntimeException e) {
            badInput.record(new BadInputException("invalid", String.valueOf(e.getMessage())), utf8);
            return;
        }
        if (frame instanceof BinanceFrame.Kline k) {
            onKline(c, k.candle());
        } else if (frame instanceof BinanceFrame.Reply r) {
            controlReplies.inc();
            if (r.error() != null) {
                controlErrors.inc();
                LOG.warn("{}: request {} on connection {} failed: {}", component, r.id(), c.id, r.error());
                onRefused(c, c.refused(r.id()), r.error());
            } else {
                c.accepted(r.id());
            }
        } else if (frame instanceof BinanceFrame.Shutdown) {
            LOG.info("{}: server announced shutdown of connection {}; reconnecting", component, c.id);
            c.drop("serverShutdown");
        } else {
            ignoredMessages.inc();
        }
    }

    /**
     * A refused SUBSCRIBE of one stream names it: the stream is dropped as unknown, its connection keeps
     * the others. A refused request of several leaves them as suspects to be subscribed one by one.
     */
    private void onRefused(BinanceConnection c, List<String> names, String error) {
        if (names.size() != 1) {
            if (!names.isEmpty()) {
                LOG.warn(
                        "{}: connection {}: the venue refused one of {}; subscribing them one by one",
                        component,
                        c.id,
                        names);
                c.flush(clock.millis());
            }
            return;
        }
        for (KlineStream s : List.copyOf(streams.values())) {
            if (s.streamName.equals(names.get(0)) && !s.unknown) {
                refusedStreams.inc();
                markUnknown(s, "SUBSCRIBE refused: " + error);
            }
        }
    }

    private void onKline(BinanceConnection c, Candle kline) {
        KlineStream s = streams.get(kline.instrument().symbol());
        if (s == null || kline.interval() != Interval.M1 || !c.wanted.contains(s.streamName)) {
            ignoredMessages.inc();
            return;
        }
        s.lastMessageTime = clock.millis();
        s.lastMessageNanos = System.nanoTime();
        s.lastKlineOpen = Math.max(s.lastKlineOpen, kline.openTime());
        if (c.replacing != null && s.connection != c) {
            // A rotation's replacement: once it has delivered a closed kline of every stream, the old one goes.
            seam.shadow(s, kline);
            if (kline.closed()) {
                c.closedSeen.add(s.streamName);
                if (c.closedSeen.containsAll(c.wanted)) {
                    rotation.finish(c);
                }
            }
            return;
        }
        seam.live(s, kline);
    }
}
