package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Side;
import io.candlebus.order.AssetBalance;
import io.candlebus.order.pnl.AverageCostPosition;
import io.candlebus.order.pnl.LinearForm;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The paper account: per venue market ({@code binance:spot}, ...) a wallet of assets, each free or locked.
 *
 * <p>Spot: a buy needs the quote asset (price x quantity plus the taker fee), a sell the base asset, so a spot
 * position can never go short. A LIMIT order locks what it needs when placed; a MARKET order is checked when
 * it fills (its price is known only then), except that a sell's base is locked at once. Every spot fee is
 * paid in the quote asset.
 *
 * <p>Futures (USDT-M in USDT, COIN-M in the base coin): one-way net positions, initial margin = notional /
 * leverage, locked while the position is open and released as it closes; realised PnL and fees move the
 * wallet's free amount. A LIMIT order locks the margin (and taker fee) of the part that would open or add to
 * the position. No funding, no liquidation.
 */
final class PaperAccount {
    private static final int SCALE = 8;

    private final BigDecimal leverage;
    private final Map<String, Map<String, Holding>> wallets = new TreeMap<>();
    private final Map<Instrument, FuturesPosition> futures = new HashMap<>();

    private static final class Holding {
        BigDecimal free = BigDecimal.ZERO;
        BigDecimal locked = BigDecimal.ZERO;
    }

    private static final class FuturesPosition {
        final AverageCostPosition linear = new AverageCostPosition();
        BigDecimal units = BigDecimal.ZERO;
        BigDecimal margin = BigDecimal.ZERO;
    }

    PaperAccount(PaperSettings settings) {
        this.leverage = settings.leverage();
        settings.balances()
                .forEach((venue, assets) -> assets.forEach((asset, amount) -> holding(venue, asset).free = amount));
    }

    private Holding holding(String venue, String asset) {
        return wallets.computeIfAbsent(venue, v -> new TreeMap<>()).computeIfAbsent(asset, a -> new Holding());
    }

    /**
     * Locks what {@code order} needs at {@code price} (its limit price; a MARKET sell locks its base only).
     * Returns the refusal naming the asset, what is needed and what is free.
     */
    Optional<String> reserve(PaperOrder order, Fees fees) {
        if (order.assets.futures()) {
            if (order.market()) {
                return Optional.empty();
            }
            return lock(
                    order,
                    order.assets.settle(),
                    futuresNeed(order, order.request.quantity(), order.request.price(), fees));
        }
        if (order.request.side() == Side.SELL) {
            return lock(order, order.assets.base(), order.request.quantity());
        }
        if (order.market()) {
            return Optional.empty();
        }
        BigDecimal cost = order.request.quantity().multiply(order.request.price());
        return lock(order, order.assets.quote(), cost.add(fee(cost, fees.taker())));
    }

    /**
     * Checks that a fill of {@code quantity} at {@code price} can be paid from what is free plus what the order
     * holds; returns the refusal naming the asset. Only MARKET orders can fail here: a LIMIT order locked enough.
     */
    Optional<String> affordable(PaperOrder order, BigDecimal quantity, BigDecimal price, BigDecimal fee, Fees fees) {
        String asset;
        BigDecimal need;
        if (order.assets.futures()) {
            asset = order.assets.settle();
            need = futuresNeed(order, quantity, price, fees);
        } else if (order.request.side() == Side.BUY) {
            asset = order.assets.quote();
            need = quantity.multiply(price).add(fee);
        } else {
            return Optional.empty();
        }
        BigDecimal available = holding(order.assets.venue(), asset).free.add(order.reserved);
        if (need.compareTo(available) > 0) {
            return Optional.of(insufficient(order, asset, need, available));
        }
        return Optional.empty();
    }

    /** Books a fill of {@code quantity} at {@code price} paying {@code fee} in the settlement asset. */
    void fill(PaperOrder order, BigDecimal quantity, BigDecimal price, BigDecimal fee) {
        unlockShare(order, quantity);
        String venue = order.assets.venue();
        boolean buy = order.request.side() == Side.BUY;
        if (order.assets.futures()) {
            FuturesPosition p = futures.computeIfAbsent(order.instrument(), i -> new FuturesPosition());
            LinearForm form = form(order);
            BigDecimal signed = buy ? quantity : quantity.negate();
            BigDecimal before = p.units;
            BigDecimal realised = p.linear.trade(form.quantity(signed), form.price(price));
            p.units = before.add(signed);
            BigDecimal closed = before.signum() == 0 || before.signum() == signed.signum()
                    ? BigDecimal.ZERO
                    : quantity.min(before.abs());
            BigDecimal released = closed.signum() == 0
                    ? BigDecimal.ZERO
                    : p.margin.multiply(closed).divide(before.abs(), MathContext.DECIMAL64);
            BigDecimal opened = quantity.subtract(closed);
            BigDecimal added = margin(form.notional(opened, price));
            p.margin = p.margin.subtract(released).add(added);
            Holding h = holding(venue, order.assets.settle());
            h.locked = h.locked.subtract(released).add(added);
            h.free = h.free.add(released).subtract(added).add(realised).subtract(fee);
            return;
        }
        Holding base = holding(venue, order.assets.base());
        Holding quote = holding(venue, order.assets.quote());
        BigDecimal value = quantity.multiply(price);
        if (buy) {
            quote.free = quote.free.subtract(value).subtract(fee);
            base.free = base.free.add(quantity);
        } else {
            base.free = base.free.subtract(quantity);
            quote.free = quote.free.add(value).subtract(fee);
        }
    }

    /** Gives back whatever the order still holds (it is final). */
    void release(PaperOrder order) {
        if (order.reserved.signum() > 0) {
            Holding h = holding(order.assets.venue(), order.reservedAsset);
            h.locked = h.locked.subtract(order.reserved);
            h.free = h.free.add(order.reserved);
            order.reserved = BigDecimal.ZERO;
        }
    }

    /** Returns the fee of a fill worth {@code value} (settlement asset) at {@code rate}, rounded up to 8 decimals. */
    static BigDecimal fee(BigDecimal value, BigDecimal rate) {
        return value.multiply(rate).setScale(SCALE, RoundingMode.UP).stripTrailingZeros();
    }

    /** Returns every wallet's assets as {@code exchange:market:ASSET}, free and locked. */
    List<AssetBalance> balances() {
        List<AssetBalance> out = new ArrayList<>();
        wallets.forEach((venue, assets) -> assets.forEach((asset, h) -> out.add(
                new AssetBalance(venue + ":" + asset, h.free.stripTrailingZeros(), h.locked.stripTrailingZeros()))));
        return out;
    }

    /** Returns the free amount of {@code asset} in {@code venue}'s wallet (zero if none). */
    BigDecimal free(String venue, String asset) {
        return holding(venue, asset).free;
    }

    /** Returns the locked amount of {@code asset} in {@code venue}'s wallet (zero if none). */
    BigDecimal locked(String venue, String asset) {
        return holding(venue, asset).locked;
    }

    private Optional<String> lock(PaperOrder order, String asset, BigDecimal amount) {
        Holding h = holding(order.assets.venue(), asset);
        if (amount.compareTo(h.free) > 0) {
            return Optional.of(insufficient(order, asset, amount, h.free));
        }
        h.free = h.free.subtract(amount);
        h.locked = h.locked.add(amount);
        order.reserved = amount;
        order.reservedAsset = asset;
        return Optional.empty();
    }

    /** Moves the share of the order's lock that {@code quantity} of its remaining quantity stands for to free. */
    private void unlockShare(PaperOrder order, BigDecimal quantity) {
        if (order.reserved.signum() == 0) {
            return;
        }
        BigDecimal share = quantity.compareTo(order.remaining()) >= 0
                ? order.reserved
                : order.reserved.multiply(quantity).divide(order.remaining(), MathContext.DECIMAL64);
        Holding h = holding(order.assets.venue(), order.reservedAsset);
        h.locked = h.locked.subtract(share);
        h.free = h.free.add(share);
        order.reserved = order.reserved.subtract(share);
    }

    /** The margin and taker fee of the part of a futures order that opens or adds to the position. */
    private BigDecimal futuresNeed(PaperOrder order, BigDecimal quantity, BigDecimal price, Fees fees) {
        FuturesPosition p = futures.get(order.instrument());
        BigDecimal units = p == null ? BigDecimal.ZERO : p.units;
        boolean reduces = units.signum() != 0 && (units.signum() > 0) != (order.request.side() == Side.BUY);
        BigDecimal opening = reduces ? quantity.subtract(units.abs()).max(BigDecimal.ZERO) : quantity;
        LinearForm form = form(order);
        return margin(form.notional(opening, price)).add(fee(form.notional(quantity, price), fees.taker()));
    }

    private BigDecimal margin(BigDecimal notional) {
        return notional.divide(leverage, SCALE, RoundingMode.UP);
    }

    private static LinearForm form(PaperOrder order) {
        return order.assets.inverse() ? new LinearForm(order.rules.contractSize()) : LinearForm.LINEAR;
    }

    private static String insufficient(PaperOrder order, String asset, BigDecimal need, BigDecimal free) {
        return "insufficient balance: " + order.request.side() + " "
                + order.request.quantity().toPlainString() + " "
                + order.instrument() + " needs " + need.stripTrailingZeros().toPlainString() + " " + asset + " in the "
                + order.assets.venue() + " paper account, "
                + free.stripTrailingZeros().toPlainString() + " free"
                + (order.assets.futures() ? "" : order.request.side() == Side.SELL ? " (spot cannot go short)" : "");
    }
}
