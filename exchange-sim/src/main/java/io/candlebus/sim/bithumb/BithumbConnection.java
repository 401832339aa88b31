package io.candlebus.sim.bithumb;

import io.candlebus.contract.Exchange;
import io.candlebus.sim.faults.BadInput;
import io.candlebus.sim.market.SimTrade;
import io.candlebus.sim.market.TradeScript;
import io.candlebus.sim.v1family.V1BadInput;
import io.candlebus.sim.v1family.V1Connection;
import io.candlebus.sim.v1family.V1Dialect;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;

/**
 * One open Bithumb websocket ({@link V1Connection}): trade and ticker messages in Bithumb's form, the
 * {@code sequential_id} a string or a number as the {@link io.candlebus.sim.WireForms} say, the trade date in KST.
 */
final class BithumbConnection extends V1Connection {
    /** Bithumb's request: camel-case only-flags, {@code DEFAULT} the only format simulated. */
    static final V1Dialect DIALECT = new V1Dialect(
            List.of("ticker", "trade", "orderbook"),
            List.of("DEFAULT"),
            "DEFAULT (SIMPLE is not simulated)",
            false,
            false);

    private final BithumbStreamServer server;

    BithumbConnection(BithumbStreamServer server, ServerWebSocket ws) {
        super(server, ws, Exchange.BITHUMB, DIALECT);
        this.server = server;
    }

    @Override
    protected boolean serves(BadInput kind) {
        return kind.onBithumb();
    }

    @Override
    protected boolean emits(String type) {
        // Order books are not simulated; the subscription is accepted and stays quiet.
        return !type.equals("orderbook");
    }

    @Override
    protected void send(String type, TradeScript script, SimTrade trade, long now, String streamType) {
        if (type.equals("ticker")) {
            sendBinary(BithumbTicker.of(script, trade)
                    .message(now, streamType, server.forms().bithumbEmptyDelistingDates()));
        } else {
            sendBinary(trade(script, trade, now, streamType));
        }
    }

    @Override
    protected String badTrade(BadInput kind, TradeScript script, SimTrade trade, long now) {
        String real = trade(script, trade, now, "REALTIME");
        return kind == BadInput.LATE_TRADE ? real : V1BadInput.trade(kind, real, false);
    }

    private String trade(TradeScript script, SimTrade trade, long now, String streamType) {
        return BithumbJson.trade(
                trade,
                script.spec(),
                BithumbTicker.previousClose(script, trade.time()),
                now,
                streamType,
                server.forms().bithumbStringSequentialIds());
    }
}
