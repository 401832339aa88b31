package io.candlebus.sim.binance;

import io.candlebus.contract.Exchange;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.Faults;
import io.candlebus.sim.market.Bar;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.TradeScript;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One open Binance market-stream connection: its subscriptions, kline push timer, server pings with a
 * pong deadline, the incoming-message cap and the maximum lifetime. Runs on the simulator's event loop.
 */
final class BinanceConnection {
    /** How many closed klines of one stream are sent after a stall, at most. */
    private static final int MAX_CATCH_UP = 60;

    private final Vertx vertx;
    private final BinanceStreamServer server;
    private final ServerWebSocket ws;
    private final BinanceWsPath path;
    private final SimMarket market;
    private final Pacing pacing;
    private final StreamSubscriptions subs;
    private final Map<String, Cursor> cursors = new HashMap<>();
    private static final long RATE_WINDOW_REAL_MILLIS = 100;

    private final long messageWindowMillis;
    private final long messagesPerWindow;
    private long pushTimer = -1;
    private long pingTimer = -1;
    private long lifetimeTimer = -1;
    private long pingOutstandingSince = -1;
    private long windowStart;
    private int windowCount;
    private boolean closed;

    /** The next kline of a stream to finish and the last update sent of the open one. */
    private static final class Cursor {
        long openTime;
        Bar lastSent;

        Cursor(long openTime) {
            this.openTime = openTime;
        }
    }

    BinanceConnection(
            Vertx vertx,
            BinanceStreamServer server,
            ServerWebSocket ws,
            BinanceWsPath path,
            SimMarket market,
            Pacing pacing) {
        this.vertx = vertx;
        this.server = server;
        this.ws = ws;
        this.path = path;
        this.market = market;
        this.pacing = pacing;
        this.subs = new StreamSubscriptions(path.combined(), path.streams(), server.maxStreams());
        // The venue counts messages per second. An accelerated second lasts a few real milliseconds, so
        // a client's pongs that a scheduling pause bunched up would look like a flood: count over at
        // least RATE_WINDOW_REAL_MILLIS of real time instead, allowing the venue's rate over that window.
        this.messageWindowMillis = Math.max(1_000L, pacing.tolerantDeadline(1_000L, RATE_WINDOW_REAL_MILLIS));
        this.messagesPerWindow = path.rules().messagesPerSecond() * messageWindowMillis / 1_000L;
    }

    boolean isSpot() {
        return !path.rules().isFutures();
    }

    /** Starts the timers; {@code onClosed} runs once the socket is gone. */
    void start(long pushSimMillis, long lifetimeSimMillis, Runnable onClosed) {
        ws.frameHandler(this::onFrame);
        ws.textMessageHandler(this::onText);
        ws.pongHandler(b -> pingOutstandingSince = -1);
        ws.exceptionHandler(t -> close((short) 1011, "error"));
        ws.closeHandler(v -> {
            stopTimers();
            closed = true;
            onClosed.run();
        });
        pushTimer = vertx.setPeriodic(pacing.realPeriod(pushSimMillis), id -> push());
        pingTimer = vertx.setPeriodic(pacing.realPeriod(path.rules().pingMillis()), id -> ping());
        lifetimeTimer = vertx.setTimer(pacing.realPeriod(lifetimeSimMillis), id -> close((short) 1000, "lifetime"));
    }

    /** Closes the connection with a close frame. */
    void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        stopTimers();
        ws.close(code, reason);
    }

    /** Sends raw text that is not valid JSON, for fault injection; a stalled link sends nothing. */
    void sendText(String text) {
        if (!closed && !server.isStalled(market.now())) {
            ws.writeTextMessage(text);
        }
    }

    /**
     * Sends a bad message of {@code kind} next to the real stream: a changed copy of the open kline of the
     * first kline stream, wrapped like the connection's events; a stalled link sends nothing.
     */
    void sendBadInput(BadInput kind, int oversizedBytes) {
        if (closed || server.isStalled(market.now()) || !kind.onBinance()) {
            return;
        }
        switch (kind) {
            case MALFORMED_JSON -> ws.writeTextMessage(Faults.GARBAGE);
            case OVERSIZED -> ws.writeTextMessage(oversized(oversizedBytes));
            default -> {
                String stream = firstKlineStream();
                String open = stream == null ? null : openKline(stream);
                String bad = open == null ? null : BinanceBadInput.kline(kind, open);
                if (bad != null) {
                    send(kind == BadInput.UNKNOWN_SYMBOL ? BinanceBadInput.unknownStream(stream) : stream, bad);
                }
            }
        }
    }

    private String firstKlineStream() {
        for (String name : subs.list()) {
            KlineStream stream = KlineStream.parse(name);
            if (stream != null && market.binance(path.rules().market(), stream.symbol()) != null) {
                return name;
            }
        }
        // An unsubscribed connection gets a kline of the market's first symbol, as a stray event would be.
        List<TradeScript> scripts =
                market.scripts(Exchange.BINANCE, path.rules().market());
        return scripts.isEmpty()
                ? null
                : scripts.get(0).spec().instrument().symbol().toLowerCase(Locale.ROOT) + "@kline_1m";
    }

    private String openKline(String name) {
        KlineStream stream = KlineStream.parse(name);
        TradeScript script = market.binance(path.rules().market(), stream.symbol());
        long now = market.now();
        long length = stream.interval().millis();
        Bar open = script.bar(KlineSelection.floor(now, length), length, now);
        return open == null
                ? null
                : KlineJson.event(open, script.spec(), stream.interval().code(), length, now, false);
    }

    /** Returns exactly {@code bytes} of valid JSON: an event of a type no client handles, padded. */
    private String oversized(int bytes) {
        String head = "{\"e\":\"padding\",\"E\":" + market.now() + ",\"p\":\"";
        String tail = "\"}";
        if (subs.combined()) {
            head = "{\"stream\":\"padding\",\"data\":" + head;
            tail = tail + "}";
        }
        return head + "x".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail;
    }

    private void onFrame(WebSocketFrame frame) {
        if (frame.isClose() || frame.isContinuation()) {
            return;
        }
        long now = market.now();
        if (now - windowStart >= messageWindowMillis) {
            windowStart = now;
            windowCount = 0;
        }
        windowCount++;
        if (windowCount > messagesPerWindow && !closed) {
            server.closedForMessageRate(path.rules().market());
            close((short) 1008, "Too many messages");
        }
    }

    private void onText(String text) {
        if (closed) {
            return;
        }
        boolean[] invalid = {false};
        String reply = BinanceControl.handle(
                text,
                subs,
                path.rules().isFutures(),
                server.wireForms().binanceWrappedErrors(),
                () -> invalid[0] = true);
        cursors.keySet().retainAll(subs.list());
        ws.writeTextMessage(reply);
        if (invalid[0] && server.closeOnInvalidStream()) {
            // The venue "may close" the connection after refusing a malformed stream name: this one does.
            server.closedForInvalidStream(path.rules().market());
            close((short) 1008, "Invalid request: invalid stream");
        }
    }

    /** Sends Binance's {@code serverShutdown} event (spot) and closes the connection after a grace period. */
    void serverShutdown(long graceSimMillis) {
        if (closed) {
            return;
        }
        long now = market.now();
        String event = "{\"e\":\"serverShutdown\",\"E\":" + now + "}";
        ws.writeTextMessage(subs.combined() ? "{\"stream\":\"!serverShutdown\",\"data\":" + event + "}" : event);
        vertx.setTimer(pacing.realPeriod(graceSimMillis), id -> close((short) 1001, "server shutdown"));
    }

    private void push() {
        if (closed || path.silent()) {
            return;
        }
        long now = market.now();
        if (server.isStalled(now)) {
            // A stalled link delivers nothing and, like the real exchange, replays nothing afterwards.
            cursors.clear();
            return;
        }
        for (String name : subs.list()) {
            KlineStream stream = KlineStream.parse(name);
            TradeScript script =
                    stream == null ? null : market.binance(path.rules().market(), stream.symbol());
            if (script != null) {
                pushKline(name, stream, script, now);
            }
        }
    }

    private void pushKline(String name, KlineStream stream, TradeScript script, long now) {
        long length = stream.interval().millis();
        long current = KlineSelection.floor(now, length);
        Cursor cursor = cursors.computeIfAbsent(name, n -> new Cursor(current));
        cursor.openTime = Math.max(cursor.openTime, current - MAX_CATCH_UP * length);
        // A quiet instrument pushes only on change: nothing for a bar without trades, not even its close.
        boolean quiet = script.spec().sim().quiet();
        while (cursor.openTime < current) {
            Bar done = script.bar(cursor.openTime, length, now);
            if (done != null && !(quiet && done.count() == 0)) {
                send(
                        name,
                        KlineJson.event(done, script.spec(), stream.interval().code(), length, now, true));
            }
            cursor.openTime += length;
            cursor.lastSent = null;
        }
        Bar open = script.bar(current, length, now);
        boolean onlyOnChange = path.rules().isFutures() || quiet;
        if (open != null && !(quiet && open.count() == 0) && (!onlyOnChange || !open.equals(cursor.lastSent))) {
            send(name, KlineJson.event(open, script.spec(), stream.interval().code(), length, now, false));
            cursor.lastSent = open;
        }
    }

    private void send(String stream, String event) {
        ws.writeTextMessage(subs.combined() ? "{\"stream\":\"" + stream + "\",\"data\":" + event + "}" : event);
    }

    private void ping() {
        if (closed) {
            return;
        }
        long now = market.now();
        if (server.isStalled(now)) {
            return;
        }
        if (pingOutstandingSince >= 0
                && now - pingOutstandingSince
                        > pacing.tolerantDeadline(path.rules().pongTimeoutMillis(), 5_000)) {
            close((short) 1008, "Pong timeout");
            return;
        }
        if (pingOutstandingSince < 0) {
            pingOutstandingSince = now;
        }
        ws.writePing(Buffer.buffer(Long.toString(now)));
    }

    private void stopTimers() {
        vertx.cancelTimer(pushTimer);
        vertx.cancelTimer(pingTimer);
        vertx.cancelTimer(lifetimeTimer);
    }
}
