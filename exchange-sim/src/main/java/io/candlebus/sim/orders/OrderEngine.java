package io.candlebus.sim.orders;

import io.candlebus.contract.Exchange;
import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.contract.OrderType;
import io.candlebus.contract.Side;
import io.candlebus.sim.market.InstrumentSpec;
import io.candlebus.sim.market.SimTrade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the simulated venues' private side: accounts and balances, and a book of resting orders matched
 * against the simulator's own trade sequence. A limit order that is marketable when placed (a buy at or
 * above the last trade price, a sell at or below it) and a market order fill in full at once at the last
 * trade price, paying the taker fee. Any other limit order rests; each later sim trade at or through its
 * price fills it at its own price (maker fee), up to that trade's quantity, so large orders fill in parts.
 * Several resting orders share a trade in price then time priority.
 *
 * <p>Thread-safe: the simulator's event loop and test threads call it; every method holds the lock.
 */
public final class OrderEngine {
    private final TradeTape market;
    private final OrderFaults faults = new OrderFaults();
    private final Map<String, SimAccount> accounts = new HashMap<>();
    private final Map<Long, WorkingOrder> orders = new LinkedHashMap<>();
    private final Map<Instrument, List<WorkingOrder>> resting = new HashMap<>();
    private long matchedUpTo;
    private long nextOrderId = 1;
    private long nextFillId = 1;

    /** What {@link #place} did: {@code existing} is true when a repeated client id returned the earlier order. */
    public record Placement(SimOrder order, boolean existing) {}

    /** Creates an engine over {@code market} with the default accounts of {@link SimAccounts}. */
    public OrderEngine(TradeTape market) {
        this.market = market;
        this.matchedUpTo = market.now();
        SimAccounts.openDefaults(this, market.instruments());
    }

    /** Returns the order faults the venues' routes apply. */
    public OrderFaults faults() {
        return faults;
    }

    /** Opens an account (or replaces one with the same venue and key) holding {@code funds} free. */
    public synchronized SimAccount openAccount(
            SimVenue venue, String key, String secret, Map<String, BigDecimal> funds) {
        SimAccount account = new SimAccount(venue, key, secret, funds);
        accounts.put(venue + " " + key, account);
        return account;
    }

    /** Returns the account of {@code venue} whose API key is {@code key}. */
    public synchronized Optional<SimAccount> account(SimVenue venue, String key) {
        return Optional.ofNullable(accounts.get(venue + " " + key));
    }

    /** Returns the account's balances, by asset. */
    public synchronized List<Balance> balances(SimAccount account) {
        match();
        List<Balance> out = new ArrayList<>();
        account.snapshot().forEach((asset, e) -> out.add(new Balance(asset, e[0], e[1])));
        return out;
    }

    /** Returns the last trade price of {@code instrument} now, or null if it is not simulated. */
    public synchronized BigDecimal lastPrice(Instrument instrument) {
        InstrumentSpec spec = market.spec(instrument);
        return spec == null ? null : spec.price(market.lastPrice(instrument, market.now()));
    }

    /**
     * Places {@code request} for {@code account}: checks the venue's rules and the client order id, reserves
     * the balance, then fills a marketable order at once or rests it.
     */
    public synchronized Placement place(SimAccount account, NewOrder request) throws OrderRejection {
        match();
        long now = market.now();
        InstrumentSpec spec = market.spec(request.instrument());
        if (spec == null || !tradesOn(account.venue(), request.instrument())) {
            throw new OrderRejection(
                    OrderRejection.Reason.UNKNOWN_INSTRUMENT,
                    "instrument: not traded here, was '" + request.instrument().symbol() + "'");
        }
        if (request.clientOrderId() != null) {
            Optional<WorkingOrder> earlier = latestByClientId(account, request.clientOrderId());
            if (earlier.isPresent()) {
                WorkingOrder e = earlier.get();
                if (account.venue().clientIdForever() && e.request.sameTradeAs(request)) {
                    return new Placement(e.snapshot(), true);
                }
                if (account.venue().clientIdForever() || e.status.isOpen()) {
                    throw new OrderRejection(
                            OrderRejection.Reason.DUPLICATE_CLIENT_ORDER_ID,
                            "client order id: already used by order " + e.orderId + ", was '" + request.clientOrderId()
                                    + "'");
                }
            }
        }
        BigDecimal last = spec.price(market.lastPrice(request.instrument(), now));
        TradingRules.check(account.venue(), spec, request, last);
        WorkingOrder order = new WorkingOrder(nextOrderId, account, spec, request, now);
        BigDecimal need = order.reserveNeeded(request.type() == OrderType.LIMIT ? request.price() : last);
        if (!account.lock(order.reserveAsset(), need)) {
            throw new OrderRejection(
                    OrderRejection.Reason.INSUFFICIENT_BALANCE,
                    "balance: " + order.reserveAsset() + " free "
                            + account.free(order.reserveAsset()).toPlainString() + ", needs " + need.toPlainString());
        }
        nextOrderId++;
        order.reserved = need;
        orders.put(order.orderId, order);
        faults.placed(order.orderId, now);
        if (marketable(request, last)) {
            order.fill(nextFillId++, last, order.openQuantity(last), false, now);
            order.close(SimOrderStatus.EXPIRED, now);
        } else if (request.timeInForce() != TimeInForce.GTC) {
            order.close(SimOrderStatus.EXPIRED, now);
        } else {
            resting.computeIfAbsent(request.instrument(), i -> new ArrayList<>())
                    .add(order);
        }
        return new Placement(order.snapshot(), false);
    }

    /** Returns the account's order {@code orderId}. */
    public synchronized Optional<SimOrder> order(SimAccount account, long orderId) {
        match();
        WorkingOrder order = orders.get(orderId);
        return order != null && order.account == account ? Optional.of(order.snapshot()) : Optional.empty();
    }

    /** Returns the account's most recent order with {@code clientOrderId}. */
    public synchronized Optional<SimOrder> orderByClientId(SimAccount account, String clientOrderId) {
        match();
        return latestByClientId(account, clientOrderId).map(WorkingOrder::snapshot);
    }

    /** Cancels the account's open order {@code orderId} and frees its reserve. */
    public synchronized SimOrder cancel(SimAccount account, long orderId) throws OrderRejection {
        match();
        WorkingOrder order = orders.get(orderId);
        if (order == null || order.account != account) {
            throw new OrderRejection(OrderRejection.Reason.ORDER_NOT_FOUND, "order: no order " + orderId);
        }
        if (!order.status.isOpen()) {
            throw new OrderRejection(
                    OrderRejection.Reason.NOT_CANCELABLE,
                    "order: " + orderId + " is " + order.status + ", only open orders can be cancelled");
        }
        order.close(SimOrderStatus.CANCELED, market.now());
        resting.get(order.request.instrument()).remove(order);
        return order.snapshot();
    }

    /** Returns the account's open orders, of {@code instrument} or (null) of all, oldest first. */
    public synchronized List<SimOrder> openOrders(SimAccount account, Instrument instrument) {
        match();
        List<SimOrder> out = new ArrayList<>();
        for (WorkingOrder o : orders.values()) {
            if (o.account == account
                    && o.status.isOpen()
                    && (instrument == null || o.request.instrument().equals(instrument))) {
                out.add(o.snapshot());
            }
        }
        return out;
    }

    /** Returns every order of the account, oldest first: the truth view for tests. */
    public synchronized List<SimOrder> orders(SimAccount account) {
        match();
        List<SimOrder> out = new ArrayList<>();
        for (WorkingOrder o : orders.values()) {
            if (o.account == account) {
                out.add(o.snapshot());
            }
        }
        return out;
    }

    /** Fills resting orders from every sim trade since the last call, up to now. */
    public synchronized void match() {
        long now = market.now();
        if (now <= matchedUpTo) {
            return;
        }
        for (Map.Entry<Instrument, List<WorkingOrder>> e : resting.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            InstrumentSpec spec = market.spec(e.getKey());
            for (SimTrade trade : market.trades(e.getKey(), matchedUpTo, now)) {
                fillFrom(spec, trade, e.getValue());
            }
        }
        matchedUpTo = now;
    }

    private void fillFrom(InstrumentSpec spec, SimTrade trade, List<WorkingOrder> book) {
        BigDecimal price = spec.price(trade.price());
        for (Side side : Side.values()) {
            BigDecimal available = spec.quantity(trade.quantity());
            List<WorkingOrder> crossed = new ArrayList<>();
            for (WorkingOrder o : book) {
                int c = o.request.price().compareTo(price);
                if (o.request.side() == side && (side == Side.BUY ? c >= 0 : c <= 0)) {
                    crossed.add(o);
                }
            }
            Comparator<WorkingOrder> byPrice = Comparator.comparing(o -> o.request.price());
            crossed.sort((side == Side.BUY ? byPrice.reversed() : byPrice).thenComparingLong(o -> o.orderId));
            for (WorkingOrder o : crossed) {
                if (available.signum() <= 0) {
                    break;
                }
                BigDecimal quantity = o.openQuantity(price).min(available);
                o.fill(nextFillId++, o.request.price(), quantity, true, trade.time());
                available = available.subtract(quantity);
            }
        }
        for (Iterator<WorkingOrder> it = book.iterator(); it.hasNext(); ) {
            if (!it.next().status.isOpen()) {
                it.remove();
            }
        }
    }

    private Optional<WorkingOrder> latestByClientId(SimAccount account, String clientOrderId) {
        WorkingOrder latest = null;
        for (WorkingOrder o : orders.values()) {
            if (o.account == account && clientOrderId.equals(o.request.clientOrderId())) {
                latest = o;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static boolean marketable(NewOrder request, BigDecimal last) {
        if (request.type() == OrderType.MARKET) {
            return true;
        }
        int c = request.price().compareTo(last);
        return request.side() == Side.BUY ? c >= 0 : c <= 0;
    }

    private static boolean tradesOn(SimVenue venue, Instrument instrument) {
        return switch (venue) {
            case BITHUMB -> instrument.exchange() == Exchange.BITHUMB;
            case BINANCE_SPOT -> instrument.exchange() == Exchange.BINANCE && instrument.market() == Market.SPOT;
            case BINANCE_USDM -> instrument.exchange() == Exchange.BINANCE && instrument.market() == Market.USDM;
            case BINANCE_COINM -> instrument.exchange() == Exchange.BINANCE && instrument.market() == Market.COINM;
        };
    }

    /** Returns the USD size of one COIN-M contract of {@code instrument}, or null for other instruments. */
    public BigDecimal contractSize(Instrument instrument) {
        InstrumentSpec spec = market.spec(instrument);
        return spec == null ? null : spec.sim().contractSize();
    }

    /** Returns the account's futures positions, flat ones included once traded. */
    public synchronized List<Position> positions(SimAccount account) {
        match();
        return account.futures().snapshot();
    }
}
