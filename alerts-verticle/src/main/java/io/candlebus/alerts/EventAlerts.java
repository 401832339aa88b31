package io.candlebus.alerts;

import io.candlebus.contract.OrderEvent;
import io.candlebus.contract.Signal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Turns signals and order events into alerts. */
final class EventAlerts {
    private final long maxSignalAgeMillis;

    EventAlerts(long maxSignalAgeMillis) {
        this.maxSignalAgeMillis = maxSignalAgeMillis;
    }

    /**
     * Returns the alert for a signal, or nothing when its candle closed longer ago than the bound at
     * {@code now} (market clock): warm-up history and gap fills replay signals nobody can act on.
     */
    Optional<Alert> signal(Signal s, long now) {
        long closeTime = s.openTime() + s.interval().millis();
        if (now - closeTime > maxSignalAgeMillis) {
            return Optional.empty();
        }
        String detail = s.side() + " at " + s.price().toPlainString() + " (rule " + s.rule() + ")\n" + s.reason()
                + "\ncandle " + Instant.ofEpochMilli(s.openTime()) + " "
                + s.interval().code();
        return Optional.of(new Alert(
                AlertKind.SIGNAL, s.instrument().key() + " " + s.interval().code(), detail, s.id(), s.time()));
    }

    /** Returns the alert for an order event; a cancellation is not alerted. */
    Optional<Alert> order(OrderEvent e) {
        AlertKind kind =
                switch (e.status()) {
                    case ACCEPTED -> AlertKind.ORDER_PLACED;
                    case FILLED -> AlertKind.ORDER_FILLED;
                    case REJECTED -> AlertKind.ORDER_REJECTED;
                    case CANCELLED -> null;
                };
        if (kind == null) {
            return Optional.empty();
        }
        StringBuilder detail = new StringBuilder()
                .append(e.side())
                .append(' ')
                .append(e.quantity().toPlainString());
        if (e.status() == io.candlebus.contract.OrderStatus.FILLED) {
            detail.append(", filled ").append(e.filledQuantity().toPlainString());
        }
        if (e.price() != null) {
            detail.append(" at ").append(e.price().toPlainString());
        }
        detail.append(e.paper() ? " (paper)" : " (live)");
        if (!e.reason().isEmpty()) {
            detail.append('\n')
                    .append(e.status() == io.candlebus.contract.OrderStatus.REJECTED ? "reason: " : "")
                    .append(e.reason());
        }
        detail.append("\nposition ")
                .append(plain(e.position()))
                .append("\norder ")
                .append(e.clientOrderId());
        return Optional.of(new Alert(
                kind, e.instrument().key(), detail.toString(), e.clientOrderId() + "|" + e.status(), e.time()));
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
