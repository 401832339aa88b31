package io.candlebus.sim.binance.orders;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.sim.orders.NewOrder;
import io.candlebus.sim.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the parameters of a new order ({@code /api/v3/order}, {@code /fapi/v1/order}, {@code /dapi/v1/order})
 * into a {@link NewOrder}: LIMIT needs {@code timeInForce}, {@code quantity} and {@code price}; MARKET needs
 * {@code quantity}. Not simulated, and refused: {@code quoteOrderQty}, stop and maker types, futures
 * hedge mode ({@code positionSide} other than BOTH) and {@code reduceOnly}/{@code closePosition}.
 */
final class BinanceOrderRequest {
    static final Pattern CLIENT_ORDER_ID = Pattern.compile("[.A-Z:/a-z0-9_-]{1,36}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,20})?");
    private static final String DECIMAL_RANGE = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";

    private BinanceOrderRequest() {}

    static NewOrder parse(Map<String, String> params, Market market) throws BinanceFailure {
        Instrument instrument = symbol(params, market);
        boolean futures = market != Market.SPOT;
        if (futures) {
            String positionSide = params.getOrDefault("positionSide", "BOTH");
            if (!"BOTH".equals(positionSide)) {
                throw BinanceFailure.bad(-4061, "Order's position side does not match user's setting.");
            }
            if ("true".equals(params.get("reduceOnly")) || "true".equals(params.get("closePosition"))) {
                throw BinanceFailure.bad(-1106, "Parameter 'reduceOnly' sent when not required.");
            }
        }
        Side side =
                switch (required(params, "side")) {
                    case "BUY" -> Side.BUY;
                    case "SELL" -> Side.SELL;
                    default -> throw BinanceFailure.bad(-1117, "Invalid side.");
                };
        String typeText = required(params, "type");
        OrderType type =
                switch (typeText) {
                    case "LIMIT" -> OrderType.LIMIT;
                    case "MARKET" -> OrderType.MARKET;
                    default -> throw BinanceFailure.bad(-1116, "Invalid orderType.");
                };
        if (params.containsKey("quoteOrderQty")) {
            throw BinanceFailure.bad(-1106, "Parameter 'quoteOrderQty' sent when not required.");
        }
        String clientId = params.get("newClientOrderId");
        if (clientId != null && !CLIENT_ORDER_ID.matcher(clientId).matches()) {
            if (futures) {
                throw BinanceFailure.bad(-4015, "Client order id is not valid.");
            }
            throw BinanceFailure.illegal("newClientOrderId", "^[\\.A-Z\\:/a-z0-9_-]{1,36}$");
        }
        BigDecimal quantity = decimal(params, "quantity", true);
        if (type == OrderType.MARKET) {
            if (params.containsKey("price")) {
                throw BinanceFailure.bad(-1106, "Parameter 'price' sent when not required.");
            }
            return new NewOrder(instrument, side, type, null, quantity, null, clientId, TimeInForce.GTC);
        }
        TimeInForce tif =
                switch (required(params, "timeInForce")) {
                    case "GTC" -> TimeInForce.GTC;
                    case "IOC" -> TimeInForce.IOC;
                    case "FOK" -> TimeInForce.FOK;
                    default -> throw BinanceFailure.bad(-1115, "Invalid timeInForce.");
                };
        return new NewOrder(instrument, side, type, decimal(params, "price", true), quantity, null, clientId, tif);
    }

    /** Returns the {@code market} instrument named by {@code symbol}; -1121 if it is malformed. */
    static Instrument symbol(Map<String, String> params, Market market) throws BinanceFailure {
        String symbol = required(params, "symbol");
        if (!SYMBOL.matcher(symbol).matches()) {
            throw BinanceFailure.bad(-1121, "Invalid symbol.");
        }
        return new Instrument(Exchange.BINANCE, market, symbol);
    }

    static String required(Map<String, String> params, String name) throws BinanceFailure {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw BinanceFailure.mandatory(name);
        }
        return value;
    }

    private static BigDecimal decimal(Map<String, String> params, String name, boolean required) throws BinanceFailure {
        String text = required ? required(params, name) : params.get(name);
        if (text == null) {
            return null;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw BinanceFailure.illegal(name, DECIMAL_RANGE);
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() <= 0) {
            throw BinanceFailure.bad(-1013, "Invalid " + name + ".");
        }
        return value;
    }
}
