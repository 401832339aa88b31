package io.candlebus.sim.upbit;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.Faults;
import io.candlebus.sim.market.Pacing;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open Upbit websocket: its subscription, the merged trade emission of all its codes in trade-time order
 * as sim time passes, {@code PING} answers, the request cap and the idle close. Runs on the simulator's event
 * loop.
 */
final class UpbitConnection {
    private static final String STATUS_UP = "{\"status\":\"UP\"}";

    private final Vertx vertx;
    private final UpbitStreamServer server;
    private final ServerWebSocket ws;
    private final SimMarket market;
    private final Pacing pacing;
    private final Deque<Long> requestTimes = new ArrayDeque<>();
    private UpbitRequest request;
    private long cursor;
    private long lastClientMessage;
    private long nextStatus = Long.MAX_VALUE;
    private long timer = -1;
    private boolean closed;

    /** A trade to emit and the script and code order it belongs to. */
    private record Pending(TradeScript script, int order, SimTrade trade) {}

    UpbitConnection(Vertx vertx, UpbitStreamServer server, ServerWebSocket ws, SimMarket market, Pacing pacing) {
        this.vertx = vertx;
        this.server = server;
        this.ws = ws;
        this.market = market;
        this.pacing = pacing;
        this.lastClientMessage = market.now();
    }

    void start(Runnable onClosed) {
        ws.frameHandler(f -> lastClientMessage = market.now());
        ws.textMessageHandler(this::onMessage);
        ws.binaryMessageHandler(b -> onMessage(b.toString(StandardCharsets.UTF_8)));
        ws.exceptionHandler(t -> close((short) 1011, "error"));
        ws.closeHandler(v -> {
            closed = true;
            vertx.cancelTimer(timer);
            onClosed.run();
        });
        timer = vertx.setPeriodic(pacing.minRealMillis(), id -> tick());
    }

    void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(timer);
        ws.close(code, reason);
    }

    /** Sends a binary frame, unless the link is stalled: then nothing at all goes out. */
    void sendBinary(String text) {
        if (!closed && !server.isStalled(market.now())) {
            ws.writeBinaryMessage(Buffer.buffer(text));
        }
    }

    /**
     * Sends a bad message of {@code kind} next to the real stream, in the connection's format, built from the
     * last trade of the first code subscribed (the first Upbit market if none); a stalled link sends nothing.
     */
    void sendBadInput(BadInput kind, int oversizedBytes) {
        long now = market.now();
        if (closed || server.isStalled(now) || !kind.onUpbit()) {
            return;
        }
        if (kind == BadInput.MALFORMED_JSON) {
            sendBinary(Faults.GARBAGE);
            return;
        }
        if (kind == BadInput.OVERSIZED) {
            String head = "{\"type\":\"padding\",\"timestamp\":" + now + ",\"padding\":\"";
            String tail = "\",\"stream_type\":\"REALTIME\"}";
            sendBinary(head + "x".repeat(Math.max(0, oversizedBytes - head.length() - tail.length())) + tail);
            return;
        }
        TradeScript script = firstScript();
        // A late trade must be older than one this connection already pushed (trades up to the cursor).
        long upTo = kind == BadInput.LATE_TRADE ? cursor - 1 : now;
        SimTrade last = script == null ? null : script.lastTrade(upTo);
        if (last == null) {
            return;
        }
        UpbitFormat format = format();
        UpbitFormat single = format.abbreviated() ? UpbitFormat.SIMPLE : UpbitFormat.DEFAULT;
        long time = kind == BadInput.LATE_TRADE ? last.time() - Faults.LATE_TRADE_AGE_MILLIS : last.time();
        SimTrade fresh = new SimTrade(
                time, last.price(), last.quantity(), last.buyerTaker(), server.freshId(time), last.quote());
        String real = UpbitJson.trade(fresh, script.spec(), previousClose(script, time), now, "REALTIME", single);
        String bad = kind == BadInput.LATE_TRADE ? real : UpbitBadInput.trade(kind, real, format.abbreviated());
        if (bad != null) {
            sendBinary(format.list() ? "[" + bad + "]" : bad);
        }
    }

    private UpbitFormat format() {
        return request == null ? UpbitFormat.DEFAULT : request.format();
    }

    private TradeScript firstScript() {
        if (request != null) {
            for (UpbitRequest.TypeRequest type : request.types().values()) {
                for (String code : type.codes()) {
                    TradeScript script = script(code);
                    if (script != null) {
                        return script;
                    }
                }
            }
        }
        List<TradeScript> all = market.scripts(Exchange.UPBIT, Market.SPOT);
        return all.isEmpty() ? null : all.get(0);
    }

    private void onMessage(String text) {
        if (closed) {
            return;
        }
        long now = market.now();
        lastClientMessage = now;
        if ("PING".equals(text.trim())) {
            if (!server.isStalled(now)) {
                ws.writeTextMessage(STATUS_UP);
            }
            nextStatus = now + UpbitStreamServer.STATUS_EVERY_MILLIS;
            return;
        }
        if (!admitRequest(now)) {
            sendBinary(UpbitJson.error(
                    "TOO_MANY_REQUESTS",
                    "request: expected at most " + UpbitStreamServer.REQUESTS_PER_SECOND + " per second and "
                            + UpbitStreamServer.REQUESTS_PER_MINUTE + " per minute on one connection, was more"));
            return;
        }
        try {
            request = UpbitRequest.parse(text);
        } catch (UpbitRequest.RequestException e) {
            sendBinary(UpbitJson.error(e.name(), e.getMessage()));
            return;
        }
        cursor = now;
        snapshots(now);
    }

    /** Counts a data request against the per-connection caps (sim time); refused ones change nothing. */
    private boolean admitRequest(long now) {
        while (!requestTimes.isEmpty() && now - requestTimes.peekFirst() >= 60_000L) {
            requestTimes.pollFirst();
        }
        long inSecond = requestTimes.stream().filter(t -> now - t < 1_000L).count();
        if (inSecond >= UpbitStreamServer.REQUESTS_PER_SECOND
                || requestTimes.size() >= UpbitStreamServer.REQUESTS_PER_MINUTE) {
            return false;
        }
        requestTimes.addLast(now);
        return true;
    }

    private void snapshots(long now) {
        UpbitRequest.TypeRequest trade = request.types().get("trade");
        if (trade == null || !trade.snapshot()) {
            return;
        }
        for (String code : trade.codes()) {
            TradeScript script = script(code);
            SimTrade last = script == null ? null : script.lastTrade(now);
            if (last != null) {
                send(script, last, now, "SNAPSHOT");
            }
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        long now = market.now();
        if (now - lastClientMessage > pacing.tolerantDeadline(UpbitStreamServer.IDLE_MILLIS, 5_000)) {
            close((short) 1000, "idle");
            return;
        }
        if (server.isStalled(now)) {
            // A stalled link delivers nothing and replays nothing afterwards.
            cursor = now;
            return;
        }
        if (now >= nextStatus) {
            ws.writeTextMessage(STATUS_UP);
            nextStatus = now + UpbitStreamServer.STATUS_EVERY_MILLIS;
        }
        UpbitRequest.TypeRequest trade =
                request == null ? null : request.types().get("trade");
        if (trade == null || !trade.realtime() || now <= cursor) {
            cursor = Math.max(cursor, now);
            return;
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        trade.codes().forEach(c -> codes.putIfAbsent(c, codes.size()));
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<String, Integer> e : codes.entrySet()) {
            TradeScript script = script(e.getKey());
            if (script != null) {
                for (SimTrade t : script.trades(cursor, now)) {
                    pending.add(new Pending(script, e.getValue(), t));
                }
            }
        }
        cursor = now;
        pending.sort(Comparator.comparingLong((Pending p) -> p.trade().time())
                .thenComparingInt(Pending::order)
                .thenComparingLong(p -> p.trade().id()));
        for (Pending p : pending) {
            send(p.script(), p.trade(), now, "REALTIME");
        }
    }

    private void send(TradeScript script, SimTrade trade, long now, String streamType) {
        sendBinary(
                UpbitJson.trade(trade, script.spec(), previousClose(script, trade.time()), now, streamType, format()));
    }

    /** Returns the close before the UTC day of {@code time}: Upbit's day starts at 00:00 UTC (09:00 KST). */
    static long previousClose(TradeScript script, long time) {
        return script.closeBefore(UpbitTime.utcDayStart(time));
    }

    private TradeScript script(String code) {
        return market.script(new Instrument(Exchange.UPBIT, Market.SPOT, code));
    }
}
