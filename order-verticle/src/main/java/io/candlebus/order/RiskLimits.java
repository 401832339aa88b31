package io.candlebus.order;

import io.candlebus.contract.OrderRequest;
import io.candlebus.contract.Side;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Checks orders against the configured limits before they reach a broker: the largest order and the
 * largest absolute position per instrument, and the most orders in any 60 s. An order that reduces an
 * absolute position is allowed even above the position limit, so a position can always be closed.
 */
public final class RiskLimits {
    private static final long MINUTE_MILLIS = 60_000;

    private final OrderConfig config;
    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    /** Creates limits from the config's per-instrument settings and its orders-per-minute limit. */
    public RiskLimits(OrderConfig config) {
        this.config = config;
    }

    /**
     * Checks {@code request} given the current net {@code position} in its instrument at time {@code now}
     * (epoch ms). Returns the violated limit, naming it and the values; or empty, in which case the order
     * counts towards the per-minute limit.
     */
    public Optional<String> admit(OrderRequest request, BigDecimal position, long now) {
        InstrumentSettings limits = config.settingsFor(request.instrument());
        if (request.quantity().compareTo(limits.maxOrderQuantity()) > 0) {
            return Optional.of("risk limit maxOrderQuantity: order quantity "
                    + request.quantity().toPlainString() + " exceeds "
                    + limits.maxOrderQuantity().toPlainString() + " for " + request.instrument());
        }
        BigDecimal after =
                request.side() == Side.BUY ? position.add(request.quantity()) : position.subtract(request.quantity());
        if (after.abs().compareTo(limits.maxPosition()) > 0 && after.abs().compareTo(position.abs()) > 0) {
            return Optional.of("risk limit maxPosition: position would be " + after.toPlainString() + " (now "
                    + position.toPlainString() + "), exceeding +/-"
                    + limits.maxPosition().toPlainString()
                    + " for " + request.instrument());
        }
        while (!admitted.isEmpty() && admitted.peekFirst() <= now - MINUTE_MILLIS) {
            admitted.removeFirst();
        }
        if (admitted.size() >= config.maxOrdersPerMinute()) {
            return Optional.of("risk limit maxOrdersPerMinute: " + admitted.size() + " orders in the last 60 s, limit "
                    + config.maxOrdersPerMinute());
        }
        admitted.addLast(now);
        return Optional.empty();
    }
}
