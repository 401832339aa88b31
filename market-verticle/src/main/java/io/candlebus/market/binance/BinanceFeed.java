package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.contract.StreamStatus;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.Feed;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.SymbolDirectory;
import io.candlebus.market.venue.FeedCounters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.time.Clock;
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
 *
 * <p>The websockets and which streams each carries are {@link ConnectionPool}'s; their messages are read by
 * {@link MessageIntake}.
 */
public final class BinanceFeed implements Feed {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);

    private final Clock clock;
    private final MarketConfig config;
    private final Market market;
    private final String component;
    private final BinanceKlineParser parser;
    private final BadInputCounter badInput;
    private final Map<String, KlineStream> streams = new TreeMap<>();
    /**
     * Symbols no longer followed: their klines may still arrive until the UNSUBSCRIBE is through, and
     * are ignored rather than counted as bad input.
     */
    private final Map<String, Instrument> removed = new TreeMap<>();

    private final RestGate gate;
    private final BinanceRest restApi;
    private final KlineSeam seam;
    private final KlineFill fill;
    private final BinanceSymbols symbols;

    private final FeedCounters counters = new FeedCounters();
    private final ConnectionPool pool;
    private final MessageIntake intake;

    private boolean started;
    private boolean stopped;

    private final FeedCounters.Counter quietConfirms;
    private final FeedCounters.Counter recoveries;

    public BinanceFeed(
            Vertx vertx,
            WebSocketClient wsClient,
            RestClient rest,
            Clock clock,
            MarketConfig config,
            Market market,
            FeedSink sink) {
        this.clock = clock;
        this.config = config;
        this.market = market;
        this.component = "market.binance." + market.wireName();
        this.parser = new BinanceKlineParser(this::instrumentOf);
        this.badInput = new BadInputCounter(LOG, component);
        this.gate = new RestGate(config.binance().restWeightLimit());
        this.restApi = new BinanceRest(vertx, rest, clock, config, market, gate, component);
        this.symbols = new BinanceSymbols(restApi, badInput, clock, () -> stopped, component);
        // Registered in the order the heartbeat lists them.
        counters.counter("messages");
        counters.counter("klines");
        counters.counter("reconnects");
        counters.counter("stalls");
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
        // The pool is made further down, where its own counters come in the heartbeat's order.
        counters.gauge("pings", () -> pool().pings());
        counters.gauge("serverPings", () -> pool().serverPings());
        counters.counter("controlReplies");
        counters.counter("controlErrors");
        counters.counter("refusedStreams");
        counters.gauge(
                "unknownSymbols",
                () -> streams.values().stream().filter(s -> s.unknown).count());
        counters.gauge("symbolListLoads", symbols::loads);
        counters.gauge("symbolListFailures", symbols::failures);
        this.quietConfirms = counters.counter("quietConfirms");
        counters.gauge("missedTrades", fill::missedTrades);
        counters.counter("ignoredMessages");
        counters.gauge("connections", () -> pool().size());
        this.pool = new ConnectionPool(
                vertx, wsClient, clock, config, market, component, streams, counters, new ConnectionPool.Owner() {
                    @Override
                    public boolean running() {
                        return started && !stopped;
                    }

                    @Override
                    public boolean stopped() {
                        return stopped;
                    }

                    @Override
                    public void message(BinanceConnection c, byte[] utf8, long bytes) {
                        intake.onMessage(c, utf8, bytes);
                    }
                });
        counters.gauge(
                "bufferDropped",
                () -> streams.values().stream().mapToLong(s -> s.dropped).sum());
        counters.gauge("streams", streams::size);
        this.recoveries = counters.counter("recoveries");
        this.intake = new MessageIntake(
                clock, config, component, parser, badInput, streams, seam, counters, new MessageIntake.Owner() {
                    @Override
                    public void markUnknown(KlineStream s, String reason) {
                        BinanceFeed.this.markUnknown(s, reason);
                    }

                    @Override
                    public void finishRotation(BinanceConnection c) {
                        pool.finishRotation(c);
                    }
                });
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
            pool.connectAll();
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
        pool.retireAll();
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
        pool.place(s, connect);
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
        pool.unsubscribe(s);
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
        pool.unsubscribe(s);
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
        pool.tick(now);
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
        return StreamStates.feedState(started, stopped, streams.values(), gate, clock);
    }

    @Override
    public List<StreamStatus> streams() {
        return StreamStates.statuses(streams.values(), gate, clock.millis());
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = counters.snapshot();
        badInput.exportTo(c);
        return c;
    }

    @Override
    public long lastEventTime() {
        return intake.lastEventTime();
    }

    @Override
    public long aliveUntil() {
        return intake.lastHeard();
    }

    private Instrument instrumentOf(String symbol) {
        KlineStream s = streams.get(symbol);
        return s == null ? removed.get(symbol) : s.instrument;
    }

    /** Returns the connections, for the gauges registered before the pool was made. */
    private ConnectionPool pool() {
        return pool;
    }
}
