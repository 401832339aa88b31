package io.candlebus.order.pnl;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A net position valued at its average entry price: buying into a long (or selling into a short) moves the
 * average; trading against it realises {@code closed x (price - average)} on the closed part, and a trade
 * larger than the position opens the rest at the trade's price. Linear: an inverse (COIN-M) position is kept
 * in linear form by {@link LinearForm}. Mutable, single-threaded.
 */
public final class AverageCostPosition {
    static final MathContext MATH = MathContext.DECIMAL64;

    private BigDecimal quantity = BigDecimal.ZERO;
    private BigDecimal average = BigDecimal.ZERO;

    /** Applies a trade of {@code signedQuantity} (negative = sell) at {@code price}; returns the PnL it realised. */
    public BigDecimal trade(BigDecimal signedQuantity, BigDecimal price) {
        if (signedQuantity.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (quantity.signum() == 0 || quantity.signum() == signedQuantity.signum()) {
            BigDecimal total = quantity.add(signedQuantity);
            average = quantity.abs()
                    .multiply(average)
                    .add(signedQuantity.abs().multiply(price))
                    .divide(total.abs(), MATH);
            quantity = total;
            return BigDecimal.ZERO;
        }
        BigDecimal closed = signedQuantity.abs().min(quantity.abs());
        BigDecimal realised = closed.multiply(price.subtract(average)).multiply(BigDecimal.valueOf(quantity.signum()));
        BigDecimal after = quantity.add(signedQuantity);
        if (after.signum() == 0) {
            average = BigDecimal.ZERO;
        } else if (after.signum() != quantity.signum()) {
            average = price;
        }
        quantity = after;
        return realised;
    }

    /** Returns the PnL the position would realise if closed at {@code price} (zero when flat). */
    public BigDecimal unrealised(BigDecimal price) {
        return quantity.signum() == 0 ? BigDecimal.ZERO : quantity.multiply(price.subtract(average));
    }

    /** Returns the net quantity (negative when short). */
    public BigDecimal quantity() {
        return quantity;
    }

    /** Returns the average entry price (zero when flat). */
    public BigDecimal average() {
        return average;
    }
}
