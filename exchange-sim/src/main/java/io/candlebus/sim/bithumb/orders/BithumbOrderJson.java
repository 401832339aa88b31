package io.candlebus.sim.bithumb.orders;

import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.sim.orders.Balance;
import io.candlebus.sim.orders.SimFill;
import io.candlebus.sim.orders.SimOrder;
import io.candlebus.sim.orders.SimOrderStatus;
import io.candlebus.sim.wire.JsonWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes Bithumb's private REST bodies: order objects, accounts and errors; decimals are JSON strings. */
final class BithumbOrderJson {
    private static final DateTimeFormatter KST_ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.ofHours(9));

    private BithumbOrderJson() {}

    /** Returns the time as Bithumb writes {@code created_at}: ISO with {@code +09:00}. */
    static String kst(long epochMillis) {
        return KST_ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Returns Bithumb's side: {@code bid} or {@code ask}. */
    static String side(Side side) {
        return side == Side.BUY ? "bid" : "ask";
    }

    /** Returns Bithumb's order type: {@code limit}, {@code price} (market buy) or {@code market} (market sell). */
    static String orderType(SimOrder order) {
        if (order.request().type() == OrderType.LIMIT) {
            return "limit";
        }
        return order.request().side() == Side.BUY ? "price" : "market";
    }

    /** Returns Bithumb's state: {@code wait} while open, {@code done} when filled, else {@code cancel}. */
    static String state(SimOrderStatus status) {
        return switch (status) {
            case NEW, PARTIALLY_FILLED -> "wait";
            case FILLED -> "done";
            case CANCELED, EXPIRED -> "cancel";
        };
    }

    /** The {@code POST /v2/orders} answer. */
    static String placed(SimOrder order) {
        return new JsonWriter()
                .beginObject()
                .name("order_id")
                .value(order.bithumbId())
                .name("client_order_id")
                .value(order.request().clientOrderId())
                .name("market")
                .value(order.request().instrument().symbol())
                .name("side")
                .value(side(order.request().side()))
                .name("order_type")
                .value(orderType(order))
                .name("created_at")
                .value(kst(order.createdAt()))
                .name("stp_type")
                .value("cancel_taker")
                .endObject()
                .toString();
    }

    /** The {@code DELETE /v2/order} answer. */
    static String cancelled(SimOrder order) {
        return new JsonWriter()
                .beginObject()
                .name("order_id")
                .value(order.bithumbId())
                .name("client_order_id")
                .value(order.request().clientOrderId())
                .name("created_at")
                .value(kst(order.createdAt()))
                .endObject()
                .toString();
    }

    /** The {@code GET /v1/order} answer: the full order with its trades. */
    static String order(SimOrder order, BigDecimal feeRate) {
        BigDecimal price = order.request().type() == OrderType.LIMIT
                ? order.request().price()
                : order.request().funds();
        BigDecimal reservedFee = order.request().side() == Side.BUY && price != null
                ? (order.request().funds() != null ? price : price.multiply(order.quantity())).multiply(feeRate)
                : BigDecimal.ZERO;
        JsonWriter w = new JsonWriter().beginObject();
        w.name("uuid").value(order.bithumbId());
        w.name("client_order_id").value(order.request().clientOrderId());
        w.name("side").value(side(order.request().side()));
        w.name("ord_type").value(orderType(order));
        w.name("price").value(price == null ? null : JsonWriter.plain(price));
        w.name("state").value(state(order.status()));
        w.name("market").value(order.request().instrument().symbol());
        w.name("created_at").value(kst(order.createdAt()));
        w.name("volume").value(order.request().quantity() == null ? null : JsonWriter.plain(order.quantity()));
        w.name("remaining_volume").value(JsonWriter.plain(order.remainingQuantity()));
        w.name("reserved_fee").value(JsonWriter.plain(reservedFee));
        w.name("remaining_fee")
                .value(JsonWriter.plain(reservedFee.subtract(order.paidFee()).max(BigDecimal.ZERO)));
        w.name("paid_fee").value(JsonWriter.plain(order.paidFee()));
        w.name("locked").value(JsonWriter.plain(order.reserved()));
        w.name("executed_volume").value(JsonWriter.plain(order.executedQuantity()));
        w.name("executed_funds").value(JsonWriter.plain(order.executedQuote()));
        w.name("trades_count").value(order.fills().size());
        w.name("stp_type").value("cancel_taker");
        w.name("trades").beginArray();
        for (SimFill f : order.fills()) {
            w.beginObject();
            w.name("market").value(order.request().instrument().symbol());
            w.name("uuid").value("T" + f.tradeId());
            w.name("price").value(JsonWriter.plain(f.price()));
            w.name("volume").value(JsonWriter.plain(f.quantity()));
            w.name("funds").value(JsonWriter.plain(f.quote()));
            w.name("side").value(side(order.request().side()));
            w.name("created_at").value(kst(f.time()));
            w.endObject();
        }
        return w.endArray().endObject().toString();
    }

    /** The {@code GET /v1/accounts} answer. */
    static String accounts(List<Balance> balances) {
        JsonWriter w = new JsonWriter().beginArray();
        for (Balance b : balances) {
            w.beginObject();
            w.name("currency").value(b.asset());
            w.name("balance").value(JsonWriter.plain(b.free()));
            w.name("locked").value(JsonWriter.plain(b.locked()));
            w.name("avg_buy_price").value("0");
            w.name("avg_buy_price_modified").value(false);
            w.name("unit_currency").value("KRW");
            w.endObject();
        }
        return w.endArray().toString();
    }

    /** The {@code GET /v1/orders/chance} answer. */
    static String chance(
            String market, String base, String quote, BigDecimal fee, BigDecimal minTotal, Balance bid, Balance ask) {
        JsonWriter w = new JsonWriter().beginObject();
        w.name("bid_fee").value(JsonWriter.plain(fee)).name("ask_fee").value(JsonWriter.plain(fee));
        w.name("maker_bid_fee")
                .value(JsonWriter.plain(fee))
                .name("maker_ask_fee")
                .value(JsonWriter.plain(fee));
        w.name("market").beginObject();
        w.name("id").value(market).name("name").value(base + "/" + quote);
        w.name("order_types").beginArray().value("limit").endArray();
        w.name("order_sides").beginArray().value("ask").value("bid").endArray();
        w.name("bid").beginObject().name("currency").value(quote);
        w.name("min_total").value(JsonWriter.plain(minTotal)).endObject();
        w.name("ask").beginObject().name("currency").value(base);
        w.name("min_total").value(JsonWriter.plain(minTotal)).endObject();
        w.name("max_total").value("1000000000").name("state").value("active").endObject();
        account(w.name("bid_account"), bid);
        account(w.name("ask_account"), ask);
        return w.endObject().toString();
    }

    private static void account(JsonWriter w, Balance b) {
        w.beginObject();
        w.name("currency").value(b.asset());
        w.name("balance").value(JsonWriter.plain(b.free()));
        w.name("locked").value(JsonWriter.plain(b.locked()));
        w.name("avg_buy_price").value("0");
        w.name("avg_buy_price_modified").value(false);
        w.name("unit_currency").value("KRW");
        w.endObject();
    }
}
