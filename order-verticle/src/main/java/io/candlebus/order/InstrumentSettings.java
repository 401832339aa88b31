package io.candlebus.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Sizes and limits orders in one instrument, in the venue's order units (the base asset for spot and
 * USDT-M, contracts for COIN-M).
 *
 * @param quantity the size of each order a signal places
 * @param maxOrderQuantity the largest order accepted
 * @param maxPosition the largest absolute net position an order may lead to
 */
public record InstrumentSettings(BigDecimal quantity, BigDecimal maxOrderQuantity, BigDecimal maxPosition) {

    public InstrumentSettings {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(maxOrderQuantity, "maxOrderQuantity");
        Objects.requireNonNull(maxPosition, "maxPosition");
    }
}
