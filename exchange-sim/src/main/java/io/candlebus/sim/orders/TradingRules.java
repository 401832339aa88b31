package io.candlebus.sim.orders;

import io.candlebus.contract.Market;
import io.candlebus.contract.OrderType;
import io.candlebus.sim.market.InstrumentSpec;
import java.math.BigDecimal;

/**
 * The venues' order rules: price tick, quantity step and minimum order value. Binance publishes them per
 * symbol in exchangeInfo ({@code PRICE_FILTER}, {@code LOT_SIZE}, {@code NOTIONAL}); here they are the
 * simulated instrument's tick and lot and a minimum by quote asset. Bithumb's KRW markets use its
 * price-band tick table, volumes of at most 8 decimals and a 5,000 KRW minimum total.
 */
public final class TradingRules {
    /** Bithumb's smallest order total in a KRW market. */
    public static final BigDecimal BITHUMB_MIN_TOTAL_KRW = new BigDecimal("5000");

    private static final int BITHUMB_VOLUME_SCALE = 8;
    /** Bithumb's KRW tick table: {lower bound, tick}, highest band first. */
    private static final BigDecimal[][] KRW_TICKS = {
        {new BigDecimal("1000000"), new BigDecimal("1000")},
        {new BigDecimal("500000"), new BigDecimal("500")},
        {new BigDecimal("100000"), new BigDecimal("100")},
        {new BigDecimal("50000"), new BigDecimal("50")},
        {new BigDecimal("10000"), new BigDecimal("10")},
        {new BigDecimal("5000"), new BigDecimal("5")},
        {new BigDecimal("100"), BigDecimal.ONE},
        {BigDecimal.TEN, new BigDecimal("0.01")},
        {BigDecimal.ONE, new BigDecimal("0.001")},
        {BigDecimal.ZERO, new BigDecimal("0.0001")}
    };

    private TradingRules() {}

    /**
     * Checks {@code order} against the rules of {@code venue} for {@code spec}; {@code lastPrice} values
     * market orders. Throws naming the rule and the field.
     */
    static void check(SimVenue venue, InstrumentSpec spec, NewOrder order, BigDecimal lastPrice) throws OrderRejection {
        if (order.price() != null) {
            BigDecimal tick = tickSize(venue, spec, order.price());
            if (order.price().signum() <= 0 || order.price().remainder(tick).signum() != 0) {
                throw new OrderRejection(
                        OrderRejection.Reason.PRICE_TICK,
                        "price: expected a positive multiple of " + tick.toPlainString() + ", was "
                                + order.price().toPlainString());
            }
        }
        if (order.quantity() != null) {
            boolean ok = order.quantity().signum() > 0
                    && (venue == SimVenue.BITHUMB
                            ? order.quantity().stripTrailingZeros().scale() <= BITHUMB_VOLUME_SCALE
                            : order.quantity().remainder(spec.sim().lotSize()).signum() == 0);
            if (!ok) {
                String expected = venue == SimVenue.BITHUMB
                        ? "a positive volume of at most " + BITHUMB_VOLUME_SCALE + " decimals"
                        : "a positive multiple of " + spec.sim().lotSize().toPlainString();
                throw new OrderRejection(
                        OrderRejection.Reason.QUANTITY_STEP,
                        "quantity: expected " + expected + ", was "
                                + order.quantity().toPlainString());
            }
        }
        BigDecimal value = order.funds() != null
                ? order.funds()
                : (order.type() == OrderType.LIMIT ? order.price() : lastPrice).multiply(order.quantity());
        BigDecimal min = minNotional(venue, spec);
        if (value.compareTo(min) < 0) {
            throw new OrderRejection(
                    OrderRejection.Reason.MIN_NOTIONAL,
                    "price x quantity: expected at least " + min.toPlainString() + ", was "
                            + value.stripTrailingZeros().toPlainString());
        }
    }

    /** Returns the price tick that applies to {@code price}. */
    public static BigDecimal tickSize(SimVenue venue, InstrumentSpec spec, BigDecimal price) {
        if (venue == SimVenue.BITHUMB && spec.instrument().symbol().startsWith("KRW-")) {
            for (BigDecimal[] band : KRW_TICKS) {
                if (price.compareTo(band[0]) >= 0) {
                    return band[1];
                }
            }
        }
        return spec.sim().tickSize();
    }

    /** Returns the smallest order value (quote) on {@code venue}. */
    public static BigDecimal minNotional(SimVenue venue, InstrumentSpec spec) {
        String quote = Assets.quote(spec.instrument());
        if (venue == SimVenue.BITHUMB) {
            return "KRW".equals(quote) ? BITHUMB_MIN_TOTAL_KRW : new BigDecimal("0.0005");
        }
        if (spec.instrument().market() == Market.USDM) {
            return new BigDecimal("100");
        }
        if (spec.instrument().market() == Market.COINM) {
            // Whole contracts: COIN-M has no value filter.
            return BigDecimal.ZERO;
        }
        return switch (quote) {
            case "BTC" -> new BigDecimal("0.0001");
            case "ETH" -> new BigDecimal("0.001");
            case "BNB" -> new BigDecimal("0.01");
            default -> new BigDecimal("5");
        };
    }
}
