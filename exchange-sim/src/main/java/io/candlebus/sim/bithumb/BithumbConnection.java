package io.candlebus.sim.bithumb;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One open Bithumb websocket: its subscription, the merged trade/ticker emission of all its codes in
 * trade-time order as sim time passes, {@code PING} answers and the idle close. Runs on the simulator's
 * event loop.
 */
final class BithumbConnection {
    private final Vertx vertx;
    private final BithumbStreamServer server;
    private final ServerWebSocket ws;
    private final SimMarket market;
    private final Pacing pacing;
    private final long idleMillis;
    private BithumbRequest request;
    private long cursor;
    private long lastClientMessage;
    private long timer = -1;
    private boolean closed;

    /** A trade to emit and the script and code order it belongs to. */
    private record Pending(TradeScript script, int order, SimTrade trade) {}

    BithumbConnection(
            Vertx vertx,
            BithumbStreamServer server,
            ServerWebSocket ws,
            SimMarket market,
            Pacing pacing,
            long idleMillis) {
        this.vertx = vertx;
        this.server = server;
        this.ws = ws;
        this.market = market;
        this.pacing = pacing;
        this.idleMillis = idleMillis;
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
     * Sends a bad message of {@code kind} next to the real stream, built from the last trade of the first
     * code subscribed (the first Bithumb market if none); a stalled link sends nothing.
     */
    void sendBadInput(BadInput kind, int oversizedBytes) {
        long now = market.now();
        if (closed || server.isStalled(now) || !kind.onBithumb()) {
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
        if (kind == BadInput.LATE_TRADE) {
            long time = last.time() - Faults.LATE_TRADE_AGE_MILLIS;
            SimTrade late = new SimTrade(
                    time, last.price(), last.quantity(), last.buyerTaker(), server.freshId(time), last.quote());
            sendBinary(BithumbJson.trade(
                    late, script.spec(), BithumbTicker.previousClose(script, time), now, "REALTIME", stringIds()));
            return;
        }
        SimTrade fresh = new SimTrade(
                last.time(),
                last.price(),
                last.quantity(),
                last.buyerTaker(),
                server.freshId(last.time()),
                last.quote());
        String real = BithumbJson.trade(
                fresh, script.spec(), BithumbTicker.previousClose(script, last.time()), now, "REALTIME", stringIds());
        String bad = BithumbBadInput.trade(kind, real);
        if (bad != null) {
            sendBinary(bad);
        }
    }

    private TradeScript firstScript() {
        if (request != null) {
            for (BithumbRequest.TypeRequest type : request.types().values()) {
                for (String code : type.codes()) {
                    TradeScript script = script(code);
                    if (script != null) {
                        return script;
                    }
                }
            }
        }
        List<TradeScript> all = market.scripts(Exchange.BITHUMB, Market.SPOT);
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
                ws.writeTextMessage("{\"status\":\"UP\"}");
            }
            return;
        }
        try {
            request = BithumbRequest.parse(text);
        } catch (BithumbRequest.RequestException e) {
            sendBinary(BithumbJson.error(e.name(), e.getMessage()));
            return;
        }
        cursor = now;
        snapshots(now);
    }

    private void snapshots(long now) {
        for (BithumbRequest.TypeRequest type : request.types().values()) {
            if (!type.snapshot()) {
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
        if (now - lastClientMessage > pacing.tolerantDeadline(idleMillis, 5_000)) {
            close((short) 1000, "idle");
            return;
        }
        if (server.isStalled(now)) {
            // A stalled link delivers nothing and replays nothing afterwards.
            cursor = now;
            return;
        }
        if (request == null || now <= cursor) {
            return;
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (BithumbRequest.TypeRequest type : request.types().values()) {
            if (type.realtime() && !type.type().equals("orderbook")) {
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
            for (BithumbRequest.TypeRequest type : request.types().values()) {
                if (type.realtime()
                        && type.codes().contains(p.script().spec().instrument().symbol())) {
                    send(type.type(), p.script(), p.trade(), now, "REALTIME");
                }
            }
        }
    }

    private void send(String type, TradeScript script, SimTrade trade, long now, String streamType) {
        switch (type) {
            case "trade" -> sendBinary(BithumbJson.trade(
                    trade,
                    script.spec(),
                    BithumbTicker.previousClose(script, trade.time()),
                    now,
                    streamType,
                    stringIds()));
            case "ticker" -> sendBinary(BithumbTicker.of(script, trade)
                    .message(now, streamType, server.forms().bithumbEmptyDelistingDates()));
            default -> {
                // Order books are not simulated; the subscription is accepted and stays quiet.
            }
        }
    }

    private boolean stringIds() {
        return server.forms().bithumbStringSequentialIds();
    }

    private TradeScript script(String code) {
        return market.script(new Instrument(Exchange.BITHUMB, Market.SPOT, code));
    }
}
