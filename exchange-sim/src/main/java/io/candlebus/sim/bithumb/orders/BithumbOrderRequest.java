package io.candlebus.sim.bithumb.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code POST /v2/orders} body into a {@link NewOrder}: {@code order_type} {@code limit} (price and
 * volume), {@code price} (a market buy spending {@code price} KRW) or {@code market} (a market sell of
 * {@code volume}). Throws {@link IllegalArgumentException} naming the field; the route answers
 * {@code 400 invalid_parameter}.
 */
final class BithumbOrderRequest {
    private static final Set<String> FIELDS =
            Set.of("market", "side", "order_type", "price", "volume", "client_order_id", "time_in_force");
    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,20})?");

    private BithumbOrderRequest() {}

    static NewOrder parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body: expected a JSON object");
        }
        for (String name : BithumbParams.names(body)) {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException(name + ": unknown field");
            }
        }
        String market = text(body, "market", true);
        Instrument instrument;
        try {
            instrument = new Instrument(Exchange.BITHUMB, Market.SPOT, market);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("market: expected a market code such as KRW-BTC, was '" + market + "'");
        }
        String sideText = text(body, "side", true);
        Side side =
                switch (sideText) {
                    case "bid" -> Side.BUY;
                    case "ask" -> Side.SELL;
                    default -> throw new IllegalArgumentException("side: expected bid or ask, was '" + sideText + "'");
                };
        String type = text(body, "order_type", true);
        BigDecimal price = decimal(body, "price");
        BigDecimal volume = decimal(body, "volume");
        String clientOrderId = text(body, "client_order_id", false);
        if (clientOrderId != null && !CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw new IllegalArgumentException(
                    "client_order_id: expected 1-36 of [A-Za-z0-9_-], was '" + clientOrderId + "'");
        }
        TimeInForce tif = timeInForce(text(body, "time_in_force", false));
        return switch (type) {
            case "limit" -> new NewOrder(
                    instrument,
                    side,
                    OrderType.LIMIT,
                    need(price, "price"),
                    need(volume, "volume"),
                    null,
                    clientOrderId,
                    tif);
            case "price" -> {
                requireSide(side, Side.BUY, type);
                absent(volume, "volume", type);
                yield new NewOrder(
                        instrument, side, OrderType.MARKET, null, null, need(price, "price"), clientOrderId, tif);
            }
            case "market" -> {
                requireSide(side, Side.SELL, type);
                absent(price, "price", type);
                yield new NewOrder(
                        instrument, side, OrderType.MARKET, null, need(volume, "volume"), null, clientOrderId, tif);
            }
            default -> throw new IllegalArgumentException(
                    "order_type: expected limit, price or market, was '" + type + "'");
        };
    }

    private static TimeInForce timeInForce(String text) {
        if (text == null) {
            return TimeInForce.GTC;
        }
        return switch (text) {
            case "ioc" -> TimeInForce.IOC;
            case "fok" -> TimeInForce.FOK;
            default -> throw new IllegalArgumentException(
                    "time_in_force: expected ioc or fok (post_only is not simulated), was '" + text + "'");
        };
    }

    private static void requireSide(Side side, Side expected, String type) {
        if (side != expected) {
            throw new IllegalArgumentException(
                    "side: order_type " + type + " needs " + (expected == Side.BUY ? "bid" : "ask"));
        }
    }

    private static void absent(BigDecimal value, String field, String type) {
        if (value != null) {
            throw new IllegalArgumentException(field + ": must be absent for order_type " + type);
        }
    }

    private static BigDecimal need(BigDecimal value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        return value;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + ": required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + ": expected a string");
        }
        return node.asText();
    }

    private static BigDecimal decimal(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.isTextual() || node.isNumber() ? node.asText() : "";
        if (!DECIMAL.matcher(text).matches() || new BigDecimal(text).signum() <= 0) {
            throw new IllegalArgumentException(field + ": expected a positive decimal such as \"0.001\", was "
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : "'" + text + "'"));
        }
        return new BigDecimal(text);
    }
}
