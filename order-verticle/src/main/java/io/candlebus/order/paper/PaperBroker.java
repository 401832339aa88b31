package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderStatus;
import io.candlebus.contract.Side;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.Broker;
import io.candlebus.order.journal.OrderState;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trades on paper as a venue would, against the market the node observes (see {@link #observe}).
 *
 * <ul>
 *   <li>Orders go through the live state machine (NEW, PARTIALLY_FILLED, FILLED / CANCELED / REJECTED),
 *       published as live mode does: ACCEPTED (with the filled quantity so far), FILLED, CANCELLED, REJECTED.
 *   <li>The venue's rules ({@link VenueRules}: tick, step, minimum value) and the account ({@link PaperAccount})
 *       are checked first; a violation is REJECTED with the rule and the values.
 *   <li>A LIMIT order that the last observed price already crosses fills at once, whole, at that price (taker
 *       fee). Otherwise it rests (ACCEPTED) and fills at its limit price (maker fee) when an observed price
 *       reaches it: a trade fills at most the trade's quantity (partial fills), a live candle (used only for
 *       instruments whose trades are not seen) the rest.
 *   <li>A MARKET order's own price is ignored: it fills whole at the next price observed after it arrives,
 *       moved against it by {@code slippageBps} and rounded to the tick, as taker. Its submit answers only then
 *       (FILLED), or REJECTED when no price came within {@code marketWaitMillis} ({@link #expire}).
 * </ul>
 *
 * <p>Fills after the submit's answer are handed to {@code events}; every fill, with its fee, to {@code fills}.
 * Exchange order ids are {@code paper-1}, {@code paper-2}, ... Nothing is durable: a restart starts a fresh
 * account. Single-threaded (the order verticle's event loop).
 */
public final class PaperBroker implements Broker {
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final int FINAL_MEMORY = 10_000;

    /** Receives every paper fill with its fee, in the settlement asset. */
    public interface FillListener {
        void onFill(Instrument instrument, Side side, BigDecimal quantity, BigDecimal price, BigDecimal fee, long time);
    }

    private final Clock clock;
    private final PaperSettings settings;
    private final Function<Instrument, Future<VenueRules>> rules;
    private final Consumer<OrderEvent> events;
    private final FillListener fills;
    private final PaperAccount account;
    private final Map<String, PaperOrder> open = new LinkedHashMap<>();
    private final Map<String, OrderEvent> finals = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OrderEvent> eldest) {
            return size() > FINAL_MEMORY;
        }
    };
    private final Map<Instrument, BigDecimal> lastPrices = new HashMap<>();
    private final Map<Instrument, BigDecimal> positions = new HashMap<>();
    private final Set<Instrument> tradesSeen = new HashSet<>();
    private long lastOrderNumber;

    /**
     * Creates a broker with the settings' starting balances; {@code rules} loads an instrument's venue rules,
     * {@code events} receives the events of orders whose submit has answered, {@code fills} every fill.
     */
    public PaperBroker(
            Clock clock,
            PaperSettings settings,
            Function<Instrument, Future<VenueRules>> rules,
            Consumer<OrderEvent> events,
            FillListener fills) {
        this.clock = clock;
        this.settings = settings;
        this.rules = rules;
        this.events = events;
        this.fills = fills;
        this.account = new PaperAccount(settings);
    }

    @Override
    public Future<OrderEvent> submit(OrderRequest request) {
        return rules.apply(request.instrument())
                .transform(loaded -> loaded.succeeded()
                        ? place(request, loaded.result())
                        : Future.succeededFuture(rejected(
                                request,
                                "paper: the trading rules of " + request.instrument() + " are unavailable: "
                                        + loaded.cause().getMessage())));
    }

    private Future<OrderEvent> place(OrderRequest request, VenueRules venueRules) {
        Instrument instrument = request.instrument();
        BigDecimal last = lastPrices.get(instrument);
        Optional<String> violation = venueRules.violation(request, last);
        if (violation.isPresent()) {
            return Future.succeededFuture(rejected(request, "paper " + violation.get()));
        }
        InstrumentAssets assets;
        try {
            assets = InstrumentAssets.of(instrument);
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(rejected(request, "paper: " + e.getMessage()));
        }
        long now = clock.millis();
        PaperOrder order = new PaperOrder(
                request, "paper-" + ++lastOrderNumber, venueRules, assets, now + settings.marketWaitMillis());
        Fees fees = settings.feesOf(assets.venue());
        Optional<String> refused = account.reserve(order, fees);
        if (refused.isPresent()) {
            return Future.succeededFuture(rejected(request, "paper " + refused.get()));
        }
        open.put(order.id(), order);
        if (order.market()) {
            return order.answer.future();
        }
        if (last != null && crosses(order, last)) {
            fill(order, order.remaining(), last, true);
            return Future.succeededFuture(
                    finish(order, "paper: filled on arrival at the last price " + last.toPlainString() + " (taker)"));
        }
        return Future.succeededFuture(order.event(
                position(instrument),
                "paper: resting at " + request.price().toPlainString() + ", fills when the market reaches it",
                now));
    }

    /**
     * Takes an observed market price of {@code instrument}: a trade ({@code quantity} = its size) or a live
     * candle's close ({@code quantity} null; ignored for fills once trades of the instrument are seen). Fills
     * the waiting MARKET orders and the resting LIMIT orders it crosses.
     */
    public void observe(Instrument instrument, BigDecimal price, BigDecimal quantity) {
        if (quantity != null) {
            tradesSeen.add(instrument);
        } else if (tradesSeen.contains(instrument)) {
            return;
        }
        lastPrices.put(instrument, price);
        for (PaperOrder order : new ArrayList<>(open.values())) {
            if (!order.instrument().equals(instrument) || order.state.isFinal()) {
                continue;
            }
            if (order.market()) {
                fillMarket(order, price);
            } else if (crosses(order, price)) {
                BigDecimal q =
                        quantity == null ? order.remaining() : order.remaining().min(quantity);
                fill(order, q, order.request.price(), false);
                String reason = "paper: " + q.toPlainString() + " filled at the limit "
                        + order.request.price().toPlainString() + " (maker), the market traded at "
                        + price.toPlainString();
                events.accept(
                        order.remaining().signum() == 0
                                ? finish(order, reason)
                                : order.event(position(instrument), reason, clock.millis()));
            }
        }
    }

    private void fillMarket(PaperOrder order, BigDecimal observed) {
        BigDecimal price = slipped(order, observed);
        Optional<String> violation = order.rules.violation(order.request, price);
        if (violation.isEmpty()) {
            BigDecimal fee = fee(order, order.remaining(), price, true);
            violation = account.affordable(order, order.remaining(), price, fee, fees(order));
        }
        if (violation.isPresent()) {
            order.move(OrderState.REJECTED);
            order.answer.complete(finish(order, "paper " + violation.get()));
            return;
        }
        fill(order, order.remaining(), price, true);
        order.answer.complete(finish(
                order,
                "paper: filled at " + price.toPlainString() + ", the next observed price "
                        + observed.toPlainString() + " with "
                        + settings.slippageBps().toPlainString()
                        + " bps slippage (taker); a MARKET order's own price is ignored"));
    }

    /** Rejects the MARKET orders that saw no price within {@code marketWaitMillis}; call it every second or so. */
    public void expire() {
        long now = clock.millis();
        for (PaperOrder order : new ArrayList<>(open.values())) {
            if (order.market() && !order.state.isFinal() && now >= order.deadline) {
                order.move(OrderState.REJECTED);
                order.answer.complete(finish(
                        order,
                        "paper: no price of " + order.instrument() + " was observed within "
                                + settings.marketWaitMillis()
                                + " ms (order.paper.marketWaitMillis); a MARKET order fills at"
                                + " the next trade or live candle the node sees"));
            }
        }
    }

    @Override
    public Future<OrderEvent> cancel(String clientOrderId) {
        OrderEvent done = finals.get(clientOrderId);
        if (done != null) {
            return Future.succeededFuture(done);
        }
        PaperOrder order = open.get(clientOrderId);
        if (order == null) {
            return Future.failedFuture("cancel: no paper order has client order id " + clientOrderId);
        }
        return Future.succeededFuture(cancel(order, "paper: cancelled on request"));
    }

    /**
     * Cancels every open order for the kill switch ({@code why} names it) and returns the events of those whose
     * submit had answered; a waiting MARKET order's submit answers CANCELLED itself.
     */
    public List<OrderEvent> cancelOpen(String why) {
        List<OrderEvent> out = new ArrayList<>();
        for (PaperOrder order : new ArrayList<>(open.values())) {
            OrderEvent event = cancel(order, "paper: cancelled by the kill switch: " + why);
            if (order.answer == null) {
                out.add(event);
            }
        }
        return out;
    }

    private OrderEvent cancel(PaperOrder order, String reason) {
        order.move(OrderState.CANCELED);
        OrderEvent event = finish(order, reason);
        if (order.answer != null) {
            order.answer.tryComplete(event);
        }
        return event;
    }

    @Override
    public Future<List<AssetBalance>> balances() {
        return Future.succeededFuture(account.balances());
    }

    @Override
    public BigDecimal position(Instrument instrument) {
        return positions.getOrDefault(instrument, BigDecimal.ZERO);
    }

    /** Returns the last price observed for {@code instrument}, or null. */
    public BigDecimal lastPrice(Instrument instrument) {
        return lastPrices.get(instrument);
    }

    /** Returns how many orders are open (resting, or MARKET orders waiting for a price). */
    public int openOrders() {
        return open.size();
    }

    private void fill(PaperOrder order, BigDecimal quantity, BigDecimal price, boolean taker) {
        BigDecimal fee = fee(order, quantity, price, taker);
        account.fill(order, quantity, price, fee);
        order.filled = order.filled.add(quantity);
        order.filledValue = order.filledValue.add(quantity.multiply(price));
        order.fees = order.fees.add(fee);
        order.move(order.remaining().signum() == 0 ? OrderState.FILLED : OrderState.PARTIALLY_FILLED);
        positions.merge(
                order.instrument(), order.request.side() == Side.BUY ? quantity : quantity.negate(), BigDecimal::add);
        fills.onFill(order.instrument(), order.request.side(), quantity, price, fee, clock.millis());
    }

    /** Closes a final order: releases what it holds, forgets it as open, remembers its last event. */
    private OrderEvent finish(PaperOrder order, String reason) {
        account.release(order);
        open.remove(order.id());
        String why = order.fees.signum() > 0
                ? reason + "; fees " + order.fees.toPlainString() + " " + order.assets.settle()
                : reason;
        OrderEvent event = order.event(position(order.instrument()), why, clock.millis());
        finals.put(order.id(), event);
        return event;
    }

    private BigDecimal fee(PaperOrder order, BigDecimal quantity, BigDecimal price, boolean taker) {
        BigDecimal rate = fees(order).rate(taker);
        BigDecimal value = order.assets.inverse()
                ? quantity.multiply(order.rules.contractSize()).divide(price, 16, RoundingMode.HALF_EVEN)
                : quantity.multiply(price);
        return PaperAccount.fee(value, rate);
    }

    private Fees fees(PaperOrder order) {
        return settings.feesOf(order.assets.venue());
    }

    private BigDecimal slipped(PaperOrder order, BigDecimal observed) {
        boolean buy = order.request.side() == Side.BUY;
        BigDecimal factor = BigDecimal.ONE.add(
                buy
                        ? settings.slippageBps().divide(BPS)
                        : settings.slippageBps().divide(BPS).negate());
        BigDecimal raw = observed.multiply(factor);
        BigDecimal tick = order.rules.tickAt(raw);
        BigDecimal ticks = raw.divide(tick, 0, buy ? RoundingMode.UP : RoundingMode.DOWN);
        BigDecimal price = ticks.multiply(tick);
        return price.signum() > 0 ? price.stripTrailingZeros() : tick;
    }

    private static boolean crosses(PaperOrder order, BigDecimal price) {
        int c = price.compareTo(order.request.price());
        return order.request.side() == Side.BUY ? c <= 0 : c >= 0;
    }

    private OrderEvent rejected(OrderRequest request, String reason) {
        OrderEvent event = new OrderEvent(
                request.clientOrderId(),
                null,
                request.instrument(),
                request.side(),
                OrderStatus.REJECTED,
                request.quantity(),
                BigDecimal.ZERO,
                request.price(),
                position(request.instrument()),
                reason,
                true,
                clock.millis());
        finals.put(request.clientOrderId(), event);
        return event;
    }
}
