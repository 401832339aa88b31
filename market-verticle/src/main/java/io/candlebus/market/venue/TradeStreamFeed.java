package io.candlebus.market.venue;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
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
import io.candlebus.market.SlidingWindowLimiter;
import io.candlebus.market.SymbolDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the trades of every followed market code of one venue of the Upbit v1 family ({@link TradeVenue})
 * over one websocket and joins them to REST minute candles without gap or duplicate ({@link SeamFill}).
 *
 * <p>REST candles carry no trade count and no taker-buy volumes: those are 0 in the candles published
 * from REST (source REST). Trades are de-duplicated by {@code sequential_id}; SNAPSHOT repeats of known
 * trades are skipped. A text {@code PING} keeps the connection alive. Connection attempts stay within the
 * venue's cap per second.
 *
 * <p>Nothing is subscribed before {@code /v1/market/all} was asked once (refreshed hourly): a code it
 * does not list is never subscribed and shows as {@code unknown} ({@link CodeCheck}).
 *
 * <p>Adding or removing a code disturbs no other code: a removed code's trades are dropped while the
 * running connection still sends them; an added code is subscribed by a replacement connection that takes
 * over from the running one once their overlap is proven ({@link Replacement}), else a reconnect.
 */
public class TradeStreamFeed implements Feed {
    private static final Logger LOG = LoggerFactory.getLogger(TradeStreamFeed.class);
    private static final long QUIET_SEAM_MILLIS = 60_000;
    /** Clock time between two loads of the market list. */
    private static final long MARKETS_REFRESH_MILLIS = 3_600_000L;
    /** Clock time before the market list is asked again early (a failed load, an unlisted code). */
    private static final long MARKETS_RECHECK_MILLIS = 60_000L;

    private final Vertx vertx;
    private final WebSocketClient wsClient;
    private final Clock clock;
    private final MarketConfig config;
    private final FeedSink sink;
    private final TradeVenue venue;
    private final String component;
    private final TradeVenue.Reader reader;
    private final BadInputCounter badInput;
    private final FeedCounters counters = new FeedCounters();
    private final Map<String, CodeState> codes = new TreeMap<>();
    /**
     * Codes removed while a connection subscribed to them may still be running: their trades are dropped
     * quietly (ignored messages), not counted as bad input for an unknown code.
     */
    private final Map<String, Instrument> unsubscribed = new HashMap<>();

    private final Backoff reconnectBackoff;
    /** Connection attempts in the last real second (the venue counts them in real time). */
    private final SlidingWindowLimiter connectAttempts;
    /** Codes held back until the market list is in, and codes it does not list. */
    private final CodeCheck check;

    private final SeamFill seam;
    private final Replacement replacement;
    private final TradeIntake intake;
    /** The connection whose trades are published. */
    private TradeLink link;

    private boolean started;
    /** Whether the market list was asked for since the start. */
    private boolean listAsked;

    private boolean stopped;
    private boolean backingOff;

    private long lastEventTime;
    /** Clock time of the last message handled, MIN_VALUE if none yet. */
    private long lastHeard = Long.MIN_VALUE;

    private final FeedCounters.Counter messages;
    private final FeedCounters.Counter reconnects;
    private final FeedCounters.Counter stalls;
    private final FeedCounters.Counter resubscribes;
    private final FeedCounters.Counter recoveries;
    private final FeedCounters.Counter pings;
    private final FeedCounters.Counter connectsDeferred;

    /**
     * A feed of {@code venue}; {@code rest} is the client the venue's requests go through (its request and
     * failure counts are reported).
     */
    protected TradeStreamFeed(
            Vertx vertx,
            WebSocketClient wsClient,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            TradeVenue venue) {
        this.vertx = vertx;
        this.wsClient = wsClient;
        this.clock = clock;
        this.config = config;
        this.sink = sink;
        this.venue = venue;
        this.component = venue.component();
        this.reader = venue.reader(this::instrumentOf);
        this.badInput = venue.badInput();
        this.reconnectBackoff = new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis());
        this.connectAttempts = new SlidingWindowLimiter(venue.connectsPerSecond(), 1_000);
        this.check = new CodeCheck(
                new SymbolDirectory(venue::loadMarkets, clock, MARKETS_REFRESH_MILLIS, MARKETS_RECHECK_MILLIS),
                LOG,
                component);
        // Registered in the order the heartbeat lists them.
        this.messages = counters.counter("messages");
        counters.counter("trades");
        counters.counter("duplicates");
        counters.counter("snapshotsSkipped");
        counters.counter("beforeSeam");
        this.reconnects = counters.counter("reconnects");
        this.stalls = counters.counter("stalls");
        this.resubscribes = counters.counter("resubscribes");
        this.recoveries = counters.counter("recoveries");
        counters.counter("gapsFilled");
        counters.gauge("restRequests", rest::requests);
        counters.gauge("restFailures", rest::failures);
        counters.counter("restRows");
        this.pings = counters.counter("pings");
        counters.counter("statusUp");
        counters.counter("venueErrors");
        counters.counter("ignoredMessages");
        counters.counter("quietMinutes");
        this.connectsDeferred = counters.counter("connectsDeferred");
        counters.counter("handovers");
        counters.counter("handoversAbandoned");
        counters.gauge(
                "bufferDropped",
                () -> codes.values().stream().mapToLong(s -> s.bufferDropped).sum());
        counters.gauge("streams", codes::size);
        counters.gauge("unknownSymbols", check::unknownCount);
        counters.gauge("symbolListLoads", () -> check.markets().loads());
        counters.gauge("symbolListFailures", () -> check.markets().failures());
        venue.registerCounters(counters);
        this.seam = new SeamFill(vertx, clock, config, sink, venue, counters, new SeamFill.Owner() {
            @Override
            public void publish(CodeState cs, Trade trade) {
                intake.publish(cs, trade);
            }

            @Override
            public boolean stopped() {
                return stopped;
            }
        });
        this.replacement = new Replacement(clock, venue, config.pingMillis(), counters, new ReplacementOwner());
        this.link = newLink();
        this.intake = new TradeIntake(codes, seam, replacement, sink, () -> link, component, counters);
    }

    @Override
    public Future<SymbolDirectory.Verdict> check(Instrument instrument) {
        return check.markets().check(instrument.symbol());
    }

    @Override
    public String component() {
        return component;
    }

    @Override
    public Set<String> feedKeys() {
        return Set.of(venue.feedKey());
    }

    @Override
    public void start() {
        started = true;
        if (following()) {
            askList();
        }
    }

    /**
     * Asks the venue's market list once, then releases the codes that waited for it and connects. A feed
     * that follows nothing asks nothing: a node not following this venue never calls it.
     */
    private void askList() {
        if (listAsked) {
            return;
        }
        listAsked = true;
        check.markets().ready().onComplete(v -> {
            if (stopped) {
                return;
            }
            if (check.markets().size() < 0) {
                LOG.warn(
                        "{}: could not load the market list ({}); following codes unchecked",
                        component,
                        check.markets().lastError());
            }
            check.release().forEach(this::add);
            connectIfNeeded();
        });
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        return Future.all(link.connection.retire(), replacement.stop()).mapEmpty();
    }

    @Override
    public void add(Instrument instrument) {
        if (codes.containsKey(instrument.symbol()) || check.holds(instrument.symbol())) {
            return;
        }
        if (!check.admit(instrument)) {
            if (started && !stopped) {
                askList();
            }
            return;
        }
        CodeState cs = new CodeState(instrument, new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis()));
        cs.waitingSince = clock.millis();
        cs.messagesAtAdd = messages.get();
        codes.put(instrument.symbol(), cs);
        unsubscribed.remove(instrument.symbol());
        sink.suspend(instrument);
        if (!link.isOpen()) {
            // The subscription sent when the connection opens carries every code.
            connectIfNeeded();
            return;
        }
        cs.onLink = false;
        Set<String> mustProve = codes.values().stream()
                .filter(c -> c.onLink && c.phase != CodeState.Phase.WAITING)
                .map(c -> c.instrument.symbol())
                .collect(Collectors.toSet());
        replacement.begin(mustProve, "subscribing " + instrument.symbol());
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
            replacement.abandon();
            link.connection.retire();
            dropConnection();
            return;
        }
        replacement.forget(instrument.symbol());
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
        recoveries.inc();
        replacement.abandon();
        if (link.isOpen() || link.connection.isConnecting()) {
            link.connection.retire();
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
        LOG.info("{}: reconnecting to re-cover {} from REST (a candle shard lost an event)", component, fromOpenTime);
        connectIfNeeded();
    }

    /**
     * Handles {@code utf8} as a message of the published connection's socket (its frame handler's path), on the feed's
     * event loop: the bench's entry.
     */
    public void onFrame(byte[] utf8) {
        link.connection.deliver(utf8);
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
        if (started && !stopped && following()) {
            askList();
            check.markets().tick(now);
            check.release().forEach(this::add);
            // A feed with codes is never left without a connection: a reconnect whose timer found nothing to
            // do is made here (connectIfNeeded does nothing while connected, connecting or backing off).
            connectIfNeeded();
        }
        watchStall(now);
        boolean open = link.isOpen();
        if (link.keepAlive(now, config.pingMillis())) {
            pings.inc();
        }
        replacement.tick(now);
        for (CodeState cs : new ArrayList<>(codes.values())) {
            if (open
                    && link.answered
                    && cs.onLink
                    && cs.phase == CodeState.Phase.WAITING
                    && now - cs.waitingSince >= QUIET_SEAM_MILLIS) {
                // A quiet market: no trade for a minute on a connection that answers, so the minute after this
                // one is surely covered. A connection that never answered may be stalled: when it resumes
                // without replaying what it missed, its first trade sets the seam instead.
                seam.begin(cs, Interval.M1.openTimeOf(now));
            }
            seam.tick(cs, now);
        }
    }

    @Override
    public String state() {
        return TradeStatus.state(status(), codes.values(), check);
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
    public List<StreamStatus> streams() {
        return TradeStatus.streams(status(), codes.values(), check);
    }

    private TradeStatus.Snapshot status() {
        return new TradeStatus.Snapshot(
                started,
                stopped,
                backingOff,
                link.isOpen(),
                link.heard,
                messages.get(),
                lastHeard,
                venue.restUsed(),
                venue.bannedUntil());
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
        FeedConnection c = link.connection;
        if (!c.isOpen() || now - c.aliveSince() <= config.stallTimeoutMillis()) {
            return;
        }
        stalls.inc();
        c.drop("silent for " + (now - c.aliveSince()) + " ms (stalled)");
    }

    /** Returns whether any code is followed, subscribed or held back by the market-list check. */
    private boolean following() {
        return !codes.isEmpty() || !check.instruments().isEmpty();
    }

    private Instrument instrumentOf(String code) {
        CodeState cs = codes.get(code);
        return cs != null ? cs.instrument : unsubscribed.get(code);
    }

    private TradeLink newLink() {
        Routing routing = new Routing();
        TradeLink l = new TradeLink(wsClient, clock, routing, config.maxMessageBytes());
        routing.link = l;
        return l;
    }

    private String subscription() {
        return venue.subscription(new ArrayList<>(codes.keySet()));
    }

    /** Routes a connection's events by its role: the published link, the handover's replacement, or none. */
    private final class Routing implements FeedConnection.Listener {
        private TradeLink link;

        @Override
        public void onOpen() {
            if (link == TradeStreamFeed.this.link) {
                opened();
            } else if (replacement.isCandidate(link)) {
                replacement.opened(subscription());
            }
        }

        @Override
        public void onMessage(byte[] utf8, long bytes) {
            if (link == TradeStreamFeed.this.link) {
                message(utf8, bytes);
            } else if (replacement.isCandidate(link)) {
                replacement.message(utf8, bytes);
            }
        }

        @Override
        public void onLost(String reason, long retryAfterMillis) {
            if (link == TradeStreamFeed.this.link) {
                // A handover under way is given up: its replacement's buffered trades overlap what the lost
                // link published into minutes the reconnect seam takes from REST again, so it starts over.
                replacement.lostRunning();
                onDisconnected(reason);
            } else if (replacement.isCandidate(link)) {
                replacement.lost(reason);
            }
        }
    }

    private final class ReplacementOwner implements Replacement.Owner {
        @Override
        public CodeState code(String symbol) {
            return codes.get(symbol);
        }

        @Override
        public TradeLink newLink() {
            return TradeStreamFeed.this.newLink();
        }

        @Override
        public boolean tryConnect() {
            return connectAttempts.tryAcquire(realMillis());
        }

        @Override
        public void restart(String reason) {
            restartIfConnected(reason);
        }

        @Override
        public void takeOver(TradeLink next, List<Handover.Delivered> buffered) {
            TradeStreamFeed.this.takeOver(next, buffered);
        }

        @Override
        public boolean read(byte[] utf8, long bytes, TradeVenue.Messages to) {
            return TradeStreamFeed.this.read(utf8, bytes, to);
        }

        @Override
        public boolean stopped() {
            return stopped;
        }
    }

    // ---- connection ----

    private void connectIfNeeded() {
        if (!started
                || stopped
                || !check.markets().attempted()
                || codes.isEmpty()
                || link.isOpen()
                || link.connection.isConnecting()
                || backingOff) {
            return;
        }
        long real = realMillis();
        if (!connectAttempts.tryAcquire(real)) {
            connectsDeferred.inc();
            backingOff = true;
            vertx.setTimer(Math.max(1, connectAttempts.nextAllowed(real) - real), id -> {
                backingOff = false;
                connectIfNeeded();
            });
            return;
        }
        link.connection.connect(venue.wsUrl());
    }

    private void opened() {
        unsubscribed.clear();
        long now = link.connection.connectedAt();
        link.opened(now);
        intake.newConnection();
        for (CodeState cs : codes.values()) {
            cs.waitingSince = now;
            cs.onLink = true;
        }
        LOG.info("{}: connected to {} ({} codes)", component, venue.wsUrl(), codes.size());
        link.send(subscription());
    }

    /**
     * Switches every code at once to the handover's replacement: the old connection closes, the
     * replacement's first live trade sets the seam of the codes it added, as on a new connection.
     */
    private void takeOver(TradeLink next, List<Handover.Delivered> buffered) {
        TradeLink old = link;
        link = next;
        old.connection.retire();
        intake.newConnection();
        for (CodeState cs : codes.values()) {
            cs.onLink = true;
            if (cs.phase == CodeState.Phase.WAITING) {
                // A quiet minute counts only on the connection that now carries the code.
                cs.waitingSince = Math.max(cs.waitingSince, link.connection.connectedAt());
            }
        }
        LOG.info("{}: handed over to the replacement connection ({} trades buffered)", component, buffered.size());
        for (Handover.Delivered d : buffered) {
            intake.trade(d.trade(), d.snapshot());
        }
    }

    /** Changes the subscription by reconnecting: the new connection goes through the seam and REST fill. */
    private void restartIfConnected(String reason) {
        if (!link.isOpen() && !link.connection.isConnecting()) {
            connectIfNeeded();
            return;
        }
        link.connection.retire();
        dropConnection();
        resubscribes.inc();
        LOG.info("{}: reconnecting to change the subscription ({})", component, reason);
        connectIfNeeded();
    }

    /** Reconnects after the backoff: a refused handshake's Retry-After is not used, the attempt cap paces it. */
    private void onDisconnected(String reason) {
        dropConnection();
        if (stopped || codes.isEmpty()) {
            return;
        }
        reconnects.inc();
        for (CodeState cs : codes.values()) {
            cs.reconnects++;
        }
        backingOff = true;
        long delay = reconnectBackoff.next();
        LOG.warn("{}: connection lost: {}; reconnecting in {} ms", component, reason, delay);
        vertx.setTimer(delay, id -> {
            backingOff = false;
            connectIfNeeded();
        });
    }

    /** Forgets the connection; every code waits for a new seam, REST restarting where live data is in doubt. */
    private void dropConnection() {
        intake.newConnection();
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
        long silent = now - link.connection.dataBefore();
        if (silent > config.stallTimeoutMillis()) {
            // The tick never saw this silence (this process was paused: a GC, a busy host), so the link may
            // have stalled and dropped trades before this message: it is not trusted, REST fills the doubt.
            stalls.inc();
            link.connection.drop("silent for " + silent + " ms before a message arrived (stalled)");
            return;
        }
        messages.inc();
        lastEventTime = now;
        lastHeard = lastEventTime;
        if (!link.heard) {
            link.heard = true;
            reconnectBackoff.reset();
        }
        read(utf8, bytes, intake.messages());
    }

    /** Reads a venue message into {@code to}, or counts it as bad input (oversized, malformed, invalid). */
    private boolean read(byte[] utf8, long bytes, TradeVenue.Messages to) {
        if (badInput.oversized(utf8, bytes, config.maxMessageBytes())) {
            return false;
        }
        try {
            reader.read(utf8, to);
            return true;
        } catch (BadInputException e) {
            badInput.record(e, utf8);
        } catch (RuntimeException e) {
            badInput.record(new BadInputException("invalid", String.valueOf(e.getMessage())), utf8);
        }
        return false;
    }

    private static long realMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
