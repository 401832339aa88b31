package io.candlebus.sim.orders;

import io.candlebus.contract.Side;
import io.candlebus.sim.market.InstrumentSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's mutable order: what it reserved, what filled, and the balance moves each fill and the
 * release of the reserve make. Only {@link OrderEngine} touches it, under its lock.
 */
final class WorkingOrder {
    /** Fees are cut to 8 decimals, rounding down, so their sum never exceeds the reserve. */
    private static final int FEE_SCALE = 8;

    final long orderId;
    final SimAccount account;
    final InstrumentSpec spec;
    final NewOrder request;
    final String base;
    final String quote;
    final long createdAt;
    SimOrderStatus status = SimOrderStatus.NEW;
    BigDecimal executedQuantity = BigDecimal.ZERO;
    BigDecimal executedQuote = BigDecimal.ZERO;
    BigDecimal paidFee = BigDecimal.ZERO;
    BigDecimal reserved = BigDecimal.ZERO;
    final List<SimFill> fills = new ArrayList<>();
    long updatedAt;

    WorkingOrder(long orderId, SimAccount account, InstrumentSpec spec, NewOrder request, long createdAt) {
        this.orderId = orderId;
        this.account = account;
        this.spec = spec;
        this.request = request;
        this.base = Assets.base(request.instrument());
        this.quote = Assets.quote(request.instrument());
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    boolean isBuy() {
        return request.side() == Side.BUY;
    }

    /** Returns the asset a buy or sell reserves: on futures always the margin asset. */
    String reserveAsset() {
        if (account.venue().isFutures()) {
            return Assets.margin(request.instrument());
        }
        return isBuy() ? quote : base;
    }

    /**
     * Returns what the order must reserve when it is placed, valuing a buy at {@code unitPrice} (its limit,
     * or the last price for a market buy by quantity): quote for a buy (plus the fee where the fee is paid
     * in quote), base for a sell.
     */
    BigDecimal reserveNeeded(BigDecimal unitPrice) {
        if (account.venue().isFutures()) {
            // Initial margin plus the taker fee; reducing orders reserve too (the simulator keeps it simple).
            BigDecimal value = FuturesBook.value(spec, unitPrice, request.quantity());
            return FuturesBook.margin(value)
                    .add(value.multiply(account.venue().takerFee()).setScale(FEE_SCALE, RoundingMode.UP));
        }
        if (!isBuy()) {
            return request.quantity();
        }
        BigDecimal cost = request.funds() != null ? request.funds() : unitPrice.multiply(request.quantity());
        SimVenue venue = account.venue();
        return venue.feeInQuote() ? cost.add(cost.multiply(venue.takerFee())) : cost;
    }

    /** Returns the base quantity still open, or for a market buy by funds the quantity funds buy at {@code price}. */
    BigDecimal openQuantity(BigDecimal price) {
        if (request.quantity() != null) {
            return request.quantity().subtract(executedQuantity);
        }
        return request.funds().divide(price, FEE_SCALE, RoundingMode.DOWN);
    }

    /** Applies a fill of {@code quantity} at {@code price}: spends from the reserve, credits the proceeds. */
    void fill(long tradeId, BigDecimal price, BigDecimal quantity, boolean maker, long time) {
        SimVenue venue = account.venue();
        BigDecimal rate = maker ? venue.makerFee() : venue.takerFee();
        BigDecimal value = price.multiply(quantity);
        BigDecimal fee;
        String feeAsset;
        if (venue.isFutures()) {
            BigDecimal open = openQuantity(price);
            BigDecimal part = quantity.compareTo(open) >= 0
                    ? reserved
                    : reserved.multiply(quantity).divide(open, FEE_SCALE, RoundingMode.DOWN);
            feeAsset = reserveAsset();
            account.unlock(feeAsset, part);
            reserved = reserved.subtract(part);
            value = FuturesBook.value(spec, price, quantity);
            fee = value.multiply(rate).setScale(FEE_SCALE, RoundingMode.DOWN);
            BigDecimal realized = account.futures().apply(account, spec, isBuy(), quantity, price);
            account.credit(feeAsset, realized.subtract(fee));
        } else if (isBuy()) {
            boolean inQuote = venue.feeInQuote();
            fee = (inQuote ? value : quantity).multiply(rate).setScale(FEE_SCALE, RoundingMode.DOWN);
            feeAsset = inQuote ? quote : base;
            BigDecimal spent = inQuote ? value.add(fee) : value;
            account.spendLocked(quote, spent);
            reserved = reserved.subtract(spent);
            account.credit(base, inQuote ? quantity : quantity.subtract(fee));
        } else {
            fee = value.multiply(rate).setScale(FEE_SCALE, RoundingMode.DOWN);
            feeAsset = quote;
            account.spendLocked(base, quantity);
            reserved = reserved.subtract(quantity);
            account.credit(quote, value.subtract(fee));
        }
        executedQuantity = executedQuantity.add(quantity);
        executedQuote = executedQuote.add(value);
        paidFee = paidFee.add(fee);
        fills.add(new SimFill(tradeId, price, quantity, fee, feeAsset, maker, time));
        updatedAt = time;
        status = request.quantity() != null && executedQuantity.compareTo(request.quantity()) < 0
                ? SimOrderStatus.PARTIALLY_FILLED
                : SimOrderStatus.FILLED;
        if (status == SimOrderStatus.FILLED) {
            // A buy that filled below its limit leaves part of its reserve: it goes back to free.
            close(SimOrderStatus.FILLED, time);
        }
    }

    /** Ends the order in {@code finalStatus} (if still open) and frees what it still reserves. */
    void close(SimOrderStatus finalStatus, long time) {
        if (status.isOpen()) {
            status = finalStatus;
            updatedAt = time;
        }
        if (reserved.signum() > 0) {
            account.unlock(reserveAsset(), reserved);
            reserved = BigDecimal.ZERO;
        }
    }

    SimOrder snapshot() {
        return new SimOrder(
                orderId,
                account.key(),
                request,
                status,
                executedQuantity,
                executedQuote,
                paidFee,
                reserved,
                fills,
                createdAt,
                updatedAt);
    }
}
