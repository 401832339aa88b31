package io.candlebus.order;

import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The limits that need a price: the fat-finger guard (a LIMIT price within {@link
 * RiskSettings#maxPriceDeviationPercent()} of the last observed price) and the per-instrument {@link
 * InstrumentSettings#maxNotional()} (quantity x price; a MARKET order at the last observed price, else at its
 * reference price). A LIMIT order with no last price is refused: without one the guard cannot tell a typo from
 * a price. Order decimals are bounded ({@link OrderDecimals}) before they get here, so the arithmetic is cheap.
 */
public final class PriceGuard {
    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private final OrderConfig config;

    /** Creates the guard for {@code config}'s settings. */
    public PriceGuard(OrderConfig config) {
        this.config = config;
    }

    /**
     * Checks {@code request} against {@code last}, the instrument's last observed price if any. Returns the
     * violated limit, naming it and the values, or empty.
     */
    public Optional<String> check(OrderRequest request, Optional<BigDecimal> last) {
        if (request.type() == OrderType.LIMIT) {
            if (last.isEmpty()) {
                return Optional.of("risk limit maxPriceDeviationPercent: no recent price of " + request.instrument()
                        + " was observed (candles.live, candles.closed), so a LIMIT price cannot be checked;"
                        + " retry once its market data flows");
            }
            BigDecimal percent = config.risk().maxPriceDeviationPercent();
            BigDecimal reference = last.get();
            BigDecimal deviation = request.price()
                    .subtract(reference)
                    .abs()
                    .multiply(HUNDRED)
                    .divide(reference, MathContext.DECIMAL64);
            if (deviation.compareTo(percent) > 0) {
                return Optional.of("risk limit maxPriceDeviationPercent: LIMIT price "
                        + request.price().toPlainString() + " is "
                        + deviation.setScale(2, RoundingMode.HALF_UP).toPlainString()
                        + "% from the last price " + reference.toPlainString() + " of " + request.instrument()
                        + ", more than " + percent.toPlainString() + "%");
            }
        }
        BigDecimal maxNotional = config.settingsFor(request.instrument()).maxNotional();
        if (maxNotional == null) {
            return Optional.empty();
        }
        BigDecimal price = request.type() == OrderType.LIMIT ? request.price() : last.orElse(request.price());
        if (price == null) {
            return Optional.of("risk limit maxNotional: no price of " + request.instrument()
                    + " was observed and the MARKET order has no reference price, so its value cannot be checked");
        }
        BigDecimal notional = request.quantity().multiply(price);
        if (notional.compareTo(maxNotional) > 0) {
            return Optional.of("risk limit maxNotional: order value "
                    + notional.stripTrailingZeros().toPlainString()
                    + " (quantity " + request.quantity().toPlainString() + " x price " + price.toPlainString()
                    + ") exceeds " + maxNotional.toPlainString() + " for " + request.instrument());
        }
        return Optional.empty();
    }
}
