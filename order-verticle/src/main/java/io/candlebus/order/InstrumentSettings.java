package io.candlebus.order;

import io.candlebus.contract.ConfigException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Sizes and limits orders in one instrument, in the venue's order units (the base asset for spot and
 * USDT-M, contracts for COIN-M).
 *
 * @param quantity the size of each order a signal places
 * @param maxOrderQuantity the largest order accepted
 * @param maxPosition the largest absolute net position an order may lead to
 * @param maxNotional the largest order value, quantity x price in the quote currency (a MARKET order is
 *     valued at the last observed price); null = no limit. There is no single default: quote currencies
 *     differ (KRW, USDT), so it is set per instrument
 */
public record InstrumentSettings(
        BigDecimal quantity, BigDecimal maxOrderQuantity, BigDecimal maxPosition, BigDecimal maxNotional) {

    public InstrumentSettings {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(maxOrderQuantity, "maxOrderQuantity");
        Objects.requireNonNull(maxPosition, "maxPosition");
    }

    /** Creates settings without a notional limit. */
    public InstrumentSettings(BigDecimal quantity, BigDecimal maxOrderQuantity, BigDecimal maxPosition) {
        this(quantity, maxOrderQuantity, maxPosition, null);
    }

    /** Throws {@link ConfigException} naming the field under {@code path} if a setting is out of range. */
    void check(String path) {
        InstrumentSettings settings = this;
        if (settings.quantity().signum() <= 0) {
            throw new ConfigException(
                    path + ".quantity", "a decimal > 0", settings.quantity().toPlainString());
        }
        if (settings.maxOrderQuantity().signum() <= 0) {
            throw new ConfigException(
                    path + ".maxOrderQuantity",
                    "a decimal > 0",
                    settings.maxOrderQuantity().toPlainString());
        }
        if (settings.maxPosition().signum() <= 0) {
            throw new ConfigException(
                    path + ".maxPosition",
                    "a decimal > 0",
                    settings.maxPosition().toPlainString());
        }
        if (settings.maxNotional() != null && settings.maxNotional().signum() <= 0) {
            throw new ConfigException(
                    path + ".maxNotional",
                    "a decimal > 0",
                    settings.maxNotional().toPlainString());
        }
        if (settings.quantity().compareTo(settings.maxOrderQuantity()) > 0) {
            // Otherwise every order a signal places would be rejected by the risk check.
            throw new ConfigException(
                    path + ".quantity",
                    "at most maxOrderQuantity " + settings.maxOrderQuantity().toPlainString(),
                    settings.quantity().toPlainString());
        }
    }
}
