package io.candlebus.sim.orders;

import java.math.BigDecimal;

/**
 * Holds what differs between the simulated venues' order handling: fee rates, which asset pays the fee,
 * and how long a client order id stays taken.
 */
public enum SimVenue {
    /**
     * Bithumb: 0.25 % on both sides, always paid in the quote currency (a buy reserves price x volume plus
     * the fee). A client order id stays taken for good: repeating it with the same parameters returns the
     * existing order, with other parameters it is refused (exchange-apis.md 3.19 leaves this unconfirmed;
     * this is the safe reading).
     */
    BITHUMB(new BigDecimal("0.0025"), new BigDecimal("0.0025"), true, true),
    /**
     * Binance spot: 0.1 % maker and taker, paid in the asset received (the base on a buy, the quote on a
     * sell). A client order id is taken only while its order is open; afterwards it may be used again.
     */
    BINANCE_SPOT(new BigDecimal("0.001"), new BigDecimal("0.001"), false, false),
    /**
     * Binance USDT-M futures: 0.02 % maker, 0.05 % taker, in USDT. One-way mode (positionSide BOTH), cross
     * margin at a fixed {@link #LEVERAGE}x; no funding, no liquidation. Client ids as on spot.
     */
    BINANCE_USDM(new BigDecimal("0.0002"), new BigDecimal("0.0005"), true, false),
    /**
     * Binance COIN-M futures: as USDT-M, but quantities are contracts, and margin, fees and profit are in
     * the base coin.
     */
    BINANCE_COINM(new BigDecimal("0.0002"), new BigDecimal("0.0005"), true, false);

    /** The fixed leverage of the simulated futures accounts. */
    public static final int LEVERAGE = 20;

    private final BigDecimal makerFee;
    private final BigDecimal takerFee;
    private final boolean feeInQuote;
    private final boolean clientIdForever;

    SimVenue(BigDecimal makerFee, BigDecimal takerFee, boolean feeInQuote, boolean clientIdForever) {
        this.makerFee = makerFee;
        this.takerFee = takerFee;
        this.feeInQuote = feeInQuote;
        this.clientIdForever = clientIdForever;
    }

    /** Returns the fee rate of a fill that rested on the book. */
    public BigDecimal makerFee() {
        return makerFee;
    }

    /** Returns the fee rate of a fill that took liquidity. */
    public BigDecimal takerFee() {
        return takerFee;
    }

    /** Returns whether every fee is paid in the quote asset (else in the asset received). */
    public boolean feeInQuote() {
        return feeInQuote;
    }

    /** Returns whether the venue trades futures: positions and margin instead of spot balances. */
    public boolean isFutures() {
        return this == BINANCE_USDM || this == BINANCE_COINM;
    }

    /** Returns whether a client order id stays taken after its order is final. */
    public boolean clientIdForever() {
        return clientIdForever;
    }
}
