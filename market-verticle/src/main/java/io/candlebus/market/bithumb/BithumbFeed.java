package io.candlebus.market.bithumb;

import io.candlebus.contract.Candle;
import io.candlebus.contract.CandleSource;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.StreamState;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.Trade;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Feed;
import io.candlebus.market.FeedConnection;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.candlebus.market.SlidingWindowLimiter;
import io.candlebus.market.SymbolDirectory;
import io.candlebus.market.SymbolLists;
import io.candlebus.market.candle.QuietMinutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Bithumb trades of every followed market code over one websocket and joins them to REST
 * minute candles without gap or duplicate.
 *
 * <p>Seam: the first live trade on a connection falls in minute S, whose earlier trades the websocket
 * missed. Minutes up to and including S come from REST, fetched once S is over on the venue (clock
 * past S + 1 minute + grace; REST for a closed minute is exact); trades after S are held until then and
 * released right after the REST candles, so the aggregator builds S + 1 onwards from complete trade
 * data and the partial minute S is never published from trades. After a reconnect the same happens,
 * REST starting from the last minute that had live trades (its candle was in doubt).
 *
 * <p>Bithumb REST candles carry no trade count and no taker-buy volumes: those are 0 in the candles
 * published from REST (source REST). REST omits minutes without trades: the feed publishes them as flat
 * zero-volume candles at the previous close (source AGGREGATED, ADR 0004), between rows and after the last
 * candle it published, never before a code's first known candle; live, the aggregator closes them the same
 * way. Trades are de-duplicated by {@code sequential_id}; SNAPSHOT repeats of known trades are skipped. A
 * text {@code PING} keeps the connection alive. Connection attempts stay within Bithumb's 10 per second.
 *
 * <p>Nothing is subscribed before {@code /v1/market/all} was asked once (refreshed hourly): a code it
 * does not list is never subscribed and shows as {@code unknown} ({@link CodeCheck}).
 *
 * <p>Adding or removing a code disturbs no other code: a removed code's trades are dropped while the
 * running connection still sends them; an added code is subscribed by a replacement connection that takes
 * over from the running one once their overlap is proven ({@link Handover}), else a reconnect.
 */
public final class BithumbFeed implements Feed {
    private static final Logger LOG = LoggerFactory.getLogger(BithumbFeed.class);
    private static final String COMPONENT = "market.bithumb";
    private static final int PAGE_COUNT = 200;
    private static final long QUIET_SEAM_MILLIS = 60_000;
    private static final DateTimeFormatter KST_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    /** Bithumb's limit on connection attempts per IP, per second of real time. */
    private static final int CONNECTS_PER_SECOND = 10;
    /** How far before a REST range the feed looks for the close its first quiet minutes repeat. */
    private static final long LOOKBACK_MILLIS = 60 * 60_000L;
    /** Clock time a handover may take to prove its overlap before the feed falls back to a reconnect. */
    private static final long HANDOVER_CLOCK_MILLIS = 2 * 60_000L;
    /** Real time a handover may take at least: at a fast sim clock, 2 minutes are too short for a handshake. */
    private static final long HANDOVER_REAL_NANOS = 10_000_000_000L;
    /** Trades a replacement may deliver before its handover is given up. */
    private static final int MAX_HANDOVER_BUFFER = 200_000;
    /** Clock time between two loads of the market list. */
    private static final long MARKETS_REFRESH_MILLIS = 3_600_000L;
    /** Clock time before the market list is asked again early (a failed load, an unlisted code). */
    private static final long MARKETS_RECHECK_MILLIS = 60_000L;

    private final Vertx vertx;
    private final WebSocketClient wsClient;
    /** The connection whose trades are published. */
    private FeedConnection link;
    /** A replacement subscribed to a bigger set of codes, proving its overlap with {@link #link}. */
    private FeedConnection candidate;
    /** The overlap proof of {@link #candidate}; null when no handover runs. */
    private Handover handover;
    /** Whether the handover's replacement still has to be opened (the connection-attempt cap deferred it). */
    private boolean candidateDue;

    private boolean candidateHeard;
    private boolean candidateAnswered;
    private long candidatePingClock;
    private long candidatePingNanos;
    /**
     * Codes removed while a connection subscribed to them may still be running: their trades are dropped
     * quietly (ignored messages), not counted as bad input for an unknown code.
     */
    private final Map<String, Instrument> unsubscribed = new HashMap<>();

    private final RestClient rest;
    private final Clock clock;
    private final MarketConfig config;
    private final FeedSink sink;
    private final BithumbTradeParser parser;
    private final BadInputCounter badInput;
    private final Map<String, CodeState> codes = new TreeMap<>();
    private final Backoff reconnectBackoff;
    /** Connection attempts in the last real second (the venue counts them in real time). */
    private final SlidingWindowLimiter connectAttempts = new SlidingWindowLimiter(CONNECTS_PER_SECOND, 1_000);
    /** REST requests in the last real second: Bithumb sends no weight header, so this is the REST load. */
    private final SlidingWindowLimiter restRequests = new SlidingWindowLimiter(Integer.MAX_VALUE, 1_000);
    /**
     * Per code, the last 1m candle or trade published: a minute without trades repeats its close. Kept when
     * a code is removed, so that a re-added code continues from it.
     */
    private final Map<String, QuietMinutes.Previous> lastKnown = new HashMap<>();
    /** Codes held back until the market list is in, and codes it does not list. */
    private final CodeCheck check;

    private boolean started;

    private boolean stopped;
    private boolean backingOff;
    private boolean heardSinceConnect;
    /** Whether the current connection has answered a PING: only then can silence mean a quiet market. */
    private boolean answeredSinceConnect;
    /** The seam minute of the current connection, set by its first live trade. */
    private long connectionSeam = CodeState.NONE;

    private long lastPingClock;
    private long lastPingNanos;
    private long lastEventTime;
    /** Clock time of the last message handled, MIN_VALUE if none yet. */
    private long lastHeard = Long.MIN_VALUE;

    private long messages;
    private long tradesPublished;
    private long duplicates;
    private long snapshotsSkipped;
    private long beforeSeam;
    private long reconnects;
    private long stalls;
    private long resubscribes;
    private long recoveries;
    private long gapsFilled;
    private long restRows;
    private long pings;
    private long statusUp;
    private long venueErrors;
    private long ignoredMessages;
    private long quietMinutes;
    private long connectsDeferred;
    private long handovers;
    private long handoversAbandoned;

    public BithumbFeed(
            Vertx vertx, WebSocketClient wsClient, RestClient rest, Clock clock, MarketConfig config, FeedSink sink) {
        this.vertx = vertx;
        this.wsClient = wsClient;
        this.rest = rest;
        this.clock = clock;
        this.config = config;
        this.link = newConnection();
        this.sink = sink;
        this.parser = new BithumbTradeParser(this::instrumentOf);
        this.badInput = new BadInputCounter(LOG, COMPONENT);
        this.reconnectBackoff = new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis());
        this.check = new CodeCheck(
                new SymbolDirectory(this::loadMarkets, clock, MARKETS_REFRESH_MILLIS, MARKETS_RECHECK_MILLIS),
                LOG,
                COMPONENT);
    }

    private Future<Set<String>> loadMarkets() {
        restRequests.tryAcquire(realMillis());
        return rest.get(config.bithumb().restUrl() + "/v1/market/all", Map.of()).compose(body -> {
            try {
                return Future.succeededFuture(SymbolLists.bithumbMarkets(body));
            } catch (BadInputException e) {
                badInput.record(e, "market/all");
                return Future.failedFuture(new RestException(200, 0, "unusable market/all body: " + e.getMessage()));
            }
        });
    }

    @Override
    public Future<SymbolDirectory.Verdict> check(Instrument instrument) {
        return check.markets().check(instrument.symbol());
    }

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public Set<String> feedKeys() {
        return Set.of("bithumb:spot");
    }

    @Override
    public void start() {
        started = true;
        check.markets().ready().onComplete(v -> {
            if (stopped) {
                return;
            }
            if (check.markets().size() < 0) {
                LOG.warn(
                        "{}: could not load the market list ({}); following codes unchecked",
                        COMPONENT,
                        check.markets().lastError());
            }
            check.release().forEach(this::add);
            connectIfNeeded();
        });
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        Future<Void> replacement = candidate != null ? candidate.retire() : Future.succeededFuture();
        handover = null;
        candidate = null;
        return Future.all(link.retire(), replacement).mapEmpty();
    }

    @Override
    public void add(Instrument instrument) {
        if (codes.containsKey(instrument.symbol()) || check.holds(instrument.symbol()) || !check.admit(instrument)) {
            return;
        }
        CodeState cs = new CodeState(instrument, new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()));
        cs.waitingSince = clock.millis();
        cs.messagesAtAdd = messages;
        codes.put(instrument.symbol(), cs);
        unsubscribed.remove(instrument.symbol());
        sink.suspend(instrument);
        if (!link.isOpen()) {
            // The subscription sent when the connection opens carries every code.
            connectIfNeeded();
            return;
        }
        cs.onLink = false;
        beginHandover("subscribing " + instrument.symbol());
    }

    @Override
    public void remove(Instrument instrument) {
        if (check.remove(instrument.symbol())) {
            return;
        }
        CodeState cs = codes.remove(instrument.symbol());
        if (cs == null) {
            return;
        }
        cs.removed = true;
        cs.buffer.clear();
        // No new subscription: the running connection keeps delivering the code, its trades are dropped and
        // the next connection no longer subscribes it. Other codes see nothing of it.
        unsubscribed.put(instrument.symbol(), instrument);
        if (codes.isEmpty()) {
            abandonHandover();
            link.retire();
            dropConnection();
            return;
        }
        if (handover != null) {
            handover.forget(instrument.symbol());
            switchIfProven();
        }
    }

    /**
     * Re-covers by reconnecting, as after a lost connection (every code is suspended and joined to REST again at
     * its new seam), REST starting no later than where the candle shard is unsure.
     */
    @Override
    public void recover(Map<Instrument, Long> fromOpenTime) {
        if (stopped || codes.isEmpty()) {
            return;
        }
        recoveries++;
        abandonHandover();
        if (link.isOpen() || link.isConnecting()) {
            link.retire();
        }
        dropConnection();
        for (Map.Entry<Instrument, Long> e : fromOpenTime.entrySet()) {
            CodeState cs = codes.get(e.getKey().symbol());
            if (cs == null) {
                continue;
            }
            long from = e.getValue();
            if (from == CodeState.NONE) {
                // The shard has nothing of it: the whole warm-up again.
                cs.restFrom = CodeState.NONE;
                cs.historyUntil = CodeState.NONE;
                cs.warmupRequested = false;
            } else {
                cs.restFrom = cs.restFrom == CodeState.NONE ? from : Math.min(cs.restFrom, from);
            }
        }
        LOG.info("{}: reconnecting to re-cover {} from REST (a candle shard lost an event)", COMPONENT, fromOpenTime);
        connectIfNeeded();
    }

    /**
     * Handles {@code utf8} as a message of the published connection's socket (its frame handler's path), on the feed's
     * event loop: the bench's entry.
     */
    public void onFrame(byte[] utf8) {
        link.deliver(utf8);
    }

    @Override
    public Set<Instrument> instruments() {
        TreeSet<Instrument> out =
                codes.values().stream().map(c -> c.instrument).collect(Collectors.toCollection(TreeSet::new));
        out.addAll(check.instruments());
        return out;
    }

    @Override
    public void tick(long now) {
        if (started && !stopped) {
            check.markets().tick(now);
            check.release().forEach(this::add);
            // A feed with codes is never left without a connection: a reconnect whose timer found nothing to
            // do is made here (connectIfNeeded does nothing while connected, connecting or backing off).
            connectIfNeeded();
        }
        watchStall(now);
        ClientWebSocket ws = link.socket();
        if (ws != null) {
            keepAlive(ws, now);
        }
        watchHandover(now);
        for (CodeState cs : new ArrayList<>(codes.values())) {
            if (ws != null
                    && answeredSinceConnect
                    && cs.onLink
                    && cs.phase == CodeState.Phase.WAITING
                    && now - cs.waitingSince >= QUIET_SEAM_MILLIS) {
                // A quiet market: no trade for a minute on a connection that answers, so the minute after this
                // one is surely covered. A connection that never answered may be stalled: when it resumes
                // without replaying what it missed, its first trade sets the seam instead.
                beginSeam(cs, Interval.M1.openTimeOf(now));
            }
            if (cs.phase == CodeState.Phase.SEAM && !cs.fetching && cs.fetchAt != CodeState.NONE && now >= cs.fetchAt) {
                cs.fetchAt = CodeState.NONE;
                startSeamFetch(cs);
            }
        }
    }

    @Override
    public String state() {
        if (!started) {
            return "starting";
        }
        if (!stopped && codes.isEmpty() && check.unknownCount() > 0) {
            return StreamState.UNKNOWN.wireName();
        }
        if (stopped || codes.isEmpty()) {
            return "stopped";
        }
        if (backingOff) {
            return "backing-off";
        }
        if (!link.isOpen()) {
            return "connecting";
        }
        return codes.values().stream().allMatch(c -> c.phase == CodeState.Phase.LIVE) ? "live" : "recovering";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("messages", messages);
        c.put("trades", tradesPublished);
        c.put("recoveries", recoveries);
        c.put("duplicates", duplicates);
        c.put("snapshotsSkipped", snapshotsSkipped);
        c.put("beforeSeam", beforeSeam);
        c.put("reconnects", reconnects);
        c.put("stalls", stalls);
        c.put("resubscribes", resubscribes);
        c.put("gapsFilled", gapsFilled);
        c.put("restRequests", rest.requests());
        c.put("restFailures", rest.failures());
        c.put("restRows", restRows);
        c.put("pings", pings);
        c.put("statusUp", statusUp);
        c.put("venueErrors", venueErrors);
        c.put("ignoredMessages", ignoredMessages);
        c.put("quietMinutes", quietMinutes);
        c.put("connectsDeferred", connectsDeferred);
        c.put("handovers", handovers);
        c.put("handoversAbandoned", handoversAbandoned);
        c.put(
                "bufferDropped",
                codes.values().stream().mapToLong(s -> s.bufferDropped).sum());
        c.put("streams", (long) codes.size());
        c.put("unknownSymbols", check.unknownCount());
        c.put("symbolListLoads", check.markets().loads());
        c.put("symbolListFailures", check.markets().failures());
        badInput.exportTo(c);
        return c;
    }

    @Override
    public long lastEventTime() {
        return lastEventTime;
    }

    @Override
    public List<StreamStatus> streams() {
        long restUsed = restRequests.used(realMillis());
        List<StreamStatus> out = new ArrayList<>(codes.size());
        for (CodeState cs : codes.values()) {
            // Every message on the connection proves all its codes current, a quiet one included.
            long lastMessage = messages > cs.messagesAtAdd ? lastHeard : 0;
            out.add(new StreamStatus(
                    cs.instrument,
                    streamState(cs),
                    lastMessage,
                    cs.reconnects,
                    cs.gapsFilled,
                    cs.restFrom != CodeState.NONE ? 1 : 0,
                    restUsed,
                    0));
        }
        out.addAll(check.statuses(restUsed));
        return out;
    }

    private StreamState streamState(CodeState cs) {
        if (cs.phase == CodeState.Phase.LIVE) {
            return StreamState.LIVE;
        }
        if (backingOff || cs.retryPending) {
            return StreamState.BACKING_OFF;
        }
        if (!link.isOpen() || !heardSinceConnect) {
            return StreamState.CONNECTING;
        }
        return StreamState.RECOVERING;
    }

    private static long realMillis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public long aliveUntil() {
        return lastHeard;
    }

    /**
     * Replaces a connection that has sent no frame at all (no trade, no {@code {"status":"UP"}} answer to
     * our PING, no ping of its own) for longer than the stall timeout: a quiet code is never the reason.
     */
    private void watchStall(long now) {
        if (!link.isOpen() || now - link.aliveSince() <= config.stallTimeoutMillis()) {
            return;
        }
        stalls++;
        link.drop("silent for " + (now - link.aliveSince()) + " ms (stalled)");
    }

    private Instrument instrumentOf(String code) {
        CodeState cs = codes.get(code);
        return cs != null ? cs.instrument : unsubscribed.get(code);
    }

    private FeedConnection newConnection() {
        Link listener = new Link();
        FeedConnection connection = new FeedConnection(wsClient, clock, listener, config.maxMessageBytes());
        listener.connection = connection;
        return connection;
    }

    /** Routes a connection's events by its role: the published link, the handover's replacement, or none. */
    private final class Link implements FeedConnection.Listener {
        private FeedConnection connection;

        @Override
        public void onOpen() {
            if (connection == link) {
                opened();
            } else if (connection == candidate) {
                candidateOpened();
            }
        }

        @Override
        public void onMessage(byte[] utf8, long bytes) {
            if (connection == link) {
                message(utf8, bytes);
            } else if (connection == candidate) {
                candidateMessage(utf8, bytes);
            }
        }

        @Override
        public void onLost(String reason, long retryAfterMillis) {
            if (connection == link) {
                lost(reason);
            } else if (connection == candidate) {
                candidateLost(reason);
            }
        }
    }

    // ---- connection ----

    private void connectIfNeeded() {
        if (!started
                || stopped
                || !check.markets().attempted()
                || codes.isEmpty()
                || link.isOpen()
                || link.isConnecting()
                || backingOff) {
            return;
        }
        long real = realMillis();
        if (!connectAttempts.tryAcquire(real)) {
            connectsDeferred++;
            backingOff = true;
            vertx.setTimer(Math.max(1, connectAttempts.nextAllowed(real) - real), id -> {
                backingOff = false;
                connectIfNeeded();
            });
            return;
        }
        link.connect(config.bithumb().wsUrl());
    }

    private void opened() {
        unsubscribed.clear();
        heardSinceConnect = false;
        answeredSinceConnect = false;
        connectionSeam = CodeState.NONE;
        long now = link.connectedAt();
        lastPingClock = now;
        lastPingNanos = System.nanoTime();
        for (CodeState cs : codes.values()) {
            cs.waitingSince = now;
            cs.onLink = true;
        }
        LOG.info("{}: connected to {} ({} codes)", COMPONENT, config.bithumb().wsUrl(), codes.size());
        subscribe(link.socket());
    }

    /**
     * Reconnects after the backoff: a refused handshake's Retry-After is not used, the attempt cap paces it.
     * A handover under way is given up: its replacement's buffered trades overlap what the lost link
     * published into minutes the reconnect seam takes from REST again, so it starts over cleanly instead.
     */
    private void lost(String reason) {
        if (handover != null) {
            handoversAbandoned++;
            abandonHandover();
        }
        onDisconnected(reason);
    }

    private void subscribe(ClientWebSocket ws) {
        JsonArray request = new JsonArray()
                .add(new JsonObject().put("ticket", "candlebus-" + UUID.randomUUID()))
                .add(new JsonObject().put("type", "trade").put("codes", new JsonArray(new ArrayList<>(codes.keySet()))))
                .add(new JsonObject().put("format", "DEFAULT"));
        ws.writeTextMessage(request.encode());
    }

    private void keepAlive(ClientWebSocket ws, long now) {
        long nanos = System.nanoTime();
        long pingNanos = config.pingMillis() * 1_000_000L;
        if (now - lastPingClock >= config.pingMillis() || nanos - lastPingNanos >= pingNanos) {
            lastPingClock = now;
            lastPingNanos = nanos;
            pings++;
            ws.writeTextMessage("PING");
        }
    }

    // ---- handover ----

    /**
     * Changes the subscription of a running connection make-before-break: a replacement subscribes the
     * full set while the running connection keeps publishing. A new request on the running connection
     * could skip the trades of the moment it takes effect (the simulator does, Bithumb's docs are silent)
     * and corrupt the candles of codes already live. A handover already under way starts over with the
     * bigger set.
     */
    private void beginHandover(String reason) {
        Set<String> mustProve = codes.values().stream()
                .filter(c -> c.onLink && c.phase != CodeState.Phase.WAITING)
                .map(c -> c.instrument.symbol())
                .collect(Collectors.toSet());
        if (mustProve.isEmpty()) {
            // Nothing on the running connection has been published or held yet: replacing it costs nothing.
            abandonHandover();
            restartIfConnected(reason);
            return;
        }
        if (candidate != null) {
            candidate.retire();
            candidate = null;
        }
        handover = new Handover(
                mustProve,
                clock.millis() + HANDOVER_CLOCK_MILLIS,
                System.nanoTime() + HANDOVER_REAL_NANOS,
                MAX_HANDOVER_BUFFER);
        candidateDue = true;
        LOG.info("{}: opening a replacement connection ({}); proving {}", COMPONENT, reason, mustProve);
        connectCandidate();
    }

    /** Opens the handover's replacement within the attempt cap; the tick retries a deferred attempt. */
    private void connectCandidate() {
        if (!candidateDue || stopped) {
            return;
        }
        if (!connectAttempts.tryAcquire(realMillis())) {
            return;
        }
        candidateDue = false;
        candidateHeard = false;
        candidateAnswered = false;
        candidate = newConnection();
        candidate.connect(config.bithumb().wsUrl());
    }

    private void candidateOpened() {
        candidatePingClock = clock.millis();
        candidatePingNanos = System.nanoTime();
        subscribe(candidate.socket());
        switchIfProven();
    }

    /** Parses a venue message, or counts it as bad input (oversized, malformed, invalid) and returns null. */
    private BithumbMessage parseOrCount(byte[] utf8, long bytes) {
        if (badInput.oversized(utf8, bytes, config.maxMessageBytes())) {
            return null;
        }
        try {
            return parser.parse(utf8);
        } catch (BadInputException e) {
            badInput.record(e, utf8);
        } catch (RuntimeException e) {
            badInput.record(new BadInputException("invalid", String.valueOf(e.getMessage())), utf8);
        }
        return null;
    }

    /** A replacement's message: trades are buffered for the switch, never published before it. */
    private void candidateMessage(byte[] utf8, long bytes) {
        candidateHeard = true;
        BithumbMessage message = parseOrCount(utf8, bytes);
        if (message == null) {
            return;
        }
        if (message instanceof BithumbMessage.TradeMessage t) {
            CodeState cs = codes.get(t.trade().instrument().symbol());
            if (cs == null) {
                ignoredMessages++;
                return;
            }
            handover.delivered(t.trade(), t.snapshot(), cs.knows(t.trade().tradeId()));
            switchIfProven();
        } else if (message instanceof BithumbMessage.StatusUp) {
            statusUp++;
            candidateAnswered = true;
        } else if (message instanceof BithumbMessage.Error e) {
            venueErrors++;
            LOG.warn("{}: venue error {} on the replacement: {}", COMPONENT, e.name(), e.message());
        } else {
            ignoredMessages++;
        }
    }

    private void candidateLost(String reason) {
        LOG.warn("{}: replacement connection lost during the handover: {}", COMPONENT, reason);
        giveUpHandover("replacement lost: " + reason);
    }

    /** Keeps the replacement alive, opens a deferred one, and gives up a handover that takes too long. */
    private void watchHandover(long now) {
        if (handover == null) {
            return;
        }
        long nanos = System.nanoTime();
        if (handover.failed(now, nanos)) {
            giveUpHandover("overlap not proven for " + handover.unproven());
            return;
        }
        connectCandidate();
        ClientWebSocket ws = candidate != null ? candidate.socket() : null;
        long pingNanos = config.pingMillis() * 1_000_000L;
        if (ws != null
                && (now - candidatePingClock >= config.pingMillis() || nanos - candidatePingNanos >= pingNanos)) {
            candidatePingClock = now;
            candidatePingNanos = nanos;
            pings++;
            ws.writeTextMessage("PING");
        }
    }

    /** Falls back to replacing the connection outright: nothing is lost, the seam goes through REST. */
    private void giveUpHandover(String reason) {
        handoversAbandoned++;
        abandonHandover();
        LOG.warn("{}: handover given up ({}); reconnecting instead", COMPONENT, reason);
        restartIfConnected(reason);
    }

    private void abandonHandover() {
        if (candidate != null) {
            candidate.retire();
        }
        candidate = null;
        handover = null;
        candidateDue = false;
    }

    /**
     * Once every code of the running connection is proven, switches all codes at once (one connection
     * feeds the aggregator at a time): closes the old connection, publishes the replacement's buffered
     * trades the old one had not (in the order received; the per-code de-duplication drops the rest) and
     * continues from the replacement. Codes added by the handover wait for their seam on it as on any new
     * connection: its first live trade, or a quiet minute.
     */
    private void switchIfProven() {
        if (handover == null || candidate == null || !candidate.isOpen() || !handover.proven()) {
            return;
        }
        List<Handover.Delivered> buffered = handover.buffered();
        FeedConnection old = link;
        link = candidate;
        candidate = null;
        handover = null;
        old.retire();
        handovers++;
        heardSinceConnect = candidateHeard;
        answeredSinceConnect = candidateAnswered;
        lastPingClock = candidatePingClock;
        lastPingNanos = candidatePingNanos;
        // The replacement's first live trade sets the seam of the codes it added, as on a new connection.
        connectionSeam = CodeState.NONE;
        for (CodeState cs : codes.values()) {
            cs.onLink = true;
            if (cs.phase == CodeState.Phase.WAITING) {
                // A quiet minute counts only on the connection that now carries the code.
                cs.waitingSince = Math.max(cs.waitingSince, link.connectedAt());
            }
        }
        LOG.info("{}: handed over to the replacement connection ({} trades buffered)", COMPONENT, buffered.size());
        for (Handover.Delivered d : buffered) {
            onTrade(d.trade(), d.snapshot());
        }
    }

    /** Changes the subscription by reconnecting: the new connection goes through the seam and REST fill. */
    private void restartIfConnected(String reason) {
        if (!link.isOpen() && !link.isConnecting()) {
            connectIfNeeded();
            return;
        }
        link.retire();
        dropConnection();
        resubscribes++;
        LOG.info("{}: reconnecting to change the subscription ({})", COMPONENT, reason);
        connectIfNeeded();
    }

    private void onDisconnected(String reason) {
        dropConnection();
        if (stopped || codes.isEmpty()) {
            return;
        }
        reconnects++;
        for (CodeState cs : codes.values()) {
            cs.reconnects++;
        }
        backingOff = true;
        long delay = reconnectBackoff.next();
        LOG.warn("{}: connection lost: {}; reconnecting in {} ms", COMPONENT, reason, delay);
        vertx.setTimer(delay, id -> {
            backingOff = false;
            connectIfNeeded();
        });
    }

    /** Forgets the connection; every code waits for a new seam, REST restarting where live data is in doubt. */
    private void dropConnection() {
        connectionSeam = CodeState.NONE;
        long now = clock.millis();
        for (CodeState cs : codes.values()) {
            if (cs.phase == CodeState.Phase.LIVE) {
                // The candle of the last minute with live trades is in doubt: REST restarts there.
                cs.restFrom = cs.lastTradeMinute != CodeState.NONE && cs.lastTradeMinute >= cs.liveFrom
                        ? cs.lastTradeMinute
                        : cs.liveFrom;
            }
            cs.phase = CodeState.Phase.WAITING;
            cs.seam = CodeState.NONE;
            cs.fetching = false;
            cs.retryPending = false;
            cs.fetchAt = CodeState.NONE;
            cs.fetchToken++;
            cs.buffer.clear();
            cs.waitingSince = now;
            sink.suspend(cs.instrument);
        }
    }

    // ---- messages ----

    private void message(byte[] utf8, long bytes) {
        long now = clock.millis();
        long silent = now - link.dataBefore();
        if (silent > config.stallTimeoutMillis()) {
            // The tick never saw this silence (this process was paused: a GC, a busy host), so the link may
            // have stalled and dropped trades before this message: it is not trusted, REST fills the doubt.
            stalls++;
            link.drop("silent for " + silent + " ms before a message arrived (stalled)");
            return;
        }
        messages++;
        lastEventTime = now;
        lastHeard = lastEventTime;
        if (!heardSinceConnect) {
            heardSinceConnect = true;
            reconnectBackoff.reset();
        }
        BithumbMessage message = parseOrCount(utf8, bytes);
        if (message == null) {
            return;
        }
        if (message instanceof BithumbMessage.TradeMessage t) {
            onTrade(t.trade(), t.snapshot());
            switchIfProven();
        } else if (message instanceof BithumbMessage.StatusUp) {
            statusUp++;
            answeredSinceConnect = true;
        } else if (message instanceof BithumbMessage.Error e) {
            venueErrors++;
            LOG.warn("{}: venue error {}: {}", COMPONENT, e.name(), e.message());
        } else {
            ignoredMessages++;
        }
    }

    private void onTrade(Trade trade, boolean snapshot) {
        CodeState cs = codes.get(trade.instrument().symbol());
        if (cs == null || !cs.onLink) {
            // Removed, or (re-)added and not yet carried by this connection's subscription.
            ignoredMessages++;
            return;
        }
        if (!cs.firstSighting(trade)) {
            duplicates++;
            return;
        }
        if (handover != null) {
            handover.seenOnOld(trade);
        }
        long minute = Interval.M1.openTimeOf(trade.tradeTime());
        if (snapshot) {
            // A snapshot repeats the last trade before the subscription; only a live code can use a new one.
            if (cs.phase == CodeState.Phase.LIVE && minute >= cs.liveFrom) {
                publish(cs, trade);
            } else {
                snapshotsSkipped++;
            }
            return;
        }
        if (connectionSeam == CodeState.NONE) {
            connectionSeam = minute;
            for (CodeState other : codes.values()) {
                if (other.phase == CodeState.Phase.WAITING) {
                    beginSeam(other, minute);
                }
            }
        }
        if (cs.phase == CodeState.Phase.WAITING) {
            beginSeam(cs, minute);
        }
        if (cs.phase == CodeState.Phase.LIVE) {
            publish(cs, trade);
        } else if (minute > cs.seam) {
            cs.hold(trade);
        } else {
            beforeSeam++;
        }
    }

    private void publish(CodeState cs, Trade trade) {
        long minute = Interval.M1.openTimeOf(trade.tradeTime());
        if (minute > cs.lastTradeMinute) {
            cs.lastTradeMinute = minute;
        }
        tradesPublished++;
        remember(cs, minute, trade.price());
        sink.trade(trade);
    }

    /**
     * Returns where to fetch a REST range that starts at {@code from}: there, if the close before it is
     * known (the last candle or trade published is the minute before or later), else an hour earlier, so
     * that a first minute without trades can be published flat at the close of the row before it.
     */
    private long fetchFrom(CodeState cs, long from) {
        QuietMinutes.Previous known = lastKnown.get(cs.instrument.symbol());
        return known != null && known.openTime() >= from - Interval.M1.millis() ? from : from - LOOKBACK_MILLIS;
    }

    /**
     * Publishes the candles of the REST range [from, to) fetched from {@code fetchFrom} (rows by open
     * time), with the minutes REST omits (no trades) as flat candles at the close before them; returns
     * how many were published. No aggregator {@code cover} is sent: the first candle published starts
     * the stream, so a larger bucket whose first minutes are unknown is not taken for complete.
     */
    private int publishRange(CodeState cs, NavigableMap<Long, Candle> rows, long fetchFrom, long from, long to) {
        List<Candle> candles =
                QuietMinutes.fill(cs.instrument, rows, fetchFrom, to, lastKnown.get(cs.instrument.symbol()));
        int published = 0;
        int fromRest = 0;
        for (Candle c : candles) {
            if (c.openTime() < from) {
                continue;
            }
            sink.kline(c);
            remember(cs, c.openTime(), c.close());
            published++;
            if (c.source() != CandleSource.AGGREGATED) {
                fromRest++;
            }
        }
        restRows += fromRest;
        quietMinutes += published - fromRest;
        return published;
    }

    private void remember(CodeState cs, long minute, BigDecimal close) {
        QuietMinutes.Previous known = lastKnown.get(cs.instrument.symbol());
        if (known == null || minute >= known.openTime()) {
            lastKnown.put(cs.instrument.symbol(), new QuietMinutes.Previous(minute, close));
        }
    }

    // ---- seam ----

    private void beginSeam(CodeState cs, long seamMinute) {
        cs.phase = CodeState.Phase.SEAM;
        cs.seam = seamMinute;
        cs.fetchAt = seamMinute + Interval.M1.millis() + config.closeGraceMillis();
        cs.buffer.removeIf(t -> Interval.M1.openTimeOf(t.tradeTime()) <= seamMinute);
        if (!cs.warmupRequested && cs.restFrom == CodeState.NONE) {
            startHistoryFetch(cs);
        }
    }

    /**
     * Publishes the warm-up history (every minute before the seam minute, all over on the venue) at once,
     * rather than when the seam minute ends: bands need that history, and waiting would keep them off
     * the status page for up to a minute. The seam fetch then continues from the seam minute; if this
     * fetch fails or is late, the seam fetch covers the whole range itself and the aggregator drops the
     * repeats.
     */
    private void startHistoryFetch(CodeState cs) {
        Interval largest = config.largestInterval();
        long to = cs.seam;
        long from = largest.openTimeOf(to + Interval.M1.millis()) - (long) config.warmupCandles() * largest.millis();
        cs.warmupRequested = true;
        long token = cs.fetchToken;
        long fetchFrom = fetchFrom(cs, from);
        TreeMap<Long, Candle> rows = new TreeMap<>();
        fetchPage(cs, fetchFrom, to, to, rows).onComplete(ar -> {
            if (ar.failed()
                    || cs.removed
                    || stopped
                    || token != cs.fetchToken
                    || cs.phase != CodeState.Phase.SEAM
                    || cs.fetching) {
                return;
            }
            publishRange(cs, rows, fetchFrom, from, to);
            cs.historyUntil = to;
        });
    }

    private void startSeamFetch(CodeState cs) {
        long to = cs.seam + Interval.M1.millis();
        long from;
        if (cs.restFrom != CodeState.NONE) {
            from = cs.restFrom;
        } else if (cs.historyUntil != CodeState.NONE) {
            from = cs.historyUntil;
        } else {
            Interval largest = config.largestInterval();
            from = largest.openTimeOf(to) - (long) config.warmupCandles() * largest.millis();
        }
        cs.warmupRequested = true;
        cs.fetching = true;
        long token = ++cs.fetchToken;
        long fetchFrom = fetchFrom(cs, from);
        TreeMap<Long, Candle> rows = new TreeMap<>();
        fetchPage(cs, fetchFrom, to, to, rows).onComplete(ar -> {
            if (cs.removed || token != cs.fetchToken || stopped) {
                return;
            }
            if (ar.failed()) {
                cs.fetching = false;
                cs.retryPending = true;
                long retryAfter = ar.cause() instanceof RestException re ? re.retryAfterMillis() : 0;
                long delay = cs.restBackoff.next();
                LOG.warn(
                        "{}: REST candles for {} failed ({}); retrying in {} ms, venue asked for {} ms",
                        COMPONENT,
                        cs.instrument,
                        ar.cause().getMessage(),
                        delay,
                        retryAfter);
                Retry.after(vertx, clock, delay, clock.millis() + retryAfter, () -> {
                    cs.retryPending = false;
                    if (!cs.removed && token == cs.fetchToken && cs.phase == CodeState.Phase.SEAM && !cs.fetching) {
                        startSeamFetch(cs);
                    }
                });
                return;
            }
            cs.restBackoff.reset();
            finishSeam(cs, rows, fetchFrom, from, to);
        });
    }

    /** Fetches candles in [from, to), newest first, paging backwards with the exclusive KST {@code to}. */
    private Future<Void> fetchPage(CodeState cs, long from, long to, long pageTo, TreeMap<Long, Candle> rows) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("market", cs.instrument.symbol());
        query.put("count", Integer.toString(PAGE_COUNT));
        query.put(
                "to",
                LocalDateTime.ofEpochSecond(Math.floorDiv(pageTo, 1000), 0, KST).format(KST_FORMAT));
        restRequests.tryAcquire(realMillis());
        return rest.get(config.bithumb().restUrl() + "/v1/candles/minutes/1", query)
                .compose(body -> {
                    List<Candle> page;
                    try {
                        page = BithumbCandleParser.parse(body, cs.instrument, e -> badInput.record(e, "REST candles"));
                    } catch (BadInputException e) {
                        badInput.record(e, new String(body, StandardCharsets.UTF_8));
                        return Future.failedFuture(
                                new RestException(200, 0, "unusable candles body: " + e.getMessage()));
                    }
                    long oldest = Long.MAX_VALUE;
                    for (Candle c : page) {
                        oldest = Math.min(oldest, c.openTime());
                        if (c.openTime() >= from && c.openTime() < to) {
                            rows.putIfAbsent(c.openTime(), c);
                        }
                    }
                    boolean more = page.size() >= PAGE_COUNT && oldest > from && oldest < pageTo;
                    return more ? fetchPage(cs, from, to, oldest, rows) : Future.succeededFuture();
                });
    }

    private void finishSeam(CodeState cs, NavigableMap<Long, Candle> rows, long fetchFrom, long from, long to) {
        boolean gapFill = cs.restFrom != CodeState.NONE;
        int published = publishRange(cs, rows, fetchFrom, from, to);
        cs.liveFrom = cs.seam + Interval.M1.millis();
        sink.resume(cs.instrument, cs.liveFrom);
        cs.phase = CodeState.Phase.LIVE;
        cs.fetching = false;
        cs.restFrom = CodeState.NONE;
        cs.historyUntil = CodeState.NONE;
        if (gapFill) {
            gapsFilled++;
            cs.gapsFilled++;
        }
        LOG.info(
                "{}: {} joined to REST: {} candles ({} without trades) from {} through seam {}, live from {}",
                COMPONENT,
                cs.instrument,
                published,
                published - rows.tailMap(from).size(),
                from,
                cs.seam,
                cs.liveFrom);
        List<Trade> held = new ArrayList<>(cs.buffer);
        cs.buffer.clear();
        for (Trade trade : held) {
            if (trade.tradeTime() >= cs.liveFrom) {
                publish(cs, trade);
            }
        }
    }
}
