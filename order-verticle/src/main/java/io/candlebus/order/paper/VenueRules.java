package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.OrderType;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One instrument's order rules as its venue enforces them: the price tick ({@code PRICE_FILTER tickSize}, or
 * Bithumb's KRW tick table by price band), the quantity step ({@code LOT_SIZE stepSize}; Bithumb: 8 decimals),
 * the smallest order value ({@code NOTIONAL}/{@code MIN_NOTIONAL}; Bithumb's {@code min_total}, 5,000 KRW; zero
 * for COIN-M, whose orders are whole contracts) and, for COIN-M, the contract size in USD.
 *
 * @param instrument whose rules these are
 * @param tickSize the price tick; null = Bithumb's KRW table
 * @param stepSize the quantity step
 * @param minNotional the smallest price x quantity (zero = none)
 * @param contractSize USD per COIN-M contract, else one
 * @param source where the rules came from, for messages ({@code exchangeInfo}, {@code bithumb tick table})
 */
public record VenueRules(
        Instrument instrument,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minNotional,
        BigDecimal contractSize,
        String source) {

    /** Bithumb's smallest order total in a KRW market (exchange-apis.md 2.5; {@code /v1/orders/chance min_total}). */
    public static final BigDecimal BITHUMB_MIN_TOTAL_KRW = new BigDecimal("5000");

    /** Bithumb's KRW tick table: {lower bound, tick}, highest band first (exchange-apis.md 2.5). */
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

    public VenueRules {
        Objects.requireNonNull(instrument, "rules.instrument");
        Objects.requireNonNull(stepSize, "rules.stepSize");
        Objects.requireNonNull(minNotional, "rules.minNotional");
        Objects.requireNonNull(contractSize, "rules.contractSize");
        Objects.requireNonNull(source, "rules.source");
        if (stepSize.signum() <= 0 || (tickSize != null && tickSize.signum() <= 0)) {
            throw new IllegalArgumentException("rules of " + instrument + ": expected a tick and step > 0");
        }
    }

    /**
     * Bithumb's rules: the KRW tick table and 5,000 KRW minimum in KRW markets; in BTC markets a 1e-8 tick and a
     * 0.0005 BTC minimum (the simulator's reading; Bithumb documents no BTC-market table). Volumes take at most
     * 8 decimals.
     */
    public static VenueRules bithumb(Instrument instrument) {
        boolean krw = instrument.symbol().startsWith("KRW-");
        return new VenueRules(
                instrument,
                krw ? null : new BigDecimal("0.00000001"),
                new BigDecimal("0.00000001"),
                krw ? BITHUMB_MIN_TOTAL_KRW : new BigDecimal("0.0005"),
                BigDecimal.ONE,
                "bithumb tick table");
    }

    /** Returns the price tick that applies at {@code price}. */
    public BigDecimal tickAt(BigDecimal price) {
        if (tickSize != null) {
            return tickSize;
        }
        for (BigDecimal[] band : KRW_TICKS) {
            if (price.compareTo(band[0]) >= 0) {
                return band[1];
            }
        }
        return KRW_TICKS[KRW_TICKS.length - 1][1];
    }

    /**
     * Checks {@code request}; {@code marketPrice} (null if none observed yet) values a MARKET order, whose own
     * price is ignored. Returns the violated rule named as the venue names it, with the values.
     */
    public Optional<String> violation(OrderRequest request, BigDecimal marketPrice) {
        boolean limit = request.type() == OrderType.LIMIT;
        if (limit) {
            BigDecimal tick = tickAt(request.price());
            if (request.price().remainder(tick).signum() != 0) {
                return Optional.of(
                        "Filter failure: PRICE_FILTER: price " + request.price().toPlainString()
                                + " is not a multiple of the tick " + tick.toPlainString() + " of " + instrument + " ("
                                + source + ")");
            }
        }
        if (request.quantity().remainder(stepSize).signum() != 0) {
            return Optional.of("Filter failure: LOT_SIZE: quantity "
                    + request.quantity().toPlainString()
                    + " is not a multiple of the step " + stepSize.toPlainString() + " of " + instrument + " (" + source
                    + ")");
        }
        BigDecimal price = limit ? request.price() : marketPrice;
        if (price != null && minNotional.signum() > 0) {
            BigDecimal value = price.multiply(request.quantity());
            if (value.compareTo(minNotional) < 0) {
                return Optional.of("Filter failure: NOTIONAL: price x quantity "
                        + value.stripTrailingZeros().toPlainString() + " is below the minimum "
                        + minNotional.toPlainString() + " of " + instrument + " (" + source + ")");
            }
        }
        return Optional.empty();
    }
}
