package io.candlebus.order.bithumb;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns an order into the body of Bithumb's {@code POST /v2/orders}, keys in the order they are hashed. A
 * LIMIT order is {@code order_type=limit} with price and volume; a MARKET sell is {@code order_type=market}
 * with its volume; a MARKET buy is {@code order_type=price}, spending quantity x the order's reference
 * price in whole KRW (Bithumb buys at market by amount, not by volume).
 */
public final class BithumbOrderBody {
    private BithumbOrderBody() {}

    /** Returns the body, or throws {@link IllegalArgumentException} naming the field that cannot be sent. */
    public static JsonObject of(OrderRequest request) {
        if (request.instrument().exchange() != Exchange.BITHUMB) {
            throw new IllegalArgumentException("order.instrument: expected a bithumb instrument, was "
                    + request.instrument().key());
        }
        JsonObject body = new JsonObject()
                .put("market", request.instrument().symbol())
                .put("side", request.side() == Side.BUY ? "bid" : "ask");
        if (request.type() == OrderType.LIMIT) {
            body.put("order_type", "limit")
                    .put("price", plain(request.price()))
                    .put("volume", plain(request.quantity()));
        } else if (request.side() == Side.SELL) {
            body.put("order_type", "market").put("volume", plain(request.quantity()));
        } else {
            if (request.price() == null) {
                throw new IllegalArgumentException(
                        "order.price: a bithumb MARKET buy spends quantity x price KRW and needs a reference price,"
                                + " was none");
            }
            BigDecimal funds = request.quantity().multiply(request.price()).setScale(0, RoundingMode.DOWN);
            body.put("order_type", "price").put("price", plain(funds));
        }
        return body.put("client_order_id", request.clientOrderId());
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
