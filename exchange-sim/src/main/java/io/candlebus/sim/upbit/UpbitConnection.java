package io.candlebus.sim.upbit;

import io.candlebus.contract.Exchange;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.v1family.V1BadInput;
import io.candlebus.sim.v1family.V1Connection;
import io.candlebus.sim.v1family.V1Dialect;
import io.candlebus.sim.v1family.V1Json;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One open Upbit websocket ({@link V1Connection}): trade messages in the requested {@link UpbitFormat}, the
 * trade date in UTC, {@code {"status":"UP"}} every 10 s after a {@code PING}, and the request cap.
 */
final class UpbitConnection extends V1Connection {
    /** Upbit's request: snake-case only-flags (camel read too), four formats, not both only-flags. */
    static final V1Dialect DIALECT = new V1Dialect(
            List.of("trade", "ticker", "orderbook"),
            List.of("DEFAULT", "SIMPLE", "JSON_LIST", "SIMPLE_LIST"),
            "DEFAULT, SIMPLE, JSON_LIST or SIMPLE_LIST",
            true,
            true);

    private final Deque<Long> requestTimes = new ArrayDeque<>();
    private long nextStatus = Long.MAX_VALUE;

    UpbitConnection(UpbitStreamServer server, ServerWebSocket ws) {
        super(server, ws, Exchange.UPBIT, DIALECT);
    }

    @Override
    protected boolean serves(BadInput kind) {
        return kind.onUpbit();
    }

    @Override
    protected boolean emits(String type) {
        // Only trades are simulated; ticker and orderbook subscriptions are accepted and stay quiet.
        return type.equals("trade");
    }

    @Override
    protected void send(String type, TradeScript script, SimTrade trade, long now, String streamType) {
        sendBinary(
                UpbitJson.trade(trade, script.spec(), previousClose(script, trade.time()), now, streamType, format()));
    }

    /** Writes the bad trade in the connection's format: a SIMPLE client gets {@code "tp":-...}. */
    @Override
    protected String badTrade(BadInput kind, TradeScript script, SimTrade trade, long now) {
        UpbitFormat format = format();
        UpbitFormat single = format.abbreviated() ? UpbitFormat.SIMPLE : UpbitFormat.DEFAULT;
        String real =
                UpbitJson.trade(trade, script.spec(), previousClose(script, trade.time()), now, "REALTIME", single);
        String bad = kind == BadInput.LATE_TRADE ? real : V1BadInput.trade(kind, real, format.abbreviated());
        if (bad == null) {
            return null;
        }
        return format.list() ? "[" + bad + "]" : bad;
    }

    @Override
    protected void onPing(long now) {
        nextStatus = now + UpbitStreamServer.STATUS_EVERY_MILLIS;
    }

    @Override
    protected void onTick(long now) {
        if (now >= nextStatus) {
            sendText(STATUS_UP);
            nextStatus = now + UpbitStreamServer.STATUS_EVERY_MILLIS;
        }
    }

    /** Counts a data request against the per-connection caps (sim time); refused ones change nothing. */
    @Override
    protected boolean admitRequest(long now) {
        while (!requestTimes.isEmpty() && now - requestTimes.peekFirst() >= 60_000L) {
            requestTimes.pollFirst();
        }
        long inSecond = requestTimes.stream().filter(t -> now - t < 1_000L).count();
        if (inSecond >= UpbitStreamServer.REQUESTS_PER_SECOND
                || requestTimes.size() >= UpbitStreamServer.REQUESTS_PER_MINUTE) {
            sendBinary(V1Json.error(
                    "TOO_MANY_REQUESTS",
                    "request: expected at most " + UpbitStreamServer.REQUESTS_PER_SECOND + " per second and "
                            + UpbitStreamServer.REQUESTS_PER_MINUTE + " per minute on one connection, was more"));
            return false;
        }
        requestTimes.addLast(now);
        return true;
    }

    private UpbitFormat format() {
        return request() == null
                ? UpbitFormat.DEFAULT
                : UpbitFormat.named(request().format());
    }

    /** Returns the close before the UTC day of {@code time}: Upbit's day starts at 00:00 UTC (09:00 KST). */
    static long previousClose(TradeScript script, long time) {
        return script.closeBefore(UpbitTime.utcDayStart(time));
    }
}
