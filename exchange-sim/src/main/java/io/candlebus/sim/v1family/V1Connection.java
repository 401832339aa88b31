package io.candlebus.sim.v1family;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.faults.Faults;
import io.candlebus.sim.market.SimMarket;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open websocket of a venue of the Upbit v1 family: its subscription (a new request replaces it), a
 * snapshot then the merged emission of all its codes in trade-time order as sim time passes, {@code PING}
 * answers, the idle close, stalls and injected bad input. A venue says which types carry data, how a message is
 * written and what it adds (Upbit: the request cap and the repeated status). Runs on the simulator's event loop.
 */
public abstract class V1Connection {
    /** The answer to a text {@code PING}. */
    protected static final String STATUS_UP = "{\"status\":\"UP\"}";

    private final V1StreamServer server;
    private final ServerWebSocket ws;
    private final SimMarket market;
    private final Exchange exchange;
    private final V1Dialect dialect;
    private V1Request request;
    private long cursor;
    private long lastClientMessage;
    private long timer = -1;
    private boolean closed;

    /** A trade to emit and the script and code order it belongs to. */
    private record Pending(TradeScript script, int order, SimTrade trade) {}

    protected V1Connection(V1StreamServer server, ServerWebSocket ws, Exchange exchange, V1Dialect dialect) {
        this.server = server;
        this.ws = ws;
        this.market = server.market();
        this.exchange = exchange;
        this.dialect = dialect;
        this.lastClientMessage = market.now();
    }

    /** Returns whether bad input of {@code kind} occurs on this venue. */
    protected abstract boolean serves(BadInput kind);

    /** Returns whether a subscribed {@code type} carries data here (the others are accepted and stay quiet). */
    protected abstract boolean emits(String type);

    /** Sends {@code trade} of {@code script} as a message of {@code type} ({@code SNAPSHOT} or {@code REALTIME}). */
    protected abstract void send(String type, TradeScript script, SimTrade trade, long now, String streamType);

    /**
     * Returns the message that carries {@code trade} (a fresh id; for {@link BadInput#LATE_TRADE} an old time)
     * with the fault of {@code kind}, or null if there is none to send.
     */
    protected abstract String badTrade(BadInput kind, TradeScript script, SimTrade trade, long now);

    /** Called after a {@code PING} was answered (or would have been, on a stalled link). */
    protected void onPing(long now) {}

    /** Returns whether a data request at {@code now} is taken; a venue refusing one answers it itself. */
    protected boolean admitRequest(long now) {
        return true;
    }

    /** Called on every timer tick of an open link that is not stalled, before any trade is sent. */
    protected void onTick(long now) {}

    /** Returns the subscription in force, null before the first valid request. */
    protected final V1Request request() {
        return request;
    }

    void start(Runnable onClosed) {
        ws.frameHandler(f -> lastClientMessage = market.now());
        ws.textMessageHandler(this::onMessage);
        ws.binaryMessageHandler(b -> onMessage(b.toString(StandardCharsets.UTF_8)));
        ws.exceptionHandler(t -> close((short) 1011, "error"));
        ws.closeHandler(v -> {
            closed = true;
            server.vertx().cancelTimer(timer);
            onClosed.run();
        });
        timer = server.vertx().setPeriodic(server.pacing().minRealMillis(), id -> tick());
    }

    void close(short code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        server.vertx().cancelTimer(timer);
        ws.close(code, reason);
    }

    /** Sends a binary frame, unless the link is stalled: then nothing at all goes out. */
    protected final void sendBinary(String text) {
        if (!closed && !server.isStalled(market.now())) {
            ws.writeBinaryMessage(Buffer.buffer(text));
        }
    }

    /** Sends a text frame as it is (keep-alive answers). */
    protected final void sendText(String text) {
        ws.writeTextMessage(text);
    }

    /**
     * Sends a bad message of {@code kind} next to the real stream, built from the last trade of the first
     * code subscribed (the venue's first market if none) with a fresh {@code sequential_id}; a stalled link
     * sends nothing.
     */
    void sendBadInput(BadInput kind, int oversizedBytes) {
        long now = market.now();
        if (closed || server.isStalled(now) || !serves(kind)) {
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
        // A late trade must be older than one this connection already pushed (trades up to the cursor),
        // not merely older than the newest the market made, which may still be on its way.
        long upTo = kind == BadInput.LATE_TRADE ? cursor - 1 : now;
        SimTrade last = script == null ? null : script.lastTrade(upTo);
        if (last == null) {
            return;
        }
        long time = kind == BadInput.LATE_TRADE ? last.time() - Faults.LATE_TRADE_AGE_MILLIS : last.time();
        SimTrade fresh = new SimTrade(
                time, last.price(), last.quantity(), last.buyerTaker(), server.freshId(time), last.quote());
        String bad = badTrade(kind, script, fresh, now);
        if (bad != null) {
            sendBinary(bad);
        }
    }

    private TradeScript firstScript() {
        if (request != null) {
            for (V1Request.TypeRequest type : request.types().values()) {
                for (String code : type.codes()) {
                    TradeScript script = script(code);
                    if (script != null) {
                        return script;
                    }
                }
            }
        }
        List<TradeScript> all = market.scripts(exchange, Market.SPOT);
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
                sendText(STATUS_UP);
            }
            onPing(now);
            return;
        }
        if (!admitRequest(now)) {
            return;
        }
        try {
            request = V1Request.parse(text, dialect);
        } catch (V1Request.RequestException e) {
            sendBinary(V1Json.error(e.name(), e.getMessage()));
            return;
        }
        cursor = now;
        snapshots(now);
    }

    private void snapshots(long now) {
        for (V1Request.TypeRequest type : request.types().values()) {
            if (!type.snapshot() || !emits(type.type())) {
                continue;
            }
            for (String code : type.codes()) {
                TradeScript script = script(code);
                SimTrade last = script == null ? null : script.lastTrade(now);
                if (last != null) {
                    send(type.type(), script, last, now, "SNAPSHOT");
                }
            }
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        long now = market.now();
        if (now - lastClientMessage > server.pacing().tolerantDeadline(V1StreamServer.IDLE_MILLIS, 5_000)) {
            close((short) 1000, "idle");
            return;
        }
        if (server.isStalled(now)) {
            // A stalled link delivers nothing and replays nothing afterwards.
            cursor = now;
            return;
        }
        onTick(now);
        if (request == null || now <= cursor) {
            // Nothing subscribed yet: nothing to replay later either.
            cursor = Math.max(cursor, now);
            return;
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (V1Request.TypeRequest type : request.types().values()) {
            if (type.realtime() && emits(type.type())) {
                type.codes().forEach(c -> codes.putIfAbsent(c, codes.size()));
            }
        }
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
            for (V1Request.TypeRequest type : request.types().values()) {
                if (type.realtime()
                        && emits(type.type())
                        && type.codes().contains(p.script().spec().instrument().symbol())) {
                    send(type.type(), p.script(), p.trade(), now, "REALTIME");
                }
            }
        }
    }

    private TradeScript script(String code) {
        return market.script(new Instrument(exchange, Market.SPOT, code));
    }
}
