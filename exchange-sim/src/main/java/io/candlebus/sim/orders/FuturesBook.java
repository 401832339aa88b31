package io.candlebus.sim.orders;

import io.candlebus.contract.Instrument;
import io.candlebus.contract.Market;
import io.candlebus.sim.market.InstrumentSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The futures side of a simulated account: positions, and the margin arithmetic of USDT-M (linear:
 * value = price x quantity in USDT) and COIN-M (inverse: value = contracts x contract size / price in
 * the coin). Margin is value / {@link SimVenue#LEVERAGE}; a reducing fill realises profit.
 */
final class FuturesBook {
    private static final int SCALE = 8;

    private final Map<Instrument, BigDecimal[]> positions = new TreeMap<>();

    /** Returns the value of {@code quantity} at {@code price}: USDT on USDT-M, the coin on COIN-M. */
    static BigDecimal value(InstrumentSpec spec, BigDecimal price, BigDecimal quantity) {
        if (spec.instrument().market() != Market.COINM) {
            return price.multiply(quantity);
        }
        return quantity.multiply(spec.sim().contractSize()).divide(price, SCALE, RoundingMode.HALF_EVEN);
    }

    /** Returns the initial margin of a position of {@code value}. */
    static BigDecimal margin(BigDecimal value) {
        return value.divide(BigDecimal.valueOf(SimVenue.LEVERAGE), SCALE, RoundingMode.UP);
    }

    /**
     * Applies a fill of {@code quantity} at {@code price} ({@code buy} or sell) to the position: moves the
     * change in position margin between free and locked of {@code account}, and returns the profit it
     * realised (0 when the position grew).
     */
    BigDecimal apply(SimAccount account, InstrumentSpec spec, boolean buy, BigDecimal quantity, BigDecimal price) {
        BigDecimal[] p = positions.computeIfAbsent(spec.instrument(), i ->
                new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal size = p[0];
        BigDecimal entry = p[1];
        BigDecimal signed = buy ? quantity : quantity.negate();
        BigDecimal realized = BigDecimal.ZERO;
        boolean inverse = spec.instrument().market() == Market.COINM;
        if (size.signum() == 0 || size.signum() == signed.signum()) {
            BigDecimal total = size.abs().add(quantity);
            entry = inverse
                    ? total.divide(
                            size.abs()
                                    .divide(entry.signum() == 0 ? price : entry, 16, RoundingMode.HALF_EVEN)
                                    .add(quantity.divide(price, 16, RoundingMode.HALF_EVEN)),
                            SCALE,
                            RoundingMode.HALF_EVEN)
                    : size.abs()
                            .multiply(entry)
                            .add(quantity.multiply(price))
                            .divide(total, SCALE, RoundingMode.HALF_EVEN);
        } else {
            BigDecimal closed = size.abs().min(quantity);
            BigDecimal perUnit = inverse
                    ? spec.sim()
                            .contractSize()
                            .multiply(BigDecimal.ONE
                                    .divide(entry, 16, RoundingMode.HALF_EVEN)
                                    .subtract(BigDecimal.ONE.divide(price, 16, RoundingMode.HALF_EVEN)))
                    : price.subtract(entry);
            realized = closed.multiply(perUnit)
                    .multiply(BigDecimal.valueOf(size.signum()))
                    .setScale(SCALE, RoundingMode.HALF_EVEN);
            if (quantity.compareTo(size.abs()) > 0) {
                entry = price;
            }
        }
        size = size.add(signed);
        if (size.signum() == 0) {
            entry = BigDecimal.ZERO;
        }
        BigDecimal newMargin = size.signum() == 0 ? BigDecimal.ZERO : margin(value(spec, entry, size.abs()));
        account.shiftToLocked(Assets.margin(spec.instrument()), newMargin.subtract(p[2]));
        p[0] = size;
        p[1] = entry;
        p[2] = newMargin;
        p[3] = p[3].add(realized);
        return realized;
    }

    List<Position> snapshot() {
        List<Position> out = new ArrayList<>();
        positions.forEach((instrument, p) -> out.add(new Position(instrument, p[0], p[1], p[2], p[3])));
        return out;
    }
}
