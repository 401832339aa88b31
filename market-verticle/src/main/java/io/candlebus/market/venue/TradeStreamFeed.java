package io.candlebus.market.venue;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.StreamStatus;
import io.candlebus.contract.Trade;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.Feed;
import io.candlebus.market.FeedPart;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.SymbolDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
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
 *
 * <p>The published connection's lifecycle (connect, keep alive, reconnect, hand over) is {@link TradeConnector}'s.
 */
public class TradeStreamFeed implements Feed {
    private static final Logger LOG = LoggerFactory.getLogger(TradeStreamFeed.class);
    /** Clock time between two loads of the market list. */
    private static final long MARKETS_REFRESH_MILLIS = 3_600_000L;
    /** Clock time before the market list is asked again early (a failed load, an unlisted code). */
    private static final long MARKETS_RECHECK_MILLIS = 60_000L;

    private final Clock clock;
    private final MarketConfig config;
    private final FeedSink sink;
    private final TradeVenue venue;
    private final String component;
    private final BadInputCounter badInput;
    private final FeedCounters counters = new FeedCounters();
    private final Map<String, CodeState> codes = new TreeMap<>();
    /**
     * Codes removed while a connection subscribed to them may still be running: their trades are dropped
     * quietly (ignored messages), not counted as bad input for an unknown code.
     */
    private final Map<String, Instrument> unsubscribed = new HashMap<>();

    /** Codes held back until the market list is in, and codes it does not list. */
    private final CodeCheck check;

    private final SeamFill seam;
    private final Replacement replacement;
    private final TradeIntake intake;
    private final TradeConnector connector;
    /** The connection whose trades are published. */
    private TradeLink link;

    private boolean started;

    private boolean stopped;

    private final FeedCounters.Counter recoveries;

    /**
     * A feed of part {@code part} of {@code venue}'s codes; {@code rest} is the client the venue's requests go through
     * (its request and failure counts are reported).
     */
    protected TradeStreamFeed(
            Vertx vertx,
            WebSocketClient wsClient,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            FeedSink sink,
            TradeVenue whole,
            FeedPart part) {
        TradeVenue venue = PartVenue.of(whole, part);
        this.clock = clock;
        this.config = config;
        this.sink = sink;
        this.venue = venue;
        this.component = venue.component();
        this.badInput = venue.badInput();
        this.check = new CodeCheck(
                new SymbolDirectory(venue::loadMarkets, clock, MARKETS_REFRESH_MILLIS, MARKETS_RECHECK_MILLIS),
                LOG,
                component);
        TradeStatus.registerCounters(counters, rest, codes, check);
        this.recoveries = counters.counter("recoveries");
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
        this.intake = new TradeIntake(codes, seam, replacement, sink, () -> link, component, counters);
        this.connector = new TradeConnector(
                vertx,
                wsClient,
                clock,
                config,
                sink,
                venue,
                codes,
                unsubscribed,
                replacement,
                intake,
                counters,
                new ConnectorOwner());
        this.link = connector.newLink();
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
        check.askOnce(() -> stopped, this::add, connector::connectIfNeeded);
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
        cs.messagesAtAdd = connector.messages();
        codes.put(instrument.symbol(), cs);
        unsubscribed.remove(instrument.symbol());
        sink.suspend(instrument);
        if (!link.isOpen()) {
            // The subscription sent when the connection opens carries every code.
            connector.connectIfNeeded();
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
            connector.dropConnection();
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
        if (stopped || codes.isEmpty() || fromOpenTime.isEmpty()) {
            // Nothing of this feed on the asking shard: its other codes' connection is left alone.
            return;
        }
        recoveries.inc();
        replacement.abandon();
        if (link.isOpen() || link.connection.isConnecting()) {
            link.connection.retire();
        }
        connector.dropConnection();
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
        connector.connectIfNeeded();
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
            connector.connectIfNeeded();
        }
        connector.tick(now);
        boolean open = link.isOpen();
        replacement.tick(now);
        seam.tick(codes.values(), open && link.answered, now);
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
        return connector.lastEventTime();
    }

    @Override
    public List<StreamStatus> streams() {
        return TradeStatus.streams(status(), codes.values(), check);
    }

    private TradeStatus.Snapshot status() {
        return new TradeStatus.Snapshot(
                started,
                stopped,
                connector.backingOff(),
                link.isOpen(),
                link.heard,
                connector.messages(),
                connector.lastHeard(),
                venue.restUsed(),
                venue.bannedUntil());
    }

    @Override
    public long aliveUntil() {
        return connector.lastHeard();
    }

    /** Returns whether any code is followed, subscribed or held back by the market-list check. */
    private boolean following() {
        return !codes.isEmpty() || !check.instruments().isEmpty();
    }

    private final class ConnectorOwner implements TradeConnector.Owner {
        @Override
        public boolean mayConnect() {
            return started && !stopped && check.markets().attempted();
        }

        @Override
        public boolean stopped() {
            return stopped;
        }

        @Override
        public TradeLink published() {
            return link;
        }

        @Override
        public void publish(TradeLink next) {
            link = next;
        }
    }

    private final class ReplacementOwner implements Replacement.Owner {
        @Override
        public CodeState code(String symbol) {
            return codes.get(symbol);
        }

        @Override
        public TradeLink newLink() {
            return connector.newLink();
        }

        @Override
        public boolean tryConnect() {
            return connector.tryConnect();
        }

        @Override
        public void restart(String reason) {
            connector.restartIfConnected(reason);
        }

        @Override
        public void takeOver(TradeLink next, List<Handover.Delivered> buffered) {
            connector.takeOver(next, buffered);
        }

        @Override
        public boolean read(byte[] utf8, long bytes, TradeVenue.Messages to) {
            return connector.read(utf8, bytes, to);
        }

        @Override
        public boolean stopped() {
            return stopped;
        }
    }
}
