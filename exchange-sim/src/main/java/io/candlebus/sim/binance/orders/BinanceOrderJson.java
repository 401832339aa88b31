package io.candlebus.sim.binance.orders;

import io.candlebus.contract.OrderType;
import io.candlebus.sim.orders.Balance;
import io.candlebus.sim.orders.SimFill;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Writes Binance spot's private REST bodies; decimals are strings with 8 decimals, as the venue sends them. */
final class BinanceOrderJson {
    private BinanceOrderJson() {}

    static String eight(BigDecimal value) {
        return value.setScale(Math.max(8, value.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    /** The answer to a new order in {@code respType} ACK, RESULT or FULL. */
    static String placed(SimOrder order, String respType) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("symbol").value(order.request().instrument().symbol());
        w.name("orderId").value(order.orderId());
        w.name("orderListId").value(-1);
        w.name("clientOrderId").value(order.request().clientOrderId());
        w.name("transactTime").value(order.createdAt());
        if (!"ACK".equals(respType)) {
            common(w, order);
            w.name("workingTime").value(order.createdAt());
            w.name("selfTradePreventionMode").value("NONE");
        }
        if ("FULL".equals(respType)) {
            w.name("fills").beginArray();
            for (SimFill f : order.fills()) {
                w.beginObject();
                w.name("price").value(eight(f.price()));
                w.name("qty").value(eight(f.quantity()));
                w.name("commission").value(eight(f.fee()));
                w.name("commissionAsset").value(f.feeAsset());
                w.name("tradeId").value(f.tradeId());
                w.endObject();
            }
            w.endArray();
        }
        return w.endObject().toString();
    }

    /** The answer to a query, and each item of {@code openOrders}. */
    static String queried(SimOrder order) {
        JsonWriter w = new JsonWriter();
        queried(w, order);
        return w.toString();
    }

    static String openOrders(List<SimOrder> orders) {
        JsonWriter w = new JsonWriter().beginArray();
        for (SimOrder o : orders) {
            queried(w, o);
        }
        return w.endArray().toString();
    }

    private static void queried(JsonWriter w, SimOrder order) {
        w.beginObject();
        w.name("symbol").value(order.request().instrument().symbol());
        w.name("orderId").value(order.orderId());
        w.name("orderListId").value(-1);
        w.name("clientOrderId").value(order.request().clientOrderId());
        common(w, order);
        w.name("stopPrice").value(eight(BigDecimal.ZERO));
        w.name("icebergQty").value(eight(BigDecimal.ZERO));
        w.name("time").value(order.createdAt());
        w.name("updateTime").value(order.updatedAt());
        w.name("isWorking").value(true);
        w.name("workingTime").value(order.createdAt());
        w.name("origQuoteOrderQty").value(eight(BigDecimal.ZERO));
        w.name("selfTradePreventionMode").value("NONE");
        w.endObject();
    }

    /** The answer to a cancel; {@code cancelId} is the new client id of the cancel itself. */
    static String cancelled(SimOrder order, String cancelId) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("symbol").value(order.request().instrument().symbol());
        w.name("origClientOrderId").value(order.request().clientOrderId());
        w.name("orderId").value(order.orderId());
        w.name("orderListId").value(-1);
        w.name("clientOrderId").value(cancelId);
        w.name("transactTime").value(order.updatedAt());
        common(w, order);
        w.name("selfTradePreventionMode").value("NONE");
        return w.endObject().toString();
    }

    private static void common(JsonWriter w, SimOrder order) {
        BigDecimal price =
                order.request().type() == OrderType.LIMIT ? order.request().price() : BigDecimal.ZERO;
        w.name("price").value(eight(price));
        w.name("origQty").value(eight(order.quantity()));
        w.name("executedQty").value(eight(order.executedQuantity()));
        w.name("cummulativeQuoteQty").value(eight(order.executedQuote()));
        w.name("status").value(order.status().name());
        w.name("timeInForce").value(order.request().timeInForce().name());
        w.name("type").value(order.request().type().name());
        w.name("side").value(order.request().side().name());
    }

    /** The {@code GET /api/v3/account} answer. */
    static String account(List<Balance> balances, long now) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("makerCommission").value(10).name("takerCommission").value(10);
        w.name("buyerCommission").value(0).name("sellerCommission").value(0);
        w.name("canTrade")
                .value(true)
                .name("canWithdraw")
                .value(false)
                .name("canDeposit")
                .value(false);
        w.name("brokered").value(false).name("requireSelfTradePrevention").value(false);
        w.name("updateTime").value(now).name("accountType").value("SPOT");
        w.name("balances").beginArray();
        for (Balance b : balances) {
            w.beginObject();
            w.name("asset").value(b.asset());
            w.name("free").value(eight(b.free()));
            w.name("locked").value(eight(b.locked()));
            w.endObject();
        }
        w.endArray();
        w.name("permissions").beginArray().value("SPOT").endArray();
        return w.endObject().toString();
    }

    static String error(int code, String message) {
        return new JsonWriter()
                .beginObject()
                .name("code")
                .value(code)
                .name("msg")
                .value(message)
                .endObject()
                .toString();
    }
}
