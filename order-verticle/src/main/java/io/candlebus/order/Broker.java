package io.candlebus.order;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.List;

/**
 * Places orders at a venue: the boundary where the paper broker and, later, the live Binance and
 * Bithumb brokers plug in. Risk checks and idempotency happen before a request gets here, so a broker
 * sees each client order id at most once.
 */
public interface Broker {

    /**
     * Places an order. The future completes with the first event the venue reports (FILLED for the paper
     * broker; ACCEPTED, FILLED or REJECTED for a live one); a failed future means the outcome is unknown.
     */
    Future<OrderEvent> submit(OrderRequest request);

    /** Returns the broker's net position in {@code instrument} (base units, negative when short, 0 if none). */
    BigDecimal position(Instrument instrument);

    /** Returns what the account holds, per asset (from the venue for a live broker); failed if it cannot tell. */
    Future<List<AssetBalance>> balances();

    /**
     * Cancels the order of {@code clientOrderId} and completes with its final event: CANCELED, or FILLED if it
     * filled first. A failed future means the id is unknown or the outcome unclear (the order may still be open).
     */
    Future<OrderEvent> cancel(String clientOrderId);
}
