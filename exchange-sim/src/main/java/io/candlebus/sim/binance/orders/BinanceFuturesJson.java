package io.candlebus.sim.binance.orders;

import io.candlebus.contract.Market;
import io.candlebus.contract.OrderType;
import io.candlebus.sim.orders.Balance;
import io.candlebus.sim.orders.Position;
import io.candlebus.sim.orders.SimFill;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimVenue;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Writes Binance futures' private REST bodies (USDT-M {@code /fapi}, COIN-M {@code /dapi}): the order object
 * (COIN-M reports {@code cumBase} where USDT-M reports {@code cumQuote}), balances and position risk.
 */
final class BinanceFuturesJson {
    private BinanceFuturesJson() {}

    static String order(SimOrder order) {
        JsonWriter w = new JsonWriter();
        order(w, order);
        return w.toString();
    }

    static String orders(List<SimOrder> orders) {
        JsonWriter w = new JsonWriter().beginArray();
        for (SimOrder o : orders) {
            order(w, o);
        }
        return w.endArray().toString();
    }

    private static void order(JsonWriter w, SimOrder order) {
        boolean coinm = order.request().instrument().market() == Market.COINM;
        String symbol = order.request().instrument().symbol();
        BigDecimal price =
                order.request().type() == OrderType.LIMIT ? order.request().price() : BigDecimal.ZERO;
        w.beginObject();
        w.name("orderId").value(order.orderId());
        w.name("symbol").value(symbol);
        if (coinm) {
            w.name("pair").value(symbol.substring(0, symbol.indexOf('_') < 0 ? symbol.length() : symbol.indexOf('_')));
        }
        w.name("status").value(order.status().name());
        w.name("clientOrderId").value(order.request().clientOrderId());
        w.name("price").value(price.toPlainString());
        w.name("avgPrice").value(averagePrice(order).toPlainString());
        w.name("origQty").value(order.quantity().toPlainString());
        w.name("executedQty").value(order.executedQuantity().toPlainString());
        w.name("cumQty").value(order.executedQuantity().toPlainString());
        w.name(coinm ? "cumBase" : "cumQuote").value(JsonWriter.plain(order.executedQuote()));
        w.name("timeInForce").value(order.request().timeInForce().name());
        w.name("type").value(order.request().type().name());
        w.name("origType").value(order.request().type().name());
        w.name("reduceOnly").value(false).name("closePosition").value(false);
        w.name("side").value(order.request().side().name());
        w.name("positionSide").value("BOTH");
        w.name("stopPrice").value("0").name("workingType").value("CONTRACT_PRICE");
        w.name("priceProtect").value(false).name("priceMatch").value("NONE");
        w.name("selfTradePreventionMode").value("NONE").name("goodTillDate").value(0);
        w.name("time").value(order.createdAt());
        w.name("updateTime").value(order.updatedAt());
        w.endObject();
    }

    /** Returns the quantity-weighted average fill price, 0 before any fill. */
    private static BigDecimal averagePrice(SimOrder order) {
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal sum = BigDecimal.ZERO;
        for (SimFill f : order.fills()) {
            quantity = quantity.add(f.quantity());
            sum = sum.add(f.price().multiply(f.quantity()));
        }
        return quantity.signum() == 0
                ? BigDecimal.ZERO
                : sum.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    static String balances(List<Balance> balances, long now) {
        JsonWriter w = new JsonWriter().beginArray();
        for (Balance b : balances) {
            String wallet = JsonWriter.plain(b.free().add(b.locked()));
            w.beginObject();
            w.name("accountAlias").value("SimAccount").name("asset").value(b.asset());
            w.name("balance").value(wallet).name("crossWalletBalance").value(wallet);
            w.name("crossUnPnl").value("0");
            w.name("availableBalance").value(JsonWriter.plain(b.free()));
            w.name("maxWithdrawAmount").value(JsonWriter.plain(b.free().max(BigDecimal.ZERO)));
            w.name("marginAvailable").value(true).name("updateTime").value(now);
            w.endObject();
        }
        return w.endArray().toString();
    }

    /**
     * The position risk list; {@code marks} gives each position's mark price (the last trade price here)
     * in the same order, and {@code contractSize} of each COIN-M position its contract size.
     */
    static String positions(
            List<Position> positions, List<BigDecimal> marks, List<BigDecimal> contractSizes, long now) {
        JsonWriter w = new JsonWriter().beginArray();
        for (int i = 0; i < positions.size(); i++) {
            Position p = positions.get(i);
            BigDecimal mark = marks.get(i);
            boolean coinm = p.instrument().market() == Market.COINM;
            BigDecimal unrealized;
            if (p.quantity().signum() == 0) {
                unrealized = BigDecimal.ZERO;
            } else if (coinm) {
                unrealized = p.quantity()
                        .multiply(contractSizes.get(i))
                        .multiply(BigDecimal.ONE
                                .divide(p.entryPrice(), 16, RoundingMode.HALF_EVEN)
                                .subtract(BigDecimal.ONE.divide(mark, 16, RoundingMode.HALF_EVEN)))
                        .setScale(8, RoundingMode.HALF_EVEN);
            } else {
                unrealized = mark.subtract(p.entryPrice()).multiply(p.quantity());
            }
            w.beginObject();
            w.name("symbol").value(p.instrument().symbol());
            w.name("positionAmt").value(JsonWriter.plain(p.quantity()));
            w.name("entryPrice").value(JsonWriter.plain(p.entryPrice()));
            w.name("markPrice").value(JsonWriter.plain(mark));
            w.name("unRealizedProfit").value(JsonWriter.plain(unrealized));
            w.name("liquidationPrice").value("0");
            w.name("leverage").value(Integer.toString(SimVenue.LEVERAGE));
            w.name("marginType").value("cross").name("isolatedMargin").value("0");
            w.name("isAutoAddMargin").value("false").name("positionSide").value("BOTH");
            w.name("updateTime").value(now);
            w.endObject();
        }
        return w.endArray().toString();
    }
}
