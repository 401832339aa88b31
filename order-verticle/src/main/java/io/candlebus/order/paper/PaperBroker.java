package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.Broker;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills orders on paper, immediately and in full: a MARKET order at its reference price (rejected when
 * it has none), a LIMIT order at its limit price, whatever the market does (no order book, no partial
 * fills, no fees). Keeps the net position per instrument; exchange order ids are {@code paper-1},
 * {@code paper-2}, ...
 */
public final class PaperBroker implements Broker {
    private final Clock clock;
    private final Map<Instrument, BigDecimal> positions = new HashMap<>();
    private long lastOrderNumber;

    /** Creates a broker with no positions; {@code clock} stamps its events. */
    public PaperBroker(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Future<OrderEvent> submit(OrderRequest request) {
        BigDecimal price = request.price();
        if (price == null) {
            return Future.succeededFuture(new OrderEvent(
                    request.clientOrderId(),
                    null,
                    request.instrument(),
                    request.side(),
                    OrderStatus.REJECTED,
                    request.quantity(),
                    BigDecimal.ZERO,
                    null,
                    position(request.instrument()),
                    "paper broker: a MARKET order needs a reference price in order.price, was none",
                    true,
                    clock.millis()));
        }
        BigDecimal signed = request.side() == Side.BUY
                ? request.quantity()
                : request.quantity().negate();
        BigDecimal position = positions.merge(request.instrument(), signed, BigDecimal::add);
        String reason = request.type() == OrderType.MARKET
                ? "paper fill at the reference price"
                : "paper fill at the limit price";
        return Future.succeededFuture(new OrderEvent(
                request.clientOrderId(),
                "paper-" + ++lastOrderNumber,
                request.instrument(),
                request.side(),
                OrderStatus.FILLED,
                request.quantity(),
                request.quantity(),
                price,
                position,
                reason,
                true,
                clock.millis()));
    }

    @Override
    public BigDecimal position(Instrument instrument) {
        return positions.getOrDefault(instrument, BigDecimal.ZERO);
    }

    /** Paper mode keeps no account: it holds nothing. */
    @Override
    public Future<List<AssetBalance>> balances() {
        return Future.succeededFuture(List.of());
    }

    /** Paper orders fill at once, so none is ever open to cancel. */
    @Override
    public Future<OrderEvent> cancel(String clientOrderId) {
        return Future.failedFuture("paper broker: order " + clientOrderId + " is not open (paper orders fill at once)");
    }
}
