package io.candlebus.market.binance;

import io.candlebus.contract.Candle;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Interval;
import io.candlebus.contract.Market;
import io.candlebus.market.Backoff;
import io.candlebus.market.BadInputCounter;
import io.candlebus.market.BadInputException;
import io.candlebus.market.Endpoint;
import io.candlebus.market.Feed;
import io.candlebus.market.FeedSink;
import io.candlebus.market.MarketConfig;
import io.candlebus.market.RestClient;
import io.candlebus.market.RestException;
import io.candlebus.market.Retry;
import io.candlebus.market.WsTarget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the 1m klines of every instrument of one Binance market over ONE combined-stream websocket,
 * joined without gap or duplicate to REST history.
 *
 * <p>Seam: a stream's websocket klines are held back until REST has published every closed kline
 * before the first live one (REST rows that open before a kline the websocket already reports are
 * closed, so no clock is involved). After that, a kline that opens more than one minute after the last
 * closed one (a missed {@code x:true}, a reconnect) is held back again until REST has filled the gap.
 * The connection reconnects with capped exponential backoff on close, error or {@code serverShutdown}.
 */
public final class BinanceFeed implements Feed {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFeed.class);
    /** Rows per REST page; the window of a page never exceeds it, which makes COIN-M's paging match spot's. */
    private static final int PAGE_LIMIT = 1000;
    /** How often REST is asked again when the newest expected row is not there yet. */
    private static final int MISSING_ROW_RETRIES = 3;

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
    private final Backoff reconnectBackoff;
    /** Stream names the current connection carries (from its URL plus SUBSCRIBEs sent). */
    private final Set<String> subscribed = new HashSet<>();

    private ClientWebSocket socket;
    private long generation;
    private boolean connecting;
    private boolean started;
    private boolean stopped;
    private boolean backingOff;
    private boolean heardSinceConnect;
    private long nextRequestId = 1;
    private long lastEventTime;
    private long lastPingClock;
    private long lastPingNanos;
    private long pings;
    /** Clock time of the last message received, MIN_VALUE if none yet. */
    private long lastHeard = Long.MIN_VALUE;
    /** Clock time the current connection opened. */
    private long connectedAt;

    private long messages;
    private long klines;
    private long reconnects;
    private long stalls;
    private long gapsFilled;
    private long restRows;
    private long staleKlines;
    private long controlReplies;
    private long controlErrors;
    private long ignoredMessages;

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
        this.endpoint = config.binance().get(market);
        this.sink = sink;
        this.component = "market.binance." + market.wireName();
        this.parser = new BinanceKlineParser(this::instrumentOf);
        this.badInput = new BadInputCounter(LOG, component);
        this.reconnectBackoff = new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis());
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
        connectIfNeeded();
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        generation++;
        ClientWebSocket ws = socket;
        socket = null;
        return ws == null ? Future.succeededFuture() : ws.close().recover(e -> Future.succeededFuture());
    }

    @Override
    public void add(Instrument instrument) {
        if (instrument.market() != market || streams.containsKey(instrument.symbol())) {
            return;
        }
        streams.put(
                instrument.symbol(),
                new KlineStream(instrument, new Backoff(config.reconnectMinMillis(), config.reconnectMaxMillis())));
        connectIfNeeded();
        reconcileSubscriptions();
    }

    @Override
    public void remove(Instrument instrument) {
        KlineStream s = streams.remove(instrument.symbol());
        if (s == null) {
            return;
        }
        s.removed = true;
        s.buffer.clear();
        if (streams.isEmpty()) {
            // Nothing left to carry: close the connection rather than keep an empty one alive.
            generation++;
            ClientWebSocket ws = socket;
            socket = null;
            connecting = false;
            subscribed.clear();
            if (ws != null) {
                ws.close();
            }
            return;
        }
        reconcileSubscriptions();
    }

    @Override
    public Set<Instrument> instruments() {
        return streams.values().stream().map(s -> s.instrument).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void tick(long now) {
        watchStall(now);
        ClientWebSocket ws = socket;
        if (ws != null) {
            keepAlive(ws, now);
        }
        reconcileSubscriptions();
    }

    /** Pings now and then: quiet futures streams push nothing for minutes, the pong proves the link alive. */
    private void keepAlive(ClientWebSocket ws, long now) {
        long nanos = System.nanoTime();
        if (now - lastPingClock >= config.pingMillis() || nanos - lastPingNanos >= config.pingMillis() * 1_000_000L) {
            lastPingClock = now;
            lastPingNanos = nanos;
            pings++;
            ws.writePing(Buffer.buffer("candlebus"));
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
        if (backingOff) {
            return "backing-off";
        }
        if (socket == null) {
            return "connecting";
        }
        return streams.values().stream().anyMatch(s -> s.filling) ? "recovering" : "live";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("messages", messages);
        c.put("klines", klines);
        c.put("reconnects", reconnects);
        c.put("stalls", stalls);
        c.put("gapsFilled", gapsFilled);
        c.put("restRequests", rest.requests());
        c.put("restFailures", rest.failures());
        c.put("restRows", restRows);
        c.put("staleKlines", staleKlines);
        c.put("pings", pings);
        c.put("controlReplies", controlReplies);
        c.put("controlErrors", controlErrors);
        c.put("ignoredMessages", ignoredMessages);
        c.put(
                "bufferDropped",
                streams.values().stream().mapToLong(s -> s.dropped).sum());
        c.put("streams", (long) streams.size());
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

    /** Replaces a connection that has been silent for longer than the stall timeout. */
    private void watchStall(long now) {
        ClientWebSocket ws = socket;
        if (ws == null || now - Math.max(connectedAt, lastHeard) <= config.stallTimeoutMillis()) {
            return;
        }
        stalls++;
        onDisconnected("silent for " + (now - Math.max(connectedAt, lastHeard)) + " ms (stalled)");
        ws.close();
    }

    private Instrument instrumentOf(String symbol) {
        KlineStream s = streams.get(symbol);
        return s == null ? null : s.instrument;
    }

    // ---- connection ----

    private void connectIfNeeded() {
        if (!started || stopped || streams.isEmpty() || socket != null || connecting || backingOff) {
            return;
        }
        long gen = ++generation;
        connecting = true;
        List<String> names = streams.values().stream().map(s -> s.streamName).toList();
        String url = endpoint.wsUrl() + "/stream?streams=" + String.join("/", names);
        ClientWebSocket ws = wsClient.webSocket();
        ws.textMessageHandler(text -> {
            if (gen == generation) {
                onText(text);
            }
        });
        ws.binaryMessageHandler(buffer -> {
            if (gen == generation) {
                onText(buffer.toString(StandardCharsets.UTF_8));
            }
        });
        ws.pongHandler(buffer -> {
            if (gen == generation) {
                lastHeard = clock.millis();
            }
        });
        ws.closeHandler(v -> {
            if (gen == generation) {
                onDisconnected("closed by the server (" + ws.closeStatusCode() + " " + ws.closeReason() + ")");
            }
        });
        ws.exceptionHandler(e -> {
            if (gen == generation) {
                ws.close();
                onDisconnected("error " + e);
            }
        });
        ws.connect(WsTarget.options(url)).onComplete(ar -> {
            if (gen != generation) {
                if (ar.succeeded()) {
                    ws.close();
                }
                return;
            }
            connecting = false;
            if (ar.failed()) {
                onDisconnected("connect to " + url + " failed: " + ar.cause().getMessage());
                return;
            }
            socket = ws;
            connectedAt = clock.millis();
            lastPingClock = connectedAt;
            lastPingNanos = System.nanoTime();
            heardSinceConnect = false;
            subscribed.clear();
            subscribed.addAll(names);
            LOG.info("{}: connected to {} ({} streams)", component, endpoint.wsUrl(), names.size());
            reconcileSubscriptions();
        });
    }

    private void onDisconnected(String reason) {
        generation++;
        socket = null;
        connecting = false;
        subscribed.clear();
        if (stopped || streams.isEmpty()) {
            return;
        }
        reconnects++;
        backingOff = true;
        long delay = reconnectBackoff.next();
        LOG.warn("{}: connection lost: {}; reconnecting in {} ms", component, reason, delay);
        vertx.setTimer(delay, id -> {
            backingOff = false;
            connectIfNeeded();
        });
    }

    private void reconcileSubscriptions() {
        ClientWebSocket ws = socket;
        if (ws == null) {
            return;
        }
        Set<String> wanted = streams.values().stream().map(s -> s.streamName).collect(Collectors.toSet());
        List<String> add =
                wanted.stream().filter(n -> !subscribed.contains(n)).sorted().toList();
        List<String> drop =
                subscribed.stream().filter(n -> !wanted.contains(n)).sorted().toList();
        // One request per method batches every change, staying inside the 5 messages per second of spot.
        if (!add.isEmpty()) {
            send(ws, "SUBSCRIBE", add);
            subscribed.addAll(add);
        }
        if (!drop.isEmpty()) {
            send(ws, "UNSUBSCRIBE", drop);
            drop.forEach(subscribed::remove);
        }
    }

    private void send(ClientWebSocket ws, String method, List<String> params) {
        JsonObject request = new JsonObject()
                .put("method", method)
                .put("params", new JsonArray(new ArrayList<>(params)))
                .put("id", nextRequestId++);
        ws.writeTextMessage(request.encode());
    }

    // ---- messages ----

    private void onText(String text) {
        messages++;
        lastEventTime = clock.millis();
        lastHeard = lastEventTime;
        if (!heardSinceConnect) {
            heardSinceConnect = true;
            reconnectBackoff.reset();
        }
        BinanceFrame frame;
        try {
            frame = parser.parse(text);
        } catch (BadInputException e) {
            badInput.record(e, text);
            return;
        } catch (RuntimeException e) {
            badInput.record(new BadInputException("invalid", String.valueOf(e.getMessage())), text);
            return;
        }
        if (frame instanceof BinanceFrame.Kline k) {
            onKline(k.candle());
        } else if (frame instanceof BinanceFrame.Reply r) {
            controlReplies++;
            if (r.error() != null) {
                controlErrors++;
                LOG.warn("{}: request {} failed: {}", component, r.id(), r.error());
            }
        } else if (frame instanceof BinanceFrame.Shutdown) {
            LOG.info("{}: server announced shutdown; reconnecting", component);
            ClientWebSocket ws = socket;
            onDisconnected("serverShutdown");
            if (ws != null) {
                ws.close();
            }
        } else {
            ignoredMessages++;
        }
    }

    private void onKline(Candle kline) {
        KlineStream s = streams.get(kline.instrument().symbol());
        if (s == null || kline.interval() != Interval.M1) {
            ignoredMessages++;
            return;
        }
        if (s.filling) {
            s.hold(kline);
            return;
        }
        if (s.coveredUntil == KlineStream.NONE || kline.openTime() > s.coveredUntil) {
            // History or a gap before this kline: publish it from REST first.
            s.hold(kline);
            startFill(s, kline.openTime());
            return;
        }
        deliver(s, kline);
    }

    private void deliver(KlineStream s, Candle kline) {
        if (!kline.closed() && kline.openTime() < s.coveredUntil) {
            staleKlines++;
            return;
        }
        klines++;
        sink.kline(kline);
        if (kline.closed() && kline.endTime() > s.coveredUntil) {
            s.coveredUntil = kline.endTime();
        }
    }

    // ---- REST ----

    private void startFill(KlineStream s, long to) {
        boolean warmup = s.coveredUntil == KlineStream.NONE;
        long from = warmup ? warmupStart(to) : s.coveredUntil;
        s.filling = true;
        long token = ++s.fillToken;
        if (warmup) {
            sink.cover(s.instrument, from);
        }
        fetch(s, token, from, to, warmup, 0);
    }

    private long warmupStart(long liveFrom) {
        Interval largest = config.largestInterval();
        return largest.openTimeOf(liveFrom) - (long) config.warmupCandles() * largest.millis();
    }

    private void fetch(KlineStream s, long token, long from, long to, boolean warmup, int missingRetries) {
        if (from >= to) {
            finishFill(s, token, List.of(), from, to, warmup);
            return;
        }
        TreeMap<Long, Candle> rows = new TreeMap<>();
        fetchPage(s, from, to, rows).onComplete(ar -> {
            if (s.removed || token != s.fillToken || stopped) {
                return;
            }
            if (ar.failed()) {
                long retryAfter = ar.cause() instanceof RestException re ? re.retryAfterMillis() : 0;
                long delay = s.restBackoff.next();
                LOG.warn(
                        "{}: REST klines for {} failed ({}); retrying in {} ms, venue asked for {} ms",
                        component,
                        s.instrument,
                        ar.cause().getMessage(),
                        delay,
                        retryAfter);
                Retry.after(vertx, clock, delay, clock.millis() + retryAfter, () -> {
                    if (!s.removed && token == s.fillToken && !stopped) {
                        fetch(s, token, from, to, warmup, missingRetries);
                    }
                });
                return;
            }
            s.restBackoff.reset();
            long lastExpected = to - Interval.M1.millis();
            if (!rows.containsKey(lastExpected) && missingRetries < MISSING_ROW_RETRIES) {
                // The venue may not have the minute that just ended yet: ask again shortly.
                vertx.setTimer(config.reconnectMinMillis(), id -> {
                    if (!s.removed && token == s.fillToken && !stopped) {
                        fetch(s, token, from, to, warmup, missingRetries + 1);
                    }
                });
                return;
            }
            finishFill(s, token, new ArrayList<>(rows.values()), from, to, warmup);
        });
    }

    /** Fetches [from, to) page by page, each page a window of at most PAGE_LIMIT minutes. */
    private Future<Void> fetchPage(KlineStream s, long from, long to, TreeMap<Long, Candle> rows) {
        long pageEnd = Math.min(to, from + PAGE_LIMIT * Interval.M1.millis());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", s.instrument.symbol());
        query.put("interval", Interval.M1.code());
        query.put("startTime", Long.toString(from));
        query.put("endTime", Long.toString(pageEnd - 1));
        query.put("limit", Integer.toString(PAGE_LIMIT));
        return rest.get(endpoint.restUrl() + klinesPath(), query).compose(body -> {
            List<Candle> page;
            try {
                page = BinanceRestKline.parse(
                        body, s.instrument, Interval.M1, e -> badInput.record(e, "REST klines " + s.instrument));
            } catch (BadInputException e) {
                badInput.record(e, new String(body, StandardCharsets.UTF_8));
                return Future.failedFuture(new RestException(200, 0, "unusable klines body: " + e.getMessage()));
            }
            for (Candle c : page) {
                if (c.openTime() >= from && c.openTime() < pageEnd) {
                    rows.putIfAbsent(c.openTime(), c);
                }
            }
            return pageEnd < to ? fetchPage(s, pageEnd, to, rows) : Future.succeededFuture();
        });
    }

    private String klinesPath() {
        switch (market) {
            case USDM:
                return "/fapi/v1/klines";
            case COINM:
                return "/dapi/v1/klines";
            default:
                return "/api/v3/klines";
        }
    }

    private void finishFill(KlineStream s, long token, List<Candle> rows, long from, long to, boolean warmup) {
        if (s.removed || token != s.fillToken) {
            return;
        }
        for (Candle row : rows) {
            deliver(s, row);
        }
        restRows += rows.size();
        if (to > s.coveredUntil) {
            s.coveredUntil = to;
        }
        if (!warmup) {
            gapsFilled++;
            LOG.info(
                    "{}: filled {} from REST: {} klines from {} to {}", component, s.instrument, rows.size(), from, to);
        }
        s.filling = false;
        List<Candle> held = new ArrayList<>(s.buffer);
        s.buffer.clear();
        for (Candle kline : held) {
            onKline(kline);
        }
    }
}
