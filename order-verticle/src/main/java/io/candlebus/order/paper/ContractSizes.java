package io.candlebus.order.paper;

import io.candlebus.contract.Instrument;
import java.math.BigDecimal;

/** Binance COIN-M's standard contract sizes: 100 USD for BTC contracts, 10 USD for every other coin. */
public final class ContractSizes {
    private static final BigDecimal BTC = new BigDecimal("100");
    private static final BigDecimal OTHER = BigDecimal.TEN;

    private ContractSizes() {}

    /** Returns the standard USD size of one contract of the COIN-M {@code instrument}. */
    public static BigDecimal standard(Instrument instrument) {
        return instrument.symbol().startsWith("BTCUSD") ? BTC : OTHER;
    }
}
