package io.candlebus.order;

import io.candlebus.contract.FailureCode;
import io.candlebus.contract.OrderRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Whether a new order may go to the desk now. A tripped kill switch and a journal not yet reconciled with the
 * venues refuse every new order, from a signal or a submit; a submit is also refused for an instrument without
 * recent market data (not followed), unless its client order id is known, since a repeat is answered from the
 * record. The order verticle asks before placing; the checks are here, apart from the bus plumbing, so they are
 * tested on their own.
 */
final class OrderGate {

    /** Why an order was refused: the heartbeat counter it counts towards, the failure code, and the message. */
    record Refusal(String counter, FailureCode code, String message) {}

    private final KillSwitch kill;
    private final BooleanSupplier reconciled;
    private final LastPrices prices;
    private final OrderJournal results;
    private final Clock clock;

    OrderGate(KillSwitch kill, BooleanSupplier reconciled, LastPrices prices, OrderJournal results, Clock clock) {
        this.kill = kill;
        this.reconciled = reconciled;
        this.prices = prices;
        this.results = results;
        this.clock = clock;
    }

    /** Returns why a signal may not be traded now, or empty. */
    Optional<Refusal> forSignal() {
        return anyOrder("the order journal is still being reconciled with the venues");
    }

    /** Returns why {@code request}, submitted over the bus or HTTP, may not be placed now, or empty. */
    Optional<Refusal> forSubmit(OrderRequest request) {
        Optional<Refusal> refused = anyOrder("reconciling the order journal with the venues after a start; no new"
                + " order is placed until every open intent is settled, retry shortly");
        if (refused.isPresent()) {
            return refused;
        }
        if (results.find(request.clientOrderId()).isEmpty() && !prices.followed(request.instrument(), clock.millis())) {
            return Optional.of(new Refusal(
                    "invalid",
                    FailureCode.REJECTED,
                    "order.instrument: " + request.instrument()
                            + " is not followed by this deployment (no candle of it on candles.live or"
                            + " candles.closed in the last " + LastPrices.FOLLOWED_WITHIN_MILLIS / 1000
                            + " s); follow it first (POST /subscriptions)"));
        }
        return Optional.empty();
    }

    /** The refusals of every new order: a tripped kill switch, then a journal still being reconciled. */
    private Optional<Refusal> anyOrder(String reconciling) {
        if (kill.tripped()) {
            return Optional.of(new Refusal("refusedKillSwitch", FailureCode.REJECTED, kill.refusal()));
        }
        if (!reconciled.getAsBoolean()) {
            return Optional.of(new Refusal("refusedReconciling", FailureCode.UNAVAILABLE, reconciling));
        }
        return Optional.empty();
    }
}
